import path from 'node:path';
import type { DocumentCommitResult, DocumentPreview } from '../../../shared/contract/calls/documents';
import type { SheetKind } from '../../../shared/model/columnTypes';
import type { CliIo } from '../command';
import { callApi, UsageError } from '../command';
import { openPlanToWrite } from '../openPlan';

/**
 * `planbench import PLAN FILE.docx|.doc|.pdf|.txt --as tasks [--name NAME] [--json]`: a policy
 * document broken down into a new 任务分解 sheet, through the same calls as the preview in the app
 * (documents.preview, then documents.commit of the rows as proposed) — one action, or nothing.
 */

/** Word and PDF files are always documents; a .txt is one when imported --as tasks. */
export function isDocumentImport(file: string, sheetKind: SheetKind | null): boolean {
  const extension = path.extname(file).toLowerCase();
  if (['.docx', '.doc', '.pdf', ''].includes(extension)) return true;
  return extension === '.txt' && sheetKind === 'tasks';
}

export function checkDocumentFlags(flags: Map<string, string | true>, sheetKind: SheetKind | null): void {
  for (const flag of ['--into', '--key', '--sheet', '--header']) {
    if (flags.has(flag))
      throw new UsageError(`导入文档时不能使用 ${flag} / ${flag} does not apply to importing a document`);
  }
  if (sheetKind !== null && sheetKind !== 'tasks')
    throw new UsageError('文档只能导入为任务分解表：--as tasks / a document imports as a task breakdown: --as tasks');
}

function report(preview: DocumentPreview, result: DocumentCommitResult): string[] {
  const from = { body: '正文的编号任务', table: '文档中的任务分解表', 'body+attachment': '正文任务与附件责任分工表' }[
    preview.from
  ];
  const lines = [
    `已从“${preview.fileName}”（${preview.format}）分解出 ${result.inserted} 项任务，写入新工作表“${result.sheetName}”（来源：${from}）`,
    `broke "${preview.fileName}" down into ${result.inserted} tasks in the new sheet "${result.sheetName}"`,
  ];
  if (preview.summary.lowConfidence > 0)
    lines.push(
      `其中 ${preview.summary.lowConfidence} 项把握不大，备注中写明了原因 / ${preview.summary.lowConfidence} rows are uncertain (see 备注)`,
    );
  if (result.unknownUnits.length > 0)
    lines.push(
      `单位名单中没有的单位（按原文保留）/ units not in the plan's list (kept as written): ${result.unknownUnits.join('、')}`,
    );
  for (const mismatch of preview.mismatches) lines.push(`注意 / note: ${mismatch.zh}（${mismatch.en}）`);
  return lines;
}

export async function importDocument(
  planFile: string,
  file: string,
  name: string | undefined,
  json: boolean,
  io: CliIo,
): Promise<number> {
  const session = await openPlanToWrite(planFile, io);
  try {
    const preview = await callApi(session.context, 'documents.preview', { file: { path: file } });
    const result = await callApi(session.context, 'documents.commit', {
      previewId: preview.previewId,
      ...(name !== undefined ? { name } : {}),
    });
    if (json) io.stdout(JSON.stringify({ ok: true, plan: planFile, ...result, preview }, null, 2));
    else for (const line of report(preview, result)) io.stdout(line);
  } finally {
    session.close();
  }
  return 0;
}
