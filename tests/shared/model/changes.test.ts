/**
 * What each kind of logged change means for the checks' snapshot (shared/model/changes.ts):
 * the snapshot follows cell edits and single rows added or removed, and re-reads a sheet (or
 * every sheet) for anything else — so a wrong answer here would make it miss or invent a row.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Change } from '../../../shared/model/changes';
import { CHANGE_KINDS, isChangeKind, snapshotEffect } from '../../../shared/model/changes';

const at = { sheetId: 3, rowId: 7, columnKey: null };
const row = { parentId: null, position: 1, cells: { name: '甲' } };
const column = {
  id: 2,
  key: 'name',
  name: '名称',
  type: 'text',
  role: null,
  position: 0,
  width: null,
  hidden: false,
  settings: {},
} as const;

describe('the change log: what each kind of change means for a snapshot', () => {
  test('a cell edit is that cell’s new text; a cleared or emptied cell is empty text', () => {
    const cell = (after: { text: string; value: null } | null): Change => ({
      ...at,
      kind: 'cell',
      columnKey: 'name',
      before: { text: '甲', value: null },
      after,
    });
    assert.deepEqual(snapshotEffect(cell({ text: '乙', value: null })), {
      touches: 'cell',
      sheetId: 3,
      rowId: 7,
      columnKey: 'name',
      text: '乙',
    });
    assert.deepEqual(snapshotEffect(cell(null)), {
      touches: 'cell',
      sheetId: 3,
      rowId: 7,
      columnKey: 'name',
      text: '',
    });
  });

  test('a cell change that names no row or no column re-reads its sheet', () => {
    const noColumn: Change = { ...at, kind: 'cell', before: null, after: { text: '乙', value: null } };
    const noRow: Change = {
      ...at,
      rowId: null,
      kind: 'cell',
      columnKey: 'name',
      before: null,
      after: { text: '乙', value: null },
    };
    assert.deepEqual(snapshotEffect(noColumn), { touches: 'sheet', sheetId: 3 });
    assert.deepEqual(snapshotEffect(noRow), { touches: 'sheet', sheetId: 3 });
  });

  test('a row inserted or deleted is a row added or removed, by which side exists', () => {
    for (const kind of ['rowInsert', 'rowDelete'] as const) {
      assert.deepEqual(snapshotEffect({ ...at, kind, before: null, after: row }), {
        touches: 'rowAdded',
        sheetId: 3,
        rowId: 7,
      });
      assert.deepEqual(snapshotEffect({ ...at, kind, before: row, after: null }), {
        touches: 'rowRemoved',
        sheetId: 3,
        rowId: 7,
      });
      assert.deepEqual(snapshotEffect({ ...at, rowId: null, kind, before: null, after: row }), {
        touches: 'sheet',
        sheetId: 3,
      });
    }
  });

  test('blocks of rows, moves, column and sheet changes re-read the sheet; a change of no sheet re-reads all', () => {
    const others: Change[] = [
      { ...at, kind: 'rowsInsert', before: null, after: { columns: ['name'], first: 7, rows: [[null, 1, '甲']] } },
      { ...at, kind: 'rowMove', before: { position: 1 }, after: { position: 2 } },
      { ...at, kind: 'columnAdd', before: null, after: column },
      { ...at, kind: 'columnUpdate', before: column, after: { ...column, name: '项目名称' } },
      { ...at, kind: 'sheetRename', before: { name: '甲' }, after: { name: '乙' } },
      {
        ...at,
        kind: 'sheetCreate',
        before: null,
        after: { id: 3, name: '甲', kind: 'table', position: 0, description: '', columns: [] },
      },
    ];
    for (const change of others)
      assert.deepEqual(snapshotEffect(change), { touches: 'sheet', sheetId: 3 }, change.kind);
    assert.deepEqual(
      snapshotEffect({ ...at, sheetId: null, kind: 'cell', columnKey: 'name', before: null, after: null }),
      { touches: 'plan' },
    );
  });

  test('every kind is known by name, and nothing else is', () => {
    for (const kind of CHANGE_KINDS) assert.equal(isChangeKind(kind), true, kind);
    for (const kind of ['', 'rowsDelete', 'Cell', 'toString', 'constructor'])
      assert.equal(isChangeKind(kind), false, kind);
  });
});
