import type { editingCalls } from '../../../../shared/contract/calls/editing';
import { SheetView } from '../../../../shared/contract/calls/editing';
import { PlanbenchError } from '../../../../shared/contract/errors';
import type { KindYears } from '../../../../shared/model/sheetKinds';
import { kindColumns } from '../../../../shared/model/sheetKinds';
import type { CellEdit } from '../../store/planStore';
import { setDepartmentMembers } from '../../store/departmentGroups';
import type { HandlersFor } from '../context';
import { insertedRowCells } from './insertedRow';
import { refreshDerivedCells, refuseComputedEdits } from '../../budgets/derivedCells';
import { sheetScope } from '../../store/settings';

/** A key for a new column: c1, c2, … — stable, ASCII, and never reused within a sheet. */
function nextColumnKey(existing: readonly string[]): string {
  let n = existing.length + 1;
  while (existing.includes(`c${n}`)) n++;
  return `c${n}`;
}

const LABELS = { user: '编辑单元格', paste: '粘贴', fill: '向下填充' } as const;

/** The years a new sheet's year columns are for: the plan's milestones, or a short period year by year. */
function newSheetYears(meta: {
  periodStart: number | null;
  periodEnd: number | null;
  milestoneYears: number[];
}): KindYears {
  const { periodStart, periodEnd, milestoneYears } = meta;
  const shortPeriod =
    periodStart !== null && periodEnd !== null && periodEnd - periodStart <= 5
      ? Array.from({ length: periodEnd - periodStart + 1 }, (_, index) => periodStart + index)
      : null;
  return { targetYears: milestoneYears, allocationYears: shortPeriod ?? milestoneYears };
}

