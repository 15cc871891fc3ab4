/**
 * Promises of the send-out / collect round trip (electron/core/exchange/sendoutWorkbook.ts, stamp.ts,
 * collect.ts): a department's workbook lets it change only what it was asked to fill, and a
 * returned workbook whose hidden stamp was altered is refused even when its checksum was kept.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { checkReturn } from '../../../electron/core/exchange/collect';
import { readReturnedWorkbook, type ReturnedWorkbook } from '../../../electron/core/exchange/returnedWorkbook';
import type { Stamp } from '../../../electron/core/exchange/stamp';
import { fileFingerprint } from '../../../electron/core/exchange/stamp';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { tempDir } from '../../helpers';
import { madeBytes, saveToFolder } from '../../fileRefs';
import type { MadeFile } from '../../../shared/contract/files';

const DEPARTMENT = '市住房和城乡建设局';

describe('promise: a department can change only the cells it was asked to fill', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let projects: number;
  let sent: { fileName: string; bytes: Buffer };

  before(async () => {
    store = createSamplePlan(path.join(dir, 'plan.planbench'));
    context = { store, edition: 'cli' };
    projects = store.listSheets().find((sheet) => sheet.name === '重点工程')!.id;
    const response = await dispatch(context, 'sendout.create', {
      sheetId: projects,
      departments: [DEPARTMENT],
      package: 'files',
      saveTo: saveToFolder(),
      fill: [{ standard: 'doneInvestment' }, { standard: 'progress' }],
    });
    if (!response.ok) throw new Error(response.error.messageEn);
    const file = (response.result as { files: { fileName: string; file: MadeFile | null }[] }).files[0]!;
    sent = { fileName: file.fileName, bytes: madeBytes(file.file) };
  });

  after(() => {
    store.close();
    cleanup();
  });

  test('identifying columns are locked on a protected sheet; fill-in columns and blank rows are not', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(sent.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const protection = (sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
    assert.equal(protection?.sheet, true, 'the data sheet is protected');
    let headerRow = 0;
    sheet.eachRow((row, number) => {
      if (
        !headerRow &&
        (row.values as unknown[]).some((value) => typeof value === 'string' && value.startsWith('行标识'))
      )
        headerRow = number;
    });
    assert.ok(headerRow > 0);
    const headers = sheet.getRow(headerRow).values as unknown[];
    const fillIn = new Set(['完成投资（万元）', '进展情况']);
    const unlocked = (row: number, column: number) => sheet.getRow(row).getCell(column).protection?.locked === false;
    let identifying = 0;
    for (let row = headerRow + 1; row <= headerRow + 5; row++) {
      headers.forEach((header, column) => {
        if (typeof header !== 'string') return;
        if (fillIn.has(header)) assert.ok(unlocked(row, column), `${header} row ${row} can be filled in`);
        else {
          identifying++;
          assert.ok(!unlocked(row, column), `${header} row ${row} is locked`);
        }
      });
    }
    assert.ok(identifying >= 5 * 8, 'every identifying column of every row was looked at');
    const progress = headers.indexOf('进展情况');
    assert.ok(unlocked(headerRow + 7, progress), 'blank rows for additions can be filled in too');
  });

  test('an untouched return is accepted; a stamp altered but keeping its checksum is refused', async () => {
    const returned = await readReturnedWorkbook(sent.fileName, sent.bytes);
    const stamp = returned.stamp!;
    assert.ok(stamp, 'the workbook carries its stamp');
    assert.equal(stamp.department, DEPARTMENT);
    assert.equal(stamp.fingerprint, fileFingerprint(stamp), 'the stamp as written carries its own checksum');
    assert.equal(stamp.sheetName, '重点工程');
    assert.ok(stamp.headerRow > 0 && stamp.firstDataRow === stamp.headerRow + 1);
    assert.equal(stamp.rows.length, 5);
    const { bufferSource } = await import('../../../electron/core/formats/byteSource');
    const { openZip, findEntry, readEntry } = await import('../../../electron/core/formats/zip');
    const zip = await openZip(bufferSource(sent.fileName, sent.bytes));
    const workbookXml = (await readEntry(zip, findEntry(zip, 'xl/workbook.xml')!)).toString('utf8');
    assert.match(
      workbookXml,
      /<sheet name="下发标记" [^>]*state="veryHidden"/,
      'the stamp sheet cannot be unhidden from a menu',
    );
    const context = checkReturn(store, returned);
    assert.equal(context.file.department, DEPARTMENT, 'the file as sent can be collected');
    assert.equal(context.batch.id, stamp.batchId);
    const altered = (change: Partial<Stamp>): ReturnedWorkbook => ({ ...returned, stamp: { ...stamp, ...change } });
    const otherRow = store
      .listRows(projects, 0, 100)
      .rows.find((row) => !stamp.rows.some((sentRow) => sentRow.rowId === row.id))!;
    const tampered: Partial<Stamp>[] = [
      { department: '市生态环境局' },
      { rows: [...stamp.rows.slice(1), { rowId: otherRow.id, fingerprint: stamp.rows[0]!.fingerprint }] },
      { rows: stamp.rows.slice(1) },
      {
        columns: stamp.columns.map((column) =>
          column.role === 'fill' ? { ...column, role: 'identifying' as const } : column,
        ),
      },
      { fingerprint: '0'.repeat(32) },
    ];
    const refusal = (workbook: ReturnedWorkbook): string => {
      try {
        checkReturn(store, workbook);
      } catch (error) {
        const body = (error as { body?: { messageZh: string; messageEn: string } }).body;
        return body ? `${body.messageZh} | ${body.messageEn}` : String(error);
      }
      return 'accepted';
    };
    assert.match(
      refusal({ ...returned, stamp: null }),
      /下发标记（隐藏工作表）已被删除.*\| the send-out stamp \(a hidden sheet\) has been removed/,
    );
    assert.match(
      refusal({ ...returned, stamp: null, data: null }),
      /不是规划工作台下发的填报文件.*\| .* is not a Planbench send-out workbook/,
    );
    assert.match(
      refusal(altered({ planId: 'another-plan', planTitle: '别的规划' })),
      /来自另一份规划“别的规划”.*\| .*belongs to another plan, "别的规划"/,
    );
    assert.match(
      refusal(altered({ batchId: 'no-such-batch' })),
      /没有.*所属的下发记录.*\| the open plan has no record of the send-out/,
    );
    assert.match(refusal(altered({ fileId: 'no-such-file' })), /没有.*所属的下发记录/);
    assert.match(refusal({ ...returned, data: null }), /找不到填报工作表“.*”.*\| the fill-in sheet ".*" is missing/);
    // Re-signed: the edited stamp carries a checksum recomputed over its new content.
    const resigned = (change: Partial<Stamp>): ReturnedWorkbook => {
      const edited = { ...stamp, ...change };
      return { ...returned, stamp: { ...edited, fingerprint: fileFingerprint(edited) } };
    };
    assert.match(refusal(resigned({ department: '市生态环境局' })), /标记被改动过/, 'another department, re-signed');
    assert.match(refusal(resigned({ rows: stamp.rows.slice(1) })), /标记被改动过/, 'fewer rows, re-signed');
    for (const change of tampered) {
      assert.throws(
        () => checkReturn(store, altered(change)),
        (error: Error) =>
          /标记被改动过/.test(error.message) || /下发标记与规划中的下发记录不一致/.test(JSON.stringify(error)),
        `refused: ${Object.keys(change).join()}`,
      );
    }
  });
});
