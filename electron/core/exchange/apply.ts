import crypto from 'node:crypto';
import type { CollectAccept, CollectPreview, CollectResult } from '../../../shared/contract/calls/exchange';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { ActionOrigin, CellEdit, PlanStore, RowInit } from '../store/planStore';
import { addReturn } from './batches';
import type { ReturnContext, ReturnDiff } from './collect';
import { checkReturn, diffReturn, previewReturn } from './collect';
import { freshColumnKey, standardFill } from './fillColumns';
import { recordRoundReturn } from '../supervision/rounds';
import { refreshDerivedCells } from '../budgets/derivedCells';

/**
 * Previews wait here between collect.preview and collect.apply, in the main process, keyed by a
 * random id: the renderer holds only the id. Applying re-reads the plan and compares again, so
 * an edit made between preview and apply is never silently overwritten.
 */

interface HeldPreview {
  storeFile: string;
  context: ReturnContext;
  preview: CollectPreview;
  at: number;
}

const HELD = new Map<string, HeldPreview>();
const MAX_HELD = 16;
const HOLD_MS = 2 * 60 * 60 * 1000;

function hold(entry: HeldPreview): string {
  const now = Date.now();
  for (const [id, held] of HELD) if (now - held.at > HOLD_MS) HELD.delete(id);
  while (HELD.size >= MAX_HELD) HELD.delete(HELD.keys().next().value!);
  const id = crypto.randomUUID();
  HELD.set(id, entry);
  return id;
}

export async function collectPreview(store: PlanStore, fileName: string, bytes: Buffer): Promise<CollectPreview> {
  const { context, diff } = await previewReturn(store, fileName, bytes);
  const preview: CollectPreview = { previewId: '', ...diff.preview };
  preview.previewId = hold({ storeFile: store.file, context, preview, at: Date.now() });
  return preview;
}

function stale(fileName: string, detailZh: string, detailEn: string): PlanbenchError {
  return PlanbenchError.of(
    'invalid_input',
    `预览之后规划已被修改（${detailZh}），请重新打开“${fileName}”查看后再采用`,
    `the plan changed after the preview (${detailEn}); open "${fileName}" again to review before applying`,
    { file: fileName },
  );
}

/**
 * The accepted comment ids: all the preview showed ('all'), or those named; each still as the
 * preview compared it (the plan's comment there unchanged since), or the apply is stale.
 */
function acceptedComments(held: HeldPreview, fresh: ReturnDiff, accept: CollectAccept): string[] {
  const fileName = held.preview.fileName;
  const ids =
    accept === 'none'
      ? []
      : accept === 'all'
        ? held.preview.comments.map((comment) => comment.id)
        : (accept.comments ?? []);
  const shown = new Map(held.preview.comments.map((comment) => [comment.id, comment]));
  for (const id of ids) {
    const before = shown.get(id);
    if (!before)
      throw PlanbenchError.of('invalid_input', `预览中没有批注“${id}”`, `the preview has no comment "${id}"`);
    const now = fresh.commentEdits.get(id);
    if (!now || now.current !== before.current)
      throw stale(fileName, `“${before.label}”的批注已被修改`, `the comment of "${before.label}" has changed`);
  }
  return [...new Set(ids)];
}

