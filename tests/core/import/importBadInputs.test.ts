import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileSource } from '../../../electron/core/formats/byteSource';
import { readWorkbook } from '../../../electron/core/formats/workbook';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import { describeError, PlanbenchError } from '../../../shared/contract/errors';
import type { BadInput } from '../../fixtures/badInputs';
import { writeBadInputs } from '../../fixtures/badInputs';
import { refusal } from '../../fixtures/importHarness';
import { writeExcelJs } from '../../fixtures/writers';
import { projectsLayout } from '../../fixtures/seedLayouts';
import { tempDir } from '../../helpers';

/**
 * Every bad input is refused with a message in Chinese and English that names the file (and the
 * sheet where one applies), and the plan file is byte-for-byte what it was.
 */

const { dir, cleanup } = tempDir();
let planFile: string;
let inputs: BadInput[] = [];

function planBytes(): string {
  return createHash('sha256').update(fs.readFileSync(planFile)).digest('hex');
}

before(async () => {
  planFile = path.join(dir, 'plan.planbench');
  createSamplePlan(planFile).close();
  inputs = await writeBadInputs(dir);
});

after(cleanup);

describe('bad inputs are refused and change nothing', () => {
  test('every bad input, through import.preview', async () => {
    for (const input of inputs) {
      const before = planBytes();
      const store = PlanStore.open(planFile);
      let error;
      try {
        const sheetId = store.listSheets().find((sheet) => sheet.name === '重点工程')!.id;
        error = await refusal({ store, edition: 'cli' }, 'import.preview', {
          file: { path: input.file },
          target: { kind: 'append', sheetId },
        });
      } finally {
        store.close();
      }
      const text = describeError(error);
      assert.match(error.messageZh, input.zh, `${input.label}: ${text}`);
      assert.match(error.messageEn, input.en, `${input.label}: ${text}`);
      assert.equal(error.where?.file, path.basename(input.file), `${input.label} names the file`);
      assert.ok(
        error.messageZh.includes(path.basename(input.file)),
        `${input.label}: the message itself names the file`,
      );
      if (input.sheet) assert.equal(error.where?.sheet, input.sheet, `${input.label} names the sheet`);
      assert.equal(planBytes(), before, `${input.label} left the plan unchanged`);
      assert.ok(
        !fs.existsSync(`${planFile}-wal`) || fs.statSync(`${planFile}-wal`).size === 0,
        `${input.label}: nothing pending in the WAL`,
      );
    }
  });

  test('a file that is truncated while being read is refused', async () => {
    const file = path.join(dir, 'shrinking.xlsx');
    await writeExcelJs(projectsLayout(), file);
    const source = await fileSource(file);
    fs.truncateSync(file, 2000);
    await assert.rejects(readWorkbook(source), (error: unknown) => {
      assert.ok(error instanceof PlanbenchError);
      assert.match(error.body.messageZh, /读取过程中被修改|不完整或已损坏/);
      assert.equal(error.body.where?.file, 'shrinking.xlsx');
      return true;
    });
    await source.close();
  });

  test('a file that is gone, or a folder, is refused with its name', async () => {
    await assert.rejects(fileSource(path.join(dir, '不存在.xlsx')), (error: unknown) => {
      assert.ok(error instanceof PlanbenchError);
      assert.equal(error.body.code, 'not_found');
      assert.match(error.body.messageZh, /找不到文件“不存在\.xlsx”/);
      return true;
    });
    await assert.rejects(
      fileSource(dir),
      (error: unknown) => error instanceof PlanbenchError && /文件夹/.test(error.body.messageZh),
    );
  });

  test('a sheet the workbook does not have is refused, listing the sheets it has', async () => {
    const file = path.join(dir, 'projects.xlsx');
    await writeExcelJs(projectsLayout(), file);
    const source = await fileSource(file);
    await assert.rejects(readWorkbook(source, '表9'), (error: unknown) => {
      assert.ok(error instanceof PlanbenchError);
      assert.match(error.body.messageZh, /没有名为“表9”的工作表（有：附表）/);
      assert.equal(error.body.where?.sheet, '表9');
      return true;
    });
    await source.close();
  });
});
