/**
 * More promises of exported cells (electron/core/export/cells.ts), written against the mutants
 * the earlier tests let through: an amount the import marked approximate stays approximate in
 * the workbook even when its text carries no 约, digits grouped the wrong way are not read as a
 * number, and a money cell without an exact decimal is written as its text.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { outCell } from '../../../electron/core/export/cells';

describe('promise: an exported cell says what the plan says, no more and no less', () => {
  const money = { type: 'money' as const };
  const number = { type: 'number' as const };

  test('an amount marked approximate keeps its 约 format though its text has no 约', () => {
    assert.deepEqual(outCell(money, { text: '5000', value: '5000', approximate: true }), {
      kind: 'number',
      decimal: '5000',
      approximate: true,
    });
    assert.deepEqual(outCell(money, { text: '5000', value: '5000' }), {
      kind: 'number',
      decimal: '5000',
      approximate: false,
    });
  });

  test('digits grouped the wrong way stay the text typed, never a different number', () => {
    for (const text of ['1234,567', '1,2345', '1,234,56'])
      assert.deepEqual(outCell(number, { text, value: null }), { kind: 'text', text, formulaLike: false }, text);
  });

  test('a money cell without an exact decimal is written as its text', () => {
    assert.deepEqual(outCell(money, { text: '12', value: 12 }), { kind: 'text', text: '12', formulaLike: false });
    assert.deepEqual(outCell(money, { text: '/', value: null }), { kind: 'text', text: '/', formulaLike: false });
  });
});
