import type { SendOutStatus } from '../../../shared/contract/calls/exchange';
import type { PlanStore } from '../store/planStore';
import { listBatches, newerBatchFor, returnsOf } from './batches';
import { actionUndone } from './collect';

/** Send-out batches, newest first: per department whether and when it returned, and what it brought. */
export function sendOutStatus(store: PlanStore, sheetId?: number): SendOutStatus {
  const batches = listBatches(store)
    .filter((batch) => sheetId === undefined || batch.sheetId === sheetId)
    .reverse();
  return {
    batches: batches.map((batch) => ({
      batchId: batch.id,
      sheetId: batch.sheetId,
      sheetName: batch.sheetName,
      createdAt: batch.createdAt,
      routing: batch.routing,
      fill: batch.columns.filter((column) => column.role === 'fill').map((column) => column.header),
      superseded: batch.files.some((file) => newerBatchFor(store, batch, file.department) !== null),
      departments: batch.files.map((file) => {
        const returns = returnsOf(store, file.fileId).map((record) => ({
          at: record.at,
          fileName: record.fileName,
          cells: record.cells,
          inserts: record.inserts,
          undone: actionUndone(store, record.actionId),
        }));
        const last = returns[returns.length - 1];
        return {
          department: file.department,
          fileName: file.fileName,
          rows: file.rowIds.length,
          returned: returns.length > 0,
          lastReturnAt: last?.at ?? null,
          changes: returns
            .filter((record) => !record.undone)
            .reduce((sum, record) => sum + record.cells + record.inserts, 0),
          returns,
        };
      }),
    })),
  };
}
