/**
 * The grid's 合计 row after an edit is worked out in the page from the old totals and each
 * cell's old and new value (adjustTotals), without asking the store. It must give exactly the
 * figures the store's own totals give, for money (exact 分, in the column's unit) and plain
 * numbers (exact decimals), through values set, changed, cleared and made unknown ("/"). Group
 * subtotals (subtotals) are summed the same way and checked against the same totals.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { RowData } from '../../../shared/contract/contract';
import type { ValueChange } from '../../../renderer/src/grid/gridRows';
import { adjustTotals, subtotals, valueChange } from '../../../renderer/src/grid/gridRows';
import { tempDir } from '../../helpers';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const MONEY_TEXTS = [
  '4600',
  '12,345.67',
  '1.2亿',
  '120万',
  '/',
  '约5000',
  '0.01',
  '-30.5',
  '',
  '不涉及',
  '99999999.99',
  '0.0001万',
];
const NUMBER_TEXTS = ['0.1', '0.2', '26.62', '1,000', '', '-7', '3.14159', '1000000'];

test('totals adjusted from cell changes equal the store’s totals after every edit', () => {
  const { dir, cleanup } = tempDir();
  const store = PlanStore.create(path.join(dir, 'totals.planbench'), {
    title: '合计',
    periodStart: 2026,
    periodEnd: 2030,
  });
  try {
    const sheetId = store.createSheet({
      name: '项目',
      kind: 'projects',
      columns: [
        { key: 'name', name: '项目名称', type: 'text', role: 'name' },
        { key: 'investment', name: '总投资', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
        { key: 'yuan', name: '补助', type: 'money', settings: { moneyUnit: '元' } },
        { key: 'share', name: '占比', type: 'number' },
      ],
    });
    const next = random(20261121);
    const pick = (texts: readonly string[]) => texts[Math.floor(next() * texts.length)]!;
    store.insertRows(
      sheetId,
      Array.from({ length: 40 }, (_, index) => ({
        cells: {
          name: `项目${index + 1}`,
          investment: pick(MONEY_TEXTS),
          yuan: pick(MONEY_TEXTS),
          share: pick(NUMBER_TEXTS),
        },
      })),
      { source: 'user' },
    );
    let rows = new Map<number, RowData>(store.listRows(sheetId, 0, 100).rows.map((row) => [row.id, row]));
    let totals = store.totals(sheetId);
    const rowIds = [...rows.keys()];
    let checkedChanges = 0;
    for (let round = 0; round < 60; round++) {
      const edits = Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
        const columnKey = pick(['investment', 'yuan', 'share']);
        return {
          rowId: rowIds[Math.floor(next() * rowIds.length)]!,
          columnKey,
          text: pick(columnKey === 'share' ? NUMBER_TEXTS : MONEY_TEXTS),
        };
      });
      const { applied } = store.updateCells(sheetId, edits, { source: 'user' }, 'skip');
      // What the grid does: each applied cell before (from the rows it holds) and after.
      const changes: ValueChange[] = [];
      for (const change of applied) {
        const row = rows.get(change.rowId)!;
        changes.push(valueChange(change.columnKey, row.cells[change.columnKey], change.cell));
        const cells = { ...row.cells };
        if (change.cell.text === '') delete cells[change.columnKey];
        else cells[change.columnKey] = change.cell;
        rows.set(row.id, { ...row, cells });
      }
      checkedChanges += changes.length;
      totals = adjustTotals(totals, changes);
      assert.deepEqual(totals, store.totals(sheetId), `round ${round}: ${JSON.stringify(edits)}`);
      // Group subtotals are summed the same way: over all the rows, they are the store's totals.
      assert.deepEqual(
        [...subtotals([...rows.values()], store.columns(sheetId)).values()],
        store.totals(sheetId),
        `round ${round}: subtotals`,
      );
      // The rows the grid holds stay equal to the store's.
      if (round % 20 === 19) rows = new Map(store.listRows(sheetId, 0, 100).rows.map((row) => [row.id, row]));
    }
    assert.ok(checkedChanges > 60, `only ${checkedChanges} cell changes were checked`);
  } finally {
    store.close();
    cleanup();
  }
});
