import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DocumentPreview } from '../../../shared/contract/calls/documents';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { DocumentRead } from '../../../shared/import/taskBreakdown/blocks';
import { sourceLabel } from '../../../shared/import/taskBreakdown/breakdown';
import type { PlanStore } from '../store/planStore';
import { proposeBreakdown } from './proposeBreakdown';

/**
 * A document's proposed breakdown as the API shows it, and the previews kept on the main side
 * until they are committed or cancelled (a few at a time: the oldest goes first). A preview
 * belongs to the plan it was made on.
 */

const KEEP = 8;
const previews = new Map<string, { planFile: string; preview: DocumentPreview }>();

/** The document's title: the plan's name in 《》 of its notice, or its first title-like paragraph. */
export function documentTitle(read: DocumentRead): string {
  for (const block of read.blocks.slice(0, 40)) {
    if (block.kind !== 'paragraph' || block.text.length > 80) continue;
    const quoted = /《([^《》]*(?:方案|计划|要点|意见|规划|清单))》/.exec(block.text);
    if (quoted && /印发|通知/.test(block.text)) return quoted[1]!;
    if (/(?:方案|计划|要点|意见|规划)$/.test(block.text) && !/^关于|通知$/.test(block.text)) return block.text;
  }
  return path.basename(read.fileName, path.extname(read.fileName));
}

export function buildDocumentPreview(store: PlanStore, read: DocumentRead): DocumentPreview {
  const breakdown = proposeBreakdown(store, read);
  const rows = breakdown.rows.map((row) => ({ ...row, source: sourceLabel(row) }));
  const unknownUnits = [
    ...new Set(
      rows
        .flatMap((row) => [...row.lead, ...row.coop])
        .filter((unit) => !unit.known)
        .map((unit) => unit.name),
    ),
  ];
  const preview: DocumentPreview = {
    previewId: `doc-${randomBytes(10).toString('hex')}`,
    fileName: read.fileName,
    format: read.format,
    encoding: read.encoding,
    from: breakdown.from,
    contextYear: breakdown.contextYear,
    sheetName: `${documentTitle(read).slice(0, 80)}任务分解`,
    sections: breakdown.sections,
    rows,
    mismatches: breakdown.mismatches,
    summary: {
      rows: rows.length,
      unknownUnits,
      withoutUnits: rows.filter((row) => row.lead.length === 0 && row.coop.length === 0).length,
      lowConfidence: rows.filter((row) => row.confidence < 0.7).length,
    },
  };
  if (rows.length === 0) {
    throw PlanbenchError.of(
      'invalid_value',
      `无法导入“${read.fileName}”：文档中找不到编号的任务（如“1．…”“（一）…”）或任务分解表，规划未改动`,
      `cannot import "${read.fileName}": no numbered tasks ("1．…", "（一）…") or task table found in the document; nothing was changed`,
      { file: read.fileName },
    );
  }
  previews.set(preview.previewId, { planFile: store.file, preview });
  while (previews.size > KEEP) previews.delete(previews.keys().next().value!);
  return preview;
}

export function takePreview(store: PlanStore, previewId: string): DocumentPreview {
  const entry = previews.get(previewId);
  if (!entry || entry.planFile !== store.file) {
    throw PlanbenchError.of(
      'not_found',
      '文档预览已过期或属于另一个规划，请重新预览',
      'the document preview has expired or belongs to another plan; preview the document again',
      {},
    );
  }
  return entry.preview;
}

export function dropPreview(previewId: string): boolean {
  return previews.delete(previewId);
}
