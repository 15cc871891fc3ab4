import type { coreCalls } from '../../../../shared/contract/calls/core';
import { departmentMembers } from '../../store/departmentGroups';
import { APP_VERSION } from '../../version';
import { readOnlyNote } from '../../store/storeErrors';
import { sumTotals } from '../liveTotals';
import { editCell } from '../../budgets/derivedCells';
import type { HandlersFor } from '../context';

/** The core calls: plan, sheets, rows, cells, departments, change log. */
export const coreHandlers: HandlersFor<typeof coreCalls> = {
  'app.info': ({ store, edition }) => ({ version: APP_VERSION, schemaVersion: store.schemaVersion, edition }),

  'plan.get': ({ store }) => ({
    fileName: store.fileName,
    meta: store.getMeta(),
    sheets: store.listSheets(),
    readOnly: store.readOnly !== null,
    readOnlyNote: store.readOnly ? readOnlyNote(store.readOnly, store.holderElsewhere) : null,
  }),

  'plan.summary': ({ store }) => ({
    fileName: store.fileName,
    meta: store.getMeta(),
    departments: store.listDepartments().length,
    declaredChecks: store.listDeclaredChecks().length,
    sheets: store.listSheets().map((sheet) => {
      const childRows = store.childRowCount(sheet.id);
      return {
        id: sheet.id,
        name: sheet.name,
        kind: sheet.kind,
        rows: sheet.rowCount,
        topLevelRows: sheet.rowCount - childRows,
        childRows,
        totals: store.totals(sheet.id),
        categories: store.categoryTotals(sheet.id),
        allocationTotal: sheet.kind === 'allocation' ? store.allocationTotal(sheet.id) : null,
      };
    }),
  }),

  'sheet.get': ({ store }, { sheetId }) => store.getSheet(sheetId),

  'sheet.rows': ({ store }, { sheetId, offset, limit }) => {
    store.assertSheet(sheetId);
    return { offset, ...store.listRows(sheetId, offset, limit) };
  },

  'sheet.totals': ({ store }, { sheetId }) => {
    store.assertSheet(sheetId);
    return { totals: sumTotals(store, sheetId) };
  },

  'cell.update': ({ store }, { sheetId, rowId, columnKey, text }) =>
    editCell(store, sheetId, rowId, columnKey, text, { source: 'user' }),

  'departments.list': ({ store }) => ({ departments: store.listDepartments() }),

  'departments.groups': ({ store }) => ({
    groups: [...departmentMembers(store)].map(([name, members]) => ({ name, members })),
  }),

  'checks.declared': ({ store }) => ({ checks: store.listDeclaredChecks() }),

  'history.list': ({ store }, { limit, beforeId }) => ({ actions: store.history(limit, beforeId) }),
};
