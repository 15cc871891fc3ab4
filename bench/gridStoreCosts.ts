/** The grid bench's Node-side figures: the same calls' store, zod and JSON costs, and the store part of the paste. */

import type { Database as SqliteDatabase } from 'better-sqlite3';
import { PlanStore } from '../electron/core/store/planStore';
import { apiContract } from '../shared/contract/contract';
import { openRaw } from './raw';
import type { Summary } from './stats';
import { summarize, timed } from './stats';
import { NODE_REPS, PASTE_KEYS } from './gridConfig';
import { rawColumn, rawValue } from './gridSetup';
import type { Plan } from './gridSetup';

// ---- Node-side costs of the same calls -----------------------------------------------------

export interface NodeCosts {
  sheetRowsPage: Record<string, number>;
  totals: Summary;
}

/** What one 5,000-row sheet.rows page and one sheet.totals cost in the store, zod and JSON. */
export function nodeCosts(store: PlanStore, sheetId: number, rows: number): NodeCosts {
  const limit = Math.min(5000, rows);
  const offset = Math.max(0, Math.floor(rows / 2) - limit);
  const list = [];
  const zod = [];
  const stringify = [];
  const parse = [];
  let bytes = 0;
  for (let rep = 0; rep < NODE_REPS; rep++) {
    const listed = timed(() => ({ offset, ...store.listRows(sheetId, offset, limit) }));
    list.push(listed.ms);
    zod.push(timed(() => apiContract['sheet.rows'].output.parse(listed.result)).ms);
    const json = timed(() => JSON.stringify({ ok: true, result: listed.result }));
    stringify.push(json.ms);
    bytes = Buffer.byteLength(json.result);
    parse.push(timed(() => JSON.parse(json.result) as unknown).ms);
  }
  const totals = Array.from({ length: NODE_REPS }, () => timed(() => store.totals(sheetId)).ms);
  return {
    sheetRowsPage: {
      rows: limit,
      storeListRowsMs: summarize(list).p50,
      zodOutputParseMs: summarize(zod).p50,
      jsonStringifyMs: summarize(stringify).p50,
      jsonParseNodeMs: summarize(parse).p50,
      bytes,
    },
    totals: summarize(totals),
  };
}

// ---- the store part of the paste -----------------------------------------------------------

export interface StorePart {
  store: Summary;
  raw: Summary;
  ratio: number;
  zodInputParseMs: number;
  zodOutputParseMs: number;
  requestBytes: number;
  responseBytes: number;
}

/** The pastes the UI made, replayed: store.updateCells on the plan's copy vs raw better-sqlite3. */
export function storePart(plan: Plan, raw: { file: string; rowIds: number[] }, blocks: string[][][]): StorePart {
  const store = PlanStore.open(plan.copy);
  const db = openRaw(raw.file, 'FULL');
  const storeMs: number[] = [];
  const rawMs: number[] = [];
  let zodInput = 0;
  let zodOutput = 0;
  let requestBytes = 0;
  let responseBytes = 0;
  try {
    const rawPaste = rawPasteStatement(db);
    blocks.forEach((block, paste) => {
      const edits = block.flatMap((line, r) =>
        line.map((text, c) => ({ rowId: plan.rowIds[r]!, columnKey: PASTE_KEYS[c]!, text })),
      );
      const result = timed(() => store.updateCells(plan.sheetId, edits, { source: 'paste' }, 'skip'));
      if (
        result.result.applied.length !== edits.length ||
        result.result.rejected.length > 0 ||
        result.result.actionId === null
      ) {
        throw new Error(
          `grid bench: store.updateCells applied ${result.result.applied.length}, rejected ${result.result.rejected.length}`,
        );
      }
      storeMs.push(result.ms);
      const rawEdits = block.flatMap((line, r) =>
        line.map(
          (text, c) => [raw.rowIds[r]!, rawColumn(PASTE_KEYS[c]!), text, rawValue(PASTE_KEYS[c]!, text)] as const,
        ),
      );
      rawMs.push(timed(() => rawPaste(rawEdits)).ms);
      if (paste === 0) {
        // The call as the UI sends it, and its answer: what zod and JSON cost on 10,000 cells.
        const input = { sheetId: plan.sheetId, edits, appendRows: 0, source: 'paste', onInvalid: 'skip' };
        zodInput = timed(() => apiContract['cells.update'].input.parse(input)).ms;
        const output = { ...result.result, appendedRowIds: [] };
        zodOutput = timed(() => apiContract['cells.update'].output.parse(output)).ms;
        requestBytes = Buffer.byteLength(JSON.stringify(input));
        responseBytes = Buffer.byteLength(JSON.stringify({ ok: true, result: output }));
      }
    });
  } finally {
    db.close();
    store.close();
  }
  const storeSummary = summarize(storeMs);
  const rawSummary = summarize(rawMs);
  return {
    store: storeSummary,
    raw: rawSummary,
    ratio: storeSummary.p50 / rawSummary.p50,
    zodInputParseMs: zodInput,
    zodOutputParseMs: zodOutput,
    requestBytes,
    responseBytes,
  };
}

type RawCellEdit = readonly [rowId: number, columnId: number, text: string, num: bigint | number | null];

/**
 * 10,000 cell writes and audit rows in one transaction. An upsert, because some pasted cells
 * were empty (the bare schema, like the store's, keeps no row for an empty cell).
 */
function rawPasteStatement(db: SqliteDatabase): (edits: readonly RawCellEdit[]) => void {
  const upsert = db.prepare(
    'INSERT INTO cells (row_id, column_id, text, num) VALUES (?, ?, ?, ?) ON CONFLICT(row_id, column_id) DO UPDATE SET text = excluded.text, num = excluded.num',
  );
  const audit = db.prepare('INSERT INTO audit (at, row_id, column_id, before, after) VALUES (?, ?, ?, NULL, ?)');
  return db.transaction((edits: readonly RawCellEdit[]) => {
    const at = new Date().toISOString();
    for (const [rowId, columnId, text, num] of edits) {
      upsert.run(rowId, columnId, text, num);
      audit.run(at, rowId, columnId, text);
    }
  });
}
