import type { CollectCell, CollectInsert, CollectPreview, CollectRow } from '../../../shared/contract/calls/exchange';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { RowData, SheetDetail } from '../../../shared/contract/contract';
import { parseCellInput } from '../../../shared/values/cells';
import type { ColumnDef } from '../../../shared/model/columns';
import type { PlanStore } from '../store/planStore';
import type { BatchRecord, FileRecord, SentValues, StampColumn } from './batches';
import { getBatch, newerBatchFor, planId, returnsOf, sentValues } from './batches';
import { rowWarnings } from './collectWarnings';
import { sameValue } from './compare';
import type { ColumnShape } from './fillColumns';
import { standardShape, targetColumn } from './fillColumns';
import { textsLabel, rowLabel } from './labels';
import type { CommentEdit } from './returnedComments';
import { returnedComments } from './returnedComments';
import type { ReturnedWorkbook } from './returnedWorkbook';
import { readReturnedWorkbook, texts } from './returnedWorkbook';
import { departmentColumns, ownerColumn } from './routing';
import type { Stamp } from './stamp';
import { fileFingerprint, rowFingerprint } from './stamp';

/**
 * Collecting a returned workbook: recognise its stamp, refuse what does not belong here (another
 * plan, an unknown or superseded batch, a tampered stamp, the same file twice, a file without a
 * stamp), and otherwise compare, cell by cell, what was sent, what came back and what the plan
 * says now. The result is a preview; nothing is written until collect.apply.
 */

/** A return that belongs to this plan, with what was sent in it. */
export interface ReturnContext {
  returned: ReturnedWorkbook & { stamp: Stamp; data: NonNullable<ReturnedWorkbook['data']> };
  batch: BatchRecord;
  file: FileRecord;
  sent: SentValues;
}

function refuse(fileName: string, zh: string, en: string): PlanbenchError {
  return PlanbenchError.of('invalid_value', zh, en, { file: fileName });
}

