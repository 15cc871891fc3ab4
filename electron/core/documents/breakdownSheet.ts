import type {
  AcceptedTaskRow,
  DocumentCommitResult,
  DocumentPreview,
  ProposedTaskRow,
} from '../../../shared/contract/calls/documents';
import { PlanbenchError } from '../../../shared/contract/errors';
import { kindColumns } from '../../../shared/model/sheetKinds';
import type { ColumnInit, PlanStore, RowInit } from '../store/planStore';

/**
 * A 任务分解 sheet from a document's accepted rows: the kind's usual columns (序号 板块 工作事项
 * 具体内容 牵头单位 配合单位 完成时限 备注) plus 量化目标 and 出处, so every row can be found again
 * in the document. The sheet and all its rows are ONE change-log action naming the file: one
 * undo removes them all.
 */

/** The columns of a breakdown sheet: the tasks kind's, with 量化目标 and 出处 before 备注. */
export function breakdownColumns(): ColumnInit[] {
  const kind = kindColumns('tasks').map((column) => ({ ...column }));
  const note = kind.findIndex((column) => column.key === 'note');
  const extra: ColumnInit[] = [
    { key: 'targets', name: '量化目标', type: 'longText', role: null, settings: {} },
    { key: 'source', name: '出处', type: 'text', role: null, settings: {} },
  ];
  return [...kind.slice(0, note), ...extra, ...kind.slice(note)];
}

/** The row a proposal becomes when the user accepts it as it is. */
export function acceptedRow(row: ProposedTaskRow): AcceptedTaskRow {
  return {
    seq: row.seq,
    section: row.section,
    item: row.item,
    content: row.content,
    lead: row.lead.map((unit) => unit.name),
    coop: row.coop.map((unit) => unit.name),
    deadline: row.deadline,
    targets: row.targets,
    source: row.source,
    note:
      row.confidence < 0.7
        ? `待核实：${row.reasons
            .filter((reason) => reason.penalty > 0)
            .map((reason) => reason.zh)
            .join('；')}`
        : '',
  };
}

function freeSheetName(store: PlanStore, wanted: string): string {
  const base = wanted.trim().slice(0, 90) || '任务分解';
  const taken = new Set(store.listSheets().map((sheet) => sheet.name));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}（${n}）`;
  return name;
}

export function commitBreakdown(
  store: PlanStore,
  preview: DocumentPreview,
  rows: readonly AcceptedTaskRow[],
  name: string | undefined,
): DocumentCommitResult {
  if (rows.length === 0) {
    throw PlanbenchError.of(
      'invalid_input',
      `“${preview.fileName}”没有可导入的任务行，规划未改动`,
      `"${preview.fileName}" has no task rows to import; nothing was changed`,
      { file: preview.fileName },
    );
  }
  const sheetName = freeSheetName(store, name ?? preview.sheetName);
  const origin = { source: 'import', detail: preview.fileName, label: `导入 ${preview.fileName}（任务分解）` } as const;
  const inits: RowInit[] = rows.map((row) => ({
    cells: {
      seq: row.seq,
      section: row.section,
      item: row.item,
      content: row.content,
      lead: row.lead.join('、'),
      coop: row.coop.join('、'),
      deadline: row.deadline,
      targets: row.targets.join('\n'),
      source: row.source,
      note: row.note ?? '',
    },
  }));
  const { value, actionId } = store.inAction(origin, () => {
    const sheetId = store.createSheet({
      name: sheetName,
      kind: 'tasks',
      description: `由 ${preview.fileName} 分解（${preview.from === 'table' ? '文档中的任务分解表' : '正文的编号任务'}）`,
      columns: breakdownColumns(),
    });
    const inserted = store.insertRows(sheetId, inits, origin);
    return { sheetId, actionId: inserted.actionId };
  });
  const isKnown = (unit: string) => store.resolveDepartment(unit) !== null;
  const unknownUnits = [...new Set(rows.flatMap((row) => [...row.lead, ...row.coop]).filter((unit) => !isKnown(unit)))];
  return {
    fileName: preview.fileName,
    sheetId: value.sheetId,
    sheetName,
    actionId: actionId ?? value.actionId,
    inserted: rows.length,
    unknownUnits,
  };
}