/** The accepted cell and row ids, checked against a fresh comparison with the plan. */
function accepted(held: HeldPreview, fresh: ReturnDiff, accept: CollectAccept): { cells: string[]; rows: string[] } {
  const fileName = held.preview.fileName;
  const freshCells = new Map(fresh.preview.rows.flatMap((row) => row.cells.map((cell) => [cell.id, cell] as const)));
  const freshInserts = new Map(fresh.preview.inserts.map((insert) => [insert.id, insert] as const));
  if (accept === 'none') return { cells: [], rows: [] };
  if (accept === 'all') {
    // "All" is every proposed change and every readable added row: conflicts and edits to
    // locked columns need a decision of their own, cell by cell.
    const shown = new Set(
      held.preview.rows.flatMap((row) => row.cells.filter((cell) => cell.kind === 'proposed').map((cell) => cell.id)),
    );
    const cells = [...freshCells.values()].filter((cell) => cell.kind === 'proposed').map((cell) => cell.id);
    const gone = [...shown].find((id) => !cells.includes(id));
    if (gone)
      throw stale(
        fileName,
        `单元格 ${gone} 已不再是单纯的提议修改`,
        `cell ${gone} is no longer a plain proposed change`,
      );
    return {
      cells,
      rows: fresh.preview.inserts.filter((insert) => insert.reasonZh === null).map((insert) => insert.id),
    };
  }
  const previewed = new Map(held.preview.rows.flatMap((row) => row.cells.map((cell) => [cell.id, cell] as const)));
  for (const id of accept.cells) {
    const before = previewed.get(id);
    const now = freshCells.get(id);
    if (!before || !now) {
      if (!before)
        throw PlanbenchError.of('invalid_input', `预览中没有单元格“${id}”`, `the preview has no cell "${id}"`);
      throw stale(fileName, `单元格 ${id} 已与规划一致或已删除`, `cell ${id} now matches the plan or is gone`);
    }
    if (now.kind === 'invalid') {
      throw PlanbenchError.of(
        'invalid_input',
        `单元格“${now.header}”的值不能采用：${now.reasonZh ?? ''}`,
        `cell "${now.header}" cannot be applied: ${now.reasonEn ?? ''}`,
        {
          file: fileName,
          column: now.header,
        },
      );
    }
    if (now.current !== before.current || now.kind !== before.kind) {
      throw stale(fileName, `“${now.header}”现为“${now.current}”`, `"${now.header}" now reads "${now.current}"`);
    }
  }
  for (const id of accept.rows) {
    const insert = freshInserts.get(id);
    if (!insert)
      throw PlanbenchError.of('invalid_input', `预览中没有新增行“${id}”`, `the preview has no added row "${id}"`);
    if (insert.reasonZh !== null) {
      throw PlanbenchError.of(
        'invalid_input',
        `新增行“${insert.label}”不能采用：${insert.reasonZh}`,
        `added row "${insert.label}" cannot be applied: ${insert.reasonEn ?? ''}`,
        {
          file: fileName,
          row: insert.fileRow,
        },
      );
    }
  }
  return { cells: [...new Set(accept.cells)], rows: [...new Set(accept.rows)] };
}

/** Apply the accepted part of a held preview as one action; record the return. */
export function collectApply(store: PlanStore, previewId: string, accept: CollectAccept): CollectResult {
  const held = HELD.get(previewId);
  if (!held || held.storeFile !== store.file) {
    throw PlanbenchError.of(
      'not_found',
      '预览已过期或不属于当前规划，请重新打开返回的文件',
      'the preview has expired or belongs to another plan; open the returned file again',
    );
  }
  const context = checkReturn(store, held.context.returned);
  const fresh = diffReturn(store, context);
  const chosen = { ...accepted(held, fresh, accept), comments: acceptedComments(held, fresh, accept) };
  const { stamp } = context.returned;
  const sheetId = context.batch.sheetId;
  const origin = {
    source: 'merge' as const,
    detail: `${stamp.department} · ${held.preview.fileName}`,
    label: `合并${stamp.department}的填报`,
  };

  // One transaction: the merge action and the record of the return commit together or not at all.
  const { value, actionId } = store.transaction(() => {
    const outcome = store.inAction(origin, () => applyChosen(store, sheetId, fresh, chosen, origin));
    // A return that applied nothing is still recorded: the department did answer.
    addReturn(store, context.file.fileId, {
      at: new Date().toISOString(),
      fileName: held.preview.fileName,
      sha256: context.returned.sha256,
      actionId: outcome.actionId,
      cells: chosen.cells.length,
      inserts: chosen.rows.length,
    });
    // A return of a reporting round's send-out: its rows' progress figures are that round's.
    recordRoundReturn(store, context.batch.id, context.file.rowIds, outcome.actionId);
    return outcome;
  });
  HELD.delete(previewId);
  const counts = fresh.preview.counts;
  const acceptedCells = new Set(chosen.cells);
  const left = (kind: string) =>
    fresh.preview.rows.flatMap((row) => row.cells).filter((cell) => cell.kind === kind && !acceptedCells.has(cell.id))
      .length;
  return {
    actionId,
    applied: {
      cells: chosen.cells.length,
      inserts: chosen.rows.length,
      comments: chosen.comments.length,
      columnsAdded: value.columnsAdded,
    },
    left: {
      proposed: left('proposed'),
      conflicts: left('conflict'),
      locked: left('locked'),
      invalid: counts.invalid,
      inserts: fresh.preview.inserts.filter((insert) => insert.reasonZh === null).length - chosen.rows.length,
      deleted: counts.deleted,
    },
  };
}

