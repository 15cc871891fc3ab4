import crypto from 'node:crypto';
import type { SendOutRouting, StandardFillId } from '../../../shared/contract/calls/exchange';
import type { ColumnType } from '../../../shared/model/columns';
import type { PlanStore } from '../store/planStore';

/**
 * What the plan remembers of its send-outs, kept in the plan file's saved settings so it travels
 * with the plan: the plan's own id, each batch (which sheet, which columns, who got which rows,
 * when), the values each department was sent (to tell its edits from central ones on return),
 * and each return collected. All reads and writes of that state go through this module.
 *
 * Layout (scope / key → JSON):
 *   plan / id                    → the plan's id (a random UUID made at its first send-out)
 *   sendout / batches            → batch ids, oldest first
 *   sendout.batch / <batchId>    → BatchRecord
 *   sendout.sent / <fileId>      → SentValues
 *   sendout.returns / <fileId>   → ReturnRecord[]
 */

/** A column of a send-out workbook, as its stamp describes it. */
export interface StampColumn {
  /** Key within the workbook: the plan column's key, or "fill:<id>" for a standard fill-in column. */
  key: string;
  header: string;
  role: 'identifying' | 'fill';
  type: ColumnType;
  /** Where a value goes on return: an existing plan column, or a standard column made on first use. */
  target: { kind: 'column'; columnKey: string } | { kind: 'standard'; id: StandardFillId };
}

export interface FileRecord {
  fileId: string;
  department: string;
  fileName: string;
  rowIds: number[];
  /** Fingerprint of everything sent in the file; the workbook's stamp carries the same. */
  fingerprint: string;
}

export interface BatchRecord {
  id: string;
  sheetId: number;
  sheetName: string;
  createdAt: string;
  routing: SendOutRouting;
  columns: StampColumn[];
  files: FileRecord[];
}

/** Cell texts sent, by row id and stamp column key. */
export type SentValues = Record<string, Record<string, string>>;

export interface ReturnRecord {
  at: string;
  fileName: string;
  /** SHA-256 of the returned file's bytes: the same file collected twice is recognised. */
  sha256: string;
  actionId: number | null;
  cells: number;
  inserts: number;
}

const PLAN_SCOPE = 'plan';
const INDEX_SCOPE = 'sendout';
const BATCH_SCOPE = 'sendout.batch';
const SENT_SCOPE = 'sendout.sent';
const RETURNS_SCOPE = 'sendout.returns';

/** The plan's id, if it has been given one. */
export function planId(store: PlanStore): string | null {
  return store.getSetting<string>(PLAN_SCOPE, 'id') ?? null;
}

/**
 * A new id for a plan that has none: made on its first send-out (returned files name the plan
 * they came from) and stored with that batch (setPlanId), not before.
 */
export function newPlanId(): string {
  return crypto.randomUUID();
}

export function setPlanId(store: PlanStore, id: string): void {
  store.setSetting(PLAN_SCOPE, 'id', id);
}

export function newBatchId(): string {
  return crypto.randomUUID();
}

export function listBatches(store: PlanStore): BatchRecord[] {
  const ids = store.getSetting<string[]>(INDEX_SCOPE, 'batches') ?? [];
  return ids.map((id) => getBatch(store, id)).filter((batch): batch is BatchRecord => batch !== null);
}

export function getBatch(store: PlanStore, batchId: string): BatchRecord | null {
  return store.getSetting<BatchRecord>(BATCH_SCOPE, batchId) ?? null;
}

/** Record a batch and what each file carried, in one transaction. */
export function saveBatch(store: PlanStore, batch: BatchRecord, sent: ReadonlyMap<string, SentValues>): void {
  store.transaction(() => {
    const ids = store.getSetting<string[]>(INDEX_SCOPE, 'batches') ?? [];
    store.setSetting(BATCH_SCOPE, batch.id, batch);
    for (const [fileId, values] of sent) store.setSetting(SENT_SCOPE, fileId, values);
    store.setSetting(INDEX_SCOPE, 'batches', [...ids.filter((id) => id !== batch.id), batch.id]);
  });
}

export function sentValues(store: PlanStore, fileId: string): SentValues | null {
  return store.getSetting<SentValues>(SENT_SCOPE, fileId) ?? null;
}

export function returnsOf(store: PlanStore, fileId: string): ReturnRecord[] {
  return store.getSetting<ReturnRecord[]>(RETURNS_SCOPE, fileId) ?? [];
}

/** Record a collected return (call inside the transaction that applies it). */
export function addReturn(store: PlanStore, fileId: string, record: ReturnRecord): void {
  store.setSetting(RETURNS_SCOPE, fileId, [...returnsOf(store, fileId), record]);
}

/** A later batch of the same sheet that also went to this department, if any. */
export function newerBatchFor(store: PlanStore, batch: BatchRecord, department: string): BatchRecord | null {
  const batches = listBatches(store);
  const index = batches.findIndex((candidate) => candidate.id === batch.id);
  return (
    batches
      .slice(index + 1)
      .reverse()
      .find(
        (candidate) =>
          candidate.sheetId === batch.sheetId && candidate.files.some((file) => file.department === department),
      ) ?? null
  );
}
