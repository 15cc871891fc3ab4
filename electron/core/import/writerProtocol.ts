import type { ApiErrorBody } from '../../../shared/contract/errors';
import type { ColumnMatch, TargetColumn } from '../../../shared/import/importMapping';
import type { ActionOrigin, SheetInit } from '../store/planStore';
import type { RowBatch } from './rowBatches';

/**
 * What the main thread and the import writer thread (writerWorker.ts) say to each other. The
 * main thread sends on a MessagePort the worker reads synchronously — the worker holds one
 * transaction open from the first message to the last, so it cannot wait in its event loop —
 * and the worker answers on its parent port.
 */

export type ToWriter =
  | {
      type: 'begin';
      planFile: string;
      origin: ActionOrigin;
      /** A new sheet to create (inside the action), or the sheet to append to. */
      sheet: { create: SheetInit } | { sheetId: number };
      columnKeys: string[];
    }
  | { type: 'rows'; batch: RowBatch }
  | { type: 'finish'; layout: { key: string; matches: ColumnMatch[]; columns: TargetColumn[] } }
  | { type: 'abort' };

export type FromWriter =
  /** Rows written so far (inside the transaction). */
  | { type: 'progress'; done: number }
  | { type: 'done'; sheetId: number; actionId: number | null }
  /** The import failed and was rolled back; `error` is a PlanbenchError's body when it was one. */
  | { type: 'failed'; error: ApiErrorBody | null; message: string };