/** Write the chosen cells and rows (inside the caller's action); returns the columns it made. */
function applyChosen(
  store: PlanStore,
  sheetId: number,
  fresh: ReturnDiff,
  chosen: { cells: string[]; rows: string[]; comments: string[] },
  origin: ActionOrigin,
): { columnsAdded: string[] } {
  // The department's comments, as theirs (the action names the department and the file).
  for (const id of chosen.comments) {
    const { rowId, columnKey, text, author } = fresh.commentEdits.get(id)!;
    store.setComment(sheetId, { rowId, columnKey }, { text, author }, origin);
  }
  // Standard fill-in columns the plan lacks are made now, in the same action.
  const created = new Map<string, string>();
  const columnsAdded: string[] = [];
  const needed = [
    ...chosen.cells.map((id) => fresh.cellEdits.get(id)!.target),
    ...chosen.rows.flatMap((id) => fresh.targets.filter((target) => fresh.insertRows.get(id)!.has(target.column.key))),
  ];
  for (const target of needed) {
    if (target.plan || target.column.target.kind !== 'standard' || created.has(target.column.key)) continue;
    const standard = standardFill(target.column.target.id);
    const key = freshColumnKey(store.columns(sheetId), standard.id);
    store.addColumn(
      sheetId,
      { key, name: standard.name, type: standard.type, settings: { ...standard.settings } },
      origin,
    );
    created.set(target.column.key, key);
    columnsAdded.push(target.column.header);
  }
  const planKey = (target: ReturnDiff['targets'][number]) => target.plan?.key ?? created.get(target.column.key)!;
  const edits: CellEdit[] = chosen.cells.map((id) => {
    const edit = fresh.cellEdits.get(id)!;
    return { rowId: edit.rowId, columnKey: planKey(edit.target), text: edit.text };
  });
  if (edits.length > 0) store.updateCells(sheetId, edits, origin, 'abort');
  const rows: RowInit[] = chosen.rows.map((id) => {
    const texts = fresh.insertRows.get(id)!;
    const cells: Record<string, string> = {};
    for (const target of fresh.targets) {
      const text = texts.get(target.column.key);
      if (text !== undefined && (target.plan || created.has(target.column.key))) cells[planKey(target)] = text;
    }
    return { cells };
  });
  if (rows.length > 0) {
    // Added rows go after the department's last row still in the plan, next to their siblings.
    const existing = new Set(store.listRows(sheetId, 0, store.rowCount(sheetId)).rows.map((row) => row.id));
    const anchor = [...fresh.sentRowIds].reverse().find((rowId) => existing.has(rowId));
    store.insertRows(sheetId, rows, origin, anchor === undefined ? { at: 'end' } : { at: 'after', rowId: anchor });
  }
  refreshDerivedCells(store, sheetId, 'all');
  return { columnsAdded };
}