function day(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/** Whether an action of the change log has since been undone. */
export function actionUndone(store: PlanStore, actionId: number | null): boolean {
  if (actionId === null) return false;
  const [action] = store.history(1, actionId + 1);
  return action?.id === actionId && action.state === 'undone';
}

/** Check that a read workbook is a return of this plan that can be collected now. */
export function checkReturn(store: PlanStore, returned: ReturnedWorkbook): ReturnContext {
  const { fileName, stamp, data } = returned;
  if (!stamp) {
    if (data) {
      throw refuse(
        fileName,
        `“${fileName}”中的下发标记（隐藏工作表）已被删除，无法确认它来自哪次下发、哪个单位；请让填报单位在原下发文件上填写后发回，或通过“导入”向导导入其中的数据（不作改动核对）`,
        `the send-out stamp (a hidden sheet) has been removed from "${fileName}", so it cannot be matched to a send-out and department; ask the department to fill in the original file, or bring its data in with the import wizard (without change checking)`,
      );
    }
    throw refuse(
      fileName,
      `“${fileName}”不是规划工作台下发的填报文件（没有下发标记）；如需把其中的数据导入规划，请使用“导入”向导`,
      `"${fileName}" is not a Planbench send-out workbook (it has no stamp); to bring its data into the plan, use the import wizard`,
    );
  }
  const title = store.getMeta().title;
  if (stamp.planId !== planId(store)) {
    throw refuse(
      fileName,
      `“${fileName}”来自另一份规划“${stamp.planTitle}”（${day(stamp.createdAt)} 下发给${stamp.department}），不是当前规划“${title}”的下发文件；请在下发它的规划中收回`,
      `"${fileName}" belongs to another plan, "${stamp.planTitle}" (sent to ${stamp.department} on ${day(stamp.createdAt)}), not to the open plan "${title}"; collect it in the plan that sent it`,
    );
  }
  const batch = getBatch(store, stamp.batchId);
  const file = batch?.files.find((candidate) => candidate.fileId === stamp.fileId);
  if (!batch || !file) {
    throw refuse(
      fileName,
      `当前规划中没有“${fileName}”所属的下发记录（${day(stamp.createdAt)} 下发给${stamp.department}）；打开的可能是下发之前的规划副本`,
      `the open plan has no record of the send-out "${fileName}" came from (sent to ${stamp.department} on ${day(stamp.createdAt)}); this may be a copy of the plan from before that send-out`,
    );
  }
  if (
    file.department !== stamp.department ||
    stamp.fingerprint !== file.fingerprint ||
    fileFingerprint(stamp) !== stamp.fingerprint
  ) {
    throw refuse(
      fileName,
      `“${fileName}”的下发标记与规划中的下发记录不一致（标记被改动过），无法核对；请让${file.department}使用原下发文件重新填写`,
      `the stamp of "${fileName}" does not match the plan's record of the send-out (it was altered), so the file cannot be checked; ask ${file.department} to fill in the original file again`,
    );
  }
  const newer = newerBatchFor(store, batch, file.department);
  if (newer) {
    throw refuse(
      fileName,
      `“${fileName}”是 ${day(batch.createdAt)} 下发的旧文件；${day(newer.createdAt)} 已向${file.department}重新下发了“${batch.sheetName}”，请让其填写新下发的文件后发回`,
      `"${fileName}" is from the send-out of ${day(batch.createdAt)}; "${batch.sheetName}" was sent to ${file.department} again on ${day(newer.createdAt)} — ask them to fill in and return the newer file`,
    );
  }
  // Only a merge still in force blocks the same file: a return that applied nothing, or whose
  // merge was undone, may be looked at again.
  const same = returnsOf(store, file.fileId).find(
    (record) => record.sha256 === returned.sha256 && record.actionId !== null && !actionUndone(store, record.actionId),
  );
  if (same) {
    throw refuse(
      fileName,
      `这个文件已于 ${day(same.at)} 收回过（${same.fileName}，${same.cells} 处修改、${same.inserts} 行新增）；同一文件不会重复合并。如需重新处理，请先撤销上次的合并`,
      `this very file was already collected on ${day(same.at)} (${same.fileName}: ${same.cells} cells, ${same.inserts} rows); the same file is not merged twice — undo that merge first to process it again`,
    );
  }
  if (!data) {
    throw refuse(
      fileName,
      `“${fileName}”中找不到填报工作表“${stamp.dataSheet}”（可能被删除或改名）`,
      `the fill-in sheet "${stamp.dataSheet}" is missing from "${fileName}" (deleted or renamed)`,
    );
  }
  const sent = sentValues(store, file.fileId);
  if (!sent) {
    throw refuse(
      fileName,
      `规划中缺少“${fileName}”的下发内容记录，无法核对`,
      `the plan has lost what was sent in "${fileName}", so it cannot be checked`,
    );
  }
  return { returned: { ...returned, stamp, data }, batch, file, sent };
}

/** A stamp column with where its values go in the plan now, and how they are read. */
interface Target {
  column: StampColumn;
  plan: ColumnDef | null;
  shape: ColumnShape;
}

function targets(sheet: SheetDetail, columns: readonly StampColumn[]): Target[] {
  return columns.map((column) => {
    const plan = targetColumn(sheet.columns, column);
    const shape: ColumnShape =
      plan ??
      (column.target.kind === 'standard'
        ? standardShape(column.target.id)
        : { name: column.header, type: column.type, role: null, settings: {} });
    return { column, plan, shape };
  });
}

/** A previewed return: what to show, and what collect.apply needs to act on it. */
export interface ReturnDiff {
  preview: Omit<CollectPreview, 'previewId'>;
  /** Per cell id: the plan column key it writes (null: a standard column to create) and the text. */
  cellEdits: Map<string, { rowId: number; target: Target; text: string }>;
  /** Per comment id: the comment to write (returnedComments.ts). */
  commentEdits: Map<string, CommentEdit>;
  /** Per insert id: its texts by stamp column key. */
  insertRows: Map<string, Map<string, string>>;
  targets: Target[];
  /** The rows the file was sent with, in sheet order at send time. */
  sentRowIds: readonly number[];
}

export function diffReturn(store: PlanStore, context: ReturnContext): ReturnDiff {
  const { returned, batch, file, sent } = context;
  const { stamp, data } = returned;
  const sheet = store.getSheet(batch.sheetId);
  const resolve = (name: string) => store.resolveDepartment(name)?.name ?? null;
  const columnTargets = targets(sheet, stamp.columns);
  const { rows: planRows } = store.listRows(sheet.id, 0, sheet.rowCount);
  const current = new Map<number, { row: RowData; index: number }>(
    planRows.map((row, index) => [row.id, { row, index }]),
  );
  const sentIds = new Set(file.rowIds);
  const stampPrints = new Map(stamp.rows.map((row) => [row.rowId, row.fingerprint]));
  const seen = new Set<number>();
  const rows: CollectRow[] = [];
  const inserts: CollectInsert[] = [];
  const cellEdits: ReturnDiff['cellEdits'] = new Map();
  const insertRows: ReturnDiff['insertRows'] = new Map();
  const counts = {
    proposed: 0,
    conflicts: 0,
    locked: 0,
    invalid: 0,
    inserts: 0,
    deleted: 0,
    unchangedRows: 0,
    alreadyInPlan: 0,
    warnings: 0,
  };
  const owner = ownerColumn(departmentColumns(sheet.columns));
  // A row sent to several units (the members of 各辖市区人民政府) is one row: a member's return
  // that differs from what another's already changed is a conflict, named as such.
  const sharedWith = (rowId: number): string[] =>
    batch.files
      .filter((other) => other.fileId !== file.fileId && other.rowIds.includes(rowId))
      .map((other) => other.department);

  for (const gridRow of data.rows) {
    if (gridRow.r <= data.headerRow) continue;
    const cells = texts(gridRow);
    const values = columnTargets.map(({ column }) =>
      (cells[data.columns.get(column.key) ?? -1] ?? '').replace(/\r\n?/g, '\n'),
    );
    if (values.every((text) => text.trim() === '')) continue;
    const idText = (cells[data.rowIdColumn] ?? '').trim();
    const rowId = /^\d+$/.test(idText) ? Number(idText) : null;

    if (rowId === null || !sentIds.has(rowId) || seen.has(rowId)) {
      // A row the department added (or a copy of one of its rows): a proposed insert.
      const id = `row:${gridRow.r}`;
      const byStampKey = new Map<string, string>();
      const shown: CollectInsert['cells'] = [];
      let rejected: { zh: string; en: string } | null = null;
      for (const [index, target] of columnTargets.entries()) {
        const text = values[index]!;
        if (text.trim() === '') continue;
        byStampKey.set(target.column.key, text);
        shown.push({ columnKey: target.column.key, header: target.column.header, text });
        const parsed = parseCellInput(target.shape, text, resolve);
        if (!parsed.ok && !rejected)
          rejected = {
            zh: `${target.column.header}：${parsed.reasonZh}`,
            en: `${target.column.header}: ${parsed.reasonEn}`,
          };
      }
      if (owner && !byStampKey.get(owner.key)?.trim() && stamp.columns.some((column) => column.key === owner.key)) {
        // The row is the department's own: it is named in the lead/responsible column.
        byStampKey.set(owner.key, stamp.department);
        shown.push({ columnKey: owner.key, header: owner.name, text: stamp.department });
      }
      const planTexts = new Map<string, string>();
      columnTargets.forEach((target) => {
        const text = byStampKey.get(target.column.key);
        if (text !== undefined && target.plan) planTexts.set(target.plan.key, text);
      });
      const insert: CollectInsert = {
        id,
        fileRow: gridRow.r,
        label: textsLabel(sheet.columns, planTexts) || `第 ${gridRow.r} 行`,
        cells: shown,
        reasonZh: rejected?.zh ?? null,
        reasonEn: rejected?.en ?? null,
      };
      const warnings = [...rowWarnings(sheet.columns, columnTargets, byStampKey, undefined, resolve).values()];
      if (warnings.length > 0 && !rejected) {
        insert.warnings = warnings;
        counts.warnings += warnings.length;
      }
      inserts.push(insert);
      insertRows.set(id, byStampKey);
      if (rejected) counts.invalid++;
      else counts.inserts++;
      continue;
    }

    seen.add(rowId);
    const sentRow = sent[rowId] ?? {};
    const sentTexts = columnTargets.map(({ column }) => sentRow[column.key] ?? '');
    // Fast path: a row returned exactly as sent.
    if (rowFingerprint(rowId, values) === stampPrints.get(rowId)) {
      counts.unchangedRows++;
      continue;
    }
    const now = current.get(rowId);
    const rowCells: CollectCell[] = [];
    columnTargets.forEach((target, index) => {
      const sentText = sentTexts[index]!;
      const returnedText = values[index]!;
      if (sameValue(target.shape, sentText, returnedText, resolve)) return;
      const currentText = now && target.plan ? (now.row.cells[target.plan.key]?.text ?? '') : '';
      const id = `${rowId}:${target.column.key}`;
      const base = {
        id,
        columnKey: target.column.key,
        header: target.column.header,
        sent: sentText,
        returned: returnedText,
        current: currentText,
      };
      const parsed = parseCellInput(target.shape, returnedText, resolve);
      let cell: CollectCell;
      if (!now) {
        cell = {
          ...base,
          kind: 'invalid',
          reasonZh: '该行已在规划中删除',
          reasonEn: 'the row has been deleted from the plan',
        };
      } else if (target.column.target.kind === 'column' && !target.plan) {
        cell = {
          ...base,
          kind: 'invalid',
          reasonZh: '该列已在规划中删除',
          reasonEn: 'the column has been deleted from the plan',
        };
      } else if (!parsed.ok) {
        cell = { ...base, kind: 'invalid', reasonZh: parsed.reasonZh, reasonEn: parsed.reasonEn };
      } else if (target.plan && sameValue(target.shape, returnedText, currentText, resolve)) {
        counts.alreadyInPlan++;
        return;
      } else if (target.column.role === 'identifying') {
        cell = {
          ...base,
          kind: 'locked',
          reasonZh: '锁定列（下发信息）被修改：工作表保护可能已被撤销；默认不采用',
          reasonEn:
            'a locked (identifying) column was edited — protection may have been removed; not applied unless accepted',
        };
      } else if (!sameValue(target.shape, sentText, currentText, resolve)) {
        const others = sharedWith(rowId);
        cell =
          others.length > 0
            ? {
                ...base,
                kind: 'conflict',
                reasonZh: `此行也下发给了${others.join('、')}；下发后规划中此单元格已被修改（可能是其交回），与本单位交回的值不同`,
                reasonEn: `this row was also sent to ${others.join(', ')}; the plan changed this cell since it was sent (perhaps by their return), and this return differs`,
              }
            : {
                ...base,
                kind: 'conflict',
                reasonZh: '下发后规划中此单元格也被修改过',
                reasonEn: 'the plan changed this cell too since it was sent',
              };
      } else {
        cell = { ...base, kind: 'proposed', reasonZh: null, reasonEn: null };
      }
      rowCells.push(cell);
      counts[cell.kind === 'proposed' ? 'proposed' : cell.kind === 'conflict' ? 'conflicts' : cell.kind]++;
      if (cell.kind !== 'invalid') cellEdits.set(id, { rowId, target, text: returnedText });
    });
    if (rowCells.length === 0) {
      counts.unchangedRows++;
      continue;
    }
    // What the department changed, as it would be applied: checked against the bounds it was given.
    const changed = new Map(
      rowCells.filter((cell) => cell.kind !== 'invalid').map((cell) => [cell.columnKey, cell.returned]),
    );
    const warnings = rowWarnings(sheet.columns, columnTargets, changed, now?.row, resolve);
    for (const cell of rowCells) {
      const warning = warnings.get(cell.columnKey);
      if (!warning || cell.kind === 'invalid') continue;
      cell.warnings = [warning];
      counts.warnings++;
    }
    rows.push({
      rowId,
      sheetRow: now ? now.index + 1 : null,
      fileRow: gridRow.r,
      label: now ? rowLabel(sheet.columns, now.row) : textsLabel(sheet.columns, new Map(Object.entries(sentRow))),
      cells: rowCells,
    });
  }

  const deleted = file.rowIds
    .filter((rowId) => !seen.has(rowId))
    .map((rowId) => {
      const now = current.get(rowId);
      return { rowId, label: now ? rowLabel(sheet.columns, now.row) : `（规划中也已删除）${rowId}` };
    });
  counts.deleted = deleted.length;

  const returnedNotes = returnedComments(store, sheet, data, stamp.columns, sentIds, stamp.department);
  const columnsToAdd = columnTargets
    .filter((target) => target.column.target.kind === 'standard' && !target.plan)
    .map((target) => target.column.header);
  return {
    preview: {
      fileName: returned.fileName,
      department: stamp.department,
      batchId: batch.id,
      sentAt: batch.createdAt,
      sheetId: sheet.id,
      sheetName: sheet.name,
      savedBy: programName(returned.application),
      protection: returned.protection,
      notes: [...notes(store, context, counts.locked), ...warningNote(counts.warnings)],
      rows,
      inserts,
      comments: returnedNotes.comments,
      deleted,
      columnsToAdd,
      counts,
    },
    commentEdits: returnedNotes.edits,
    cellEdits,
    insertRows,
    targets: columnTargets,
    sentRowIds: file.rowIds,
  };
}

function notes(store: PlanStore, context: ReturnContext, locked: number): CollectPreview['notes'] {
  const out: CollectPreview['notes'] = [];
  const { returned, file } = context;
  const program = programName(returned.application);
  if (program && program !== 'Planbench') {
    out.push({ level: 'info', zh: `文件最后由 ${program} 保存`, en: `last saved by ${program}` });
  }
  if (!returned.protection.sheetProtected) {
    out.push({
      level: 'warning',
      zh: `填报表的工作表保护已被撤销${locked > 0 ? `，有 ${locked} 处锁定列被修改（默认不采用）` : ''}`,
      en: `the fill-in sheet's protection was removed${locked > 0 ? `; ${locked} locked cells were edited (not applied by default)` : ''}`,
    });
  }
  const earlier = returnsOf(store, file.fileId).filter((record) => !actionUndone(store, record.actionId));
  const last = earlier[earlier.length - 1];
  if (last) {
    out.push({
      level: 'warning',
      zh: `${file.department}已于 ${day(last.at)} 交回过一次（${last.fileName}）；本次只列出与规划当前内容不同之处`,
      en: `${file.department} already returned this send-out on ${day(last.at)} (${last.fileName}); only what differs from the plan now is listed`,
    });
  }
  return out;
}

function warningNote(count: number): CollectPreview['notes'] {
  if (count === 0) return [];
  return [
    {
      level: 'warning',
      zh: `有 ${count} 处填报值超出填报说明的限度（完成投资超过投资匡算，或完成率超过 100%），已在下方标出；采用前请核实`,
      en: `${count} returned values exceed the bounds the fill-in sheet states (完成投资 over 投资匡算, or a rate over 100%); they are marked below — check them before accepting`,
    },
  ];
}

/** Read, check and compare a returned file. */
export async function previewReturn(
  store: PlanStore,
  fileName: string,
  bytes: Buffer,
): Promise<{ context: ReturnContext; diff: ReturnDiff }> {
  const returned = await readReturnedWorkbook(fileName, bytes);
  const context = checkReturn(store, returned);
  return { context, diff: diffReturn(store, context) };
}

/** "LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/…" → "LibreOffice 7.4.7.2". */
export function programName(application: string | null): string | null {
  if (!application) return null;
  return application.replace(/\$.*$/, '').replace('/', ' ').trim() || null;
}
