import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bufferSource } from '../../../electron/core/formats/byteSource';
import { readWorkbook } from '../../../electron/core/formats/workbook';
import { PlanbenchError } from '../../../shared/contract/errors';
import { mutatedWorkbooks } from '../../fixtures/hostile/mutations';

/**
 * Damage of every kind to one small workbook (tests/fixtures/hostile/mutations.ts): the reader
 * reads the file or refuses it with a message naming it — a TypeError, a RangeError or a hang
 * would be a defect whatever the damage.
 */
describe('damaged workbooks are read or refused, never an internal error', () => {
  test("600 random edits of a small workbook's XML and bytes", async () => {
    let refused = 0;
    for (const { label, bytes } of mutatedWorkbooks(600, 20261204)) {
      try {
        await readWorkbook(bufferSource('损坏样本.xlsx', bytes));
      } catch (error) {
        assert.ok(error instanceof PlanbenchError, `${label}: ${error instanceof Error ? error.stack : String(error)}`);
        assert.equal(error.body.where?.file, '损坏样本.xlsx', label);
        refused++;
      }
    }
    // Most damage is detected (the CRC catches flipped bytes); some edits leave valid XML.
    assert.ok(refused > 300, `${refused} of 600 refused`);
  });
});