export const editingHandlers: HandlersFor<typeof editingCalls> = {
  'sheets.create': ({ store }, { name, kind }) => {
    if (store.listSheets().some((sheet) => sheet.name === name)) {
      throw PlanbenchError.of('invalid_input', `已有名为“${name}”的工作表`, `a sheet named "${name}" already exists`);
    }
    const columns = kindColumns(kind, newSheetYears(store.getMeta()));
    const { value: sheetId } = store.inAction({ source: 'user', label: `新建工作表“${name}”` }, () =>
      store.createSheet({ name, kind, description: '', columns }),
    );
    return store.listSheets().find((sheet) => sheet.id === sheetId)!;
  },

  'sheets.rename': ({ store }, { sheetId, name }) => {
    store.renameSheet(sheetId, name, { source: 'user', label: `重命名工作表为“${name}”` });
    return store.listSheets().find((sheet) => sheet.id === sheetId)!;
  },

  'sheet.view.get': ({ store }, { sheetId }) => {
    store.assertSheet(sheetId);
    return SheetView.parse(store.getSetting(sheetScope(sheetId), 'view') ?? {});
  },

  'sheet.view.save': ({ store }, { sheetId, view }) => {
    store.assertSheet(sheetId);
    const keys = new Set(store.columns(sheetId).map((column) => column.key));
    const unknown = view.groupBy.find((key) => !keys.has(key));
    if (unknown) throw PlanbenchError.of('not_found', `找不到列（${unknown}）`, `no such column (${unknown})`);
    store.setSetting(sheetScope(sheetId), 'view', view);
    return view;
  },

  'cells.update': ({ store }, { sheetId, edits, appendRows, source, onInvalid, label }) => {
    const { value, actionId } = store.inAction({ source, label: label ?? LABELS[source] }, () => {
      const appended =
        appendRows > 0
          ? store.insertRows(
              sheetId,
              Array.from({ length: appendRows }, () => ({ cells: {} })),
              { source },
            ).rowIds
          : [];
      const resolved: CellEdit[] = edits.map((edit) => {
        if ('rowId' in edit) return edit;
        const rowId = appended[edit.newRow];
        if (rowId === undefined) {
          throw PlanbenchError.of(
            'invalid_input',
            `新增行序号 ${edit.newRow} 超出范围`,
            `new row index ${edit.newRow} is out of range`,
          );
        }
        return { rowId, columnKey: edit.columnKey, text: edit.text };
      });
      const computed = refuseComputedEdits(store, sheetId, resolved, onInvalid);
      const { applied, rejected } = store.updateCells(sheetId, computed.allowed, { source }, onInvalid);
      refreshDerivedCells(store, sheetId, applied);
      return { applied, rejected: [...computed.rejected, ...rejected], appendedRowIds: appended };
    });
    return { ...value, actionId };
  },

  'rows.insert': ({ store }, { sheetId, place, count }) => {
    const cells = count === 1 ? insertedRowCells(store, sheetId, place) : {};
    return store.insertRows(
      sheetId,
      Array.from({ length: count }, () => ({ cells })),
      { source: 'user', label: '插入行' },
      place,
    );
  },

  'rows.delete': ({ store }, { sheetId, rowIds }) =>
    store.deleteRows(sheetId, rowIds, { source: 'user', label: `删除 ${rowIds.length} 行` }),

  'rows.duplicate': ({ store }, { sheetId, rowIds }) => {
    const rows = store.rowsById(sheetId, rowIds);
    const last = rows[rows.length - 1]!;
    return store.insertRows(
      sheetId,
      rows.map((row) => ({
        cells: Object.fromEntries(Object.entries(row.cells).map(([key, cell]) => [key, cell.text])),
      })),
      { source: 'user', label: `复制 ${rows.length} 行` },
      { at: 'after', rowId: last.id },
    );
  },

  'rows.move': ({ store }, { sheetId, rowIds, beforeRowId }) =>
    store.moveRows(sheetId, rowIds, beforeRowId, { source: 'user', label: `移动 ${rowIds.length} 行` }),

  'rows.renumber': ({ store }, { sheetId, columnKey }) => {
    const { rows } = store.listRows(sheetId, 0, store.rowCount(sheetId));
    // Top-level rows are numbered 1, 2, 3… in sheet order; sub-rows keep their numbers.
    const topLevel = rows.filter((row) => row.parentId === null);
    const edits = topLevel.map((row, index) => ({ rowId: row.id, columnKey, text: String(index + 1) }));
    const changed = topLevel.filter((row, index) => row.cells[columnKey]?.text !== edits[index]!.text).length;
    const result = store.updateCells(sheetId, edits, { source: 'user', label: '重新编排序号' }, 'abort');
    return { actionId: result.actionId, changed };
  },

  'columns.add': ({ store }, { sheetId, name, type, role, settings }) => {
    const key = nextColumnKey(store.columns(sheetId).map((column) => column.key));
    return store.addColumn(sheetId, { key, name, type, role, settings }, { source: 'user', label: `添加列“${name}”` });
  },

  'columns.update': ({ store }, { sheetId, columnKey, ...patch }) => {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    return store.updateColumn(sheetId, columnKey, defined, { source: 'user', label: '修改列' });
  },

  'columns.layout': ({ store }, { sheetId, layout }) => {
    store.setColumnLayout(sheetId, layout);
    return { columns: store.columns(sheetId) };
  },

  'departments.add': ({ store }, { name, aliases }) => {
    const existing = store.resolveDepartment(name);
    if (existing) {
      throw PlanbenchError.of(
        'invalid_input',
        `单位“${name}”已在列表中（${existing.name}）`,
        `"${name}" is already a unit (${existing.name})`,
      );
    }
    store.addDepartments([{ name, aliases }]);
    return store.resolveDepartment(name)!;
  },

  'departments.setMembers': ({ store }, { name, members }) => setDepartmentMembers(store, name, members),

  'history.state': ({ store }) => store.undoState(),
  'history.undo': ({ store }, { overwrite }) => store.undo({ overwrite }),
  'history.redo': ({ store }, { overwrite }) => store.redo({ overwrite }),
};
