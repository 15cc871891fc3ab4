import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/contract/contract';
import { tempDir } from '../../helpers';
import { convertAll, editSendOut, sofficeSkip, workbookPart, XLSX } from './exchange-libreoffice';
import { madeBytes, saveTo, saveToFolder } from '../../fileRefs';

/**
 * The department round trip with LibreOffice as the department: send 重点工程 out, change the
 * fill-in cells of 市住建局's workbook, have LibreOffice save it (as the department's program
 * would), collect it back. Then the cases that must be refused or flagged: a conflict with an
 * edit made centrally after sending, a locked column edited, rows added and deleted, a file of
 * another plan, the same file twice, a superseded batch, a file whose stamp was removed.
 */

const DEPARTMENT = '市住房和城乡建设局';

async function call<N extends ApiName>(context: ApiContext, name: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
  const response = await dispatch(context, name, input);
  if (!response.ok)
    throw Object.assign(new Error(`${name}: ${response.error.messageZh} / ${response.error.messageEn}`), {
      body: response.error,
    });
  return response.result as ApiOutput<N>;
}

/** Send a sheet out to one department and write its workbook to `file`. */
async function sendOut(context: ApiContext, sheetId: number, file: string): Promise<ApiOutput<'sendout.create'>> {
  const result = await call(context, 'sendout.create', {
    sheetId,
    departments: [DEPARTMENT],
    package: 'files',
    saveTo: saveToFolder(),
  });
  fs.writeFileSync(file, madeBytes(result.files[0]!.file));
  return result;
}

async function collect(context: ApiContext, file: string): Promise<ApiOutput<'collect.preview'>> {
  return call(context, 'collect.preview', { file: { path: file } });
}

async function refusal(context: ApiContext, file: string): Promise<string> {
  const response = await dispatch(context, 'collect.preview', { file: { path: file } });
  assert.equal(response.ok, false, `${path.basename(file)} should be refused`);
  return response.ok ? '' : `${response.error.messageZh} / ${response.error.messageEn}`;
}

describe('department round trip through LibreOffice', { skip: sofficeSkip(), timeout: 300_000 }, () => {
  const { dir, cleanup } = tempDir();
  const out = path.join(dir, 'libreoffice');
  let first: PlanStore;
  let second: PlanStore;
  let one: ApiContext;
  let two: ApiContext;
  let sheetOne: number;
  let sheetTwo: number;
  let sentOne: number[];
  let sentTwo: number[];
  const saved = (name: string) => path.join(out, name);

  before(async () => {
    // Plan one: the sample, with an identifying cell that looks like a formula.
    first = createSamplePlan(path.join(dir, 'one.planbench'));
    one = { store: first, edition: 'cli' };
    sheetOne = first.listSheets().find((sheet) => sheet.name === '重点工程')!.id;
    const housing = first
      .listRows(sheetOne, 0, 100)
      .rows.filter((row) => (row.cells.responsible?.value as string[])[0] === DEPARTMENT);
    first.updateCell(sheetOne, housing[1]!.id, 'name', '=1+1城市面源污染治理', { source: 'user' });
    const batchOne = await sendOut(one, sheetOne, path.join(dir, 'sent-one.xlsx'));
    sentOne = housing.map((row) => row.id);
    assert.equal(batchOne.files[0]!.rows, 5);

    // Plan two: the sample with a 进展情况 column of its own, edited centrally after sending.
    second = createSamplePlan(path.join(dir, 'two.planbench'));
    two = { store: second, edition: 'cli' };
    sheetTwo = second.listSheets().find((sheet) => sheet.name === '重点工程')!.id;
    second.addColumn(sheetTwo, { key: 'progress', name: '进展情况', type: 'longText' }, { source: 'user' });
    sentTwo = second
      .listRows(sheetTwo, 0, 100)
      .rows.filter((row) => (row.cells.responsible?.value as string[])[0] === DEPARTMENT)
      .map((row) => row.id);
    second.updateCell(sheetTwo, sentTwo[0]!, 'progress', '前期工作', { source: 'user' });
    await sendOut(two, sheetTwo, path.join(dir, 'sent-two.xlsx'));
    second.updateCell(sheetTwo, sentTwo[0]!, 'progress', '局里改的进展', { source: 'user' });

    // The departments' edits, then LibreOffice saves every file once (one soffice run).
    await editSendOut(path.join(dir, 'sent-one.xlsx'), path.join(dir, 'A.xlsx'), {
      cells: [
        [1, '完成投资', 1234.5],
        [1, '进展情况', '=已完成主体工程'],
        [2, '存在问题', '@资金缺口'],
        [2, '完成时间', new Date(Date.UTC(2024, 5, 30))],
        [3, '项目名称', '改了名字'],
        [4, '存在问题', '-5%的进度偏差'],
        [4, '进展情况', '+86 0519 联系人'],
        [6, '项目名称', '新增：老旧小区改造提升'],
        [6, '完成投资', 10],
        [7, '项目名称', '无效新增'],
        [7, '完成投资', '五千'],
      ],
      deleteRows: [5],
    });
    await editSendOut(path.join(dir, 'sent-one.xlsx'), path.join(dir, 'R.xlsx'), {
      cells: [[1, '进展情况', '标记被删']],
      removeStamp: true,
    });
    await editSendOut(path.join(dir, 'sent-two.xlsx'), path.join(dir, 'C.xlsx'), {
      cells: [
        [1, '进展情况', '部门写的进展'],
        [2, '进展情况', '部门更新'],
        [3, '完成投资', 99],
      ],
    });
    await editSendOut(path.join(dir, 'sent-two.xlsx'), path.join(dir, 'S.xlsx'), {
      cells: [[2, '进展情况', '晚交的']],
    });
    await convertAll(
      ['A', 'R', 'C', 'S'].map((name) => path.join(dir, `${name}.xlsx`)),
      XLSX,
      out,
    );
  });

  after(() => {
    first?.close();
    second?.close();
    cleanup();
  });

  test('LibreOffice rewrote the files: locked="false", which ExcelJS misreads and Planbench does not', async () => {
    const styles = await workbookPart(saved('A.xlsx'), 'xl/styles.xml');
    assert.match(styles, /locked="false"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved('A.xlsx'));
    const fillCell = book.worksheets[0]!.getRow(4).getCell(9);
    assert.notEqual(fillCell.protection?.locked, false, 'ExcelJS reads the unlocked fill-in cell as locked');
    const preview = await collect(one, saved('A.xlsx'));
    assert.deepEqual(preview.protection, { sheetProtected: true, fillInUnlocked: true });
    assert.match(preview.savedBy ?? '', /^LibreOffice/);
  });

  test('collect: proposed changes, a locked-column edit, added and deleted rows', async () => {
    const preview = await collect(one, saved('A.xlsx'));
    assert.equal(preview.department, DEPARTMENT);
    assert.deepEqual(preview.columnsToAdd, ['完成投资（万元）', '进展情况', '存在问题', '完成时间']);
    const cells = new Map(
      preview.rows.flatMap((row) => row.cells.map((cell) => [`${row.rowId}:${cell.header}`, cell])),
    );
    const at = (index: number, header: string) => cells.get(`${sentOne[index]}:${header}`);
    assert.deepEqual(
      [
        at(0, '完成投资（万元）'),
        at(0, '进展情况'),
        at(1, '存在问题'),
        at(1, '完成时间'),
        at(3, '存在问题'),
        at(3, '进展情况'),
      ].map((cell) => [cell?.kind, cell?.returned]),
      [
        ['proposed', '1234.5'],
        ['proposed', '=已完成主体工程'],
        ['proposed', '@资金缺口'],
        ['proposed', '2024-06-30'],
        ['proposed', '-5%的进度偏差'],
        ['proposed', '+86 0519 联系人'],
      ],
    );
    const locked = at(2, '项目名称');
    assert.equal(locked?.kind, 'locked');
    assert.equal(locked?.returned, '改了名字');
    assert.equal(at(1, '项目名称'), undefined, 'the formula-like name came back as the same text');
    assert.deepEqual(
      preview.deleted.map((row) => row.rowId),
      [sentOne[4]],
    );
    assert.equal(preview.inserts.length, 2);
    const [added, invalid] = preview.inserts;
    assert.match(added!.label, /新增：老旧小区改造提升/);
    assert.equal(added!.reasonZh, null);
    assert.ok(
      added!.cells.some((cell) => cell.header === '责任主体' && cell.text === DEPARTMENT),
      'an added row belongs to its department',
    );
    assert.match(invalid!.reasonZh ?? '', /完成投资.*不是金额/);
    assert.deepEqual(
      { ...preview.counts },
      {
        proposed: 6,
        conflicts: 0,
        locked: 1,
        invalid: 1,
        inserts: 1,
        deleted: 1,
        unchangedRows: 0,
        alreadyInPlan: 0,
        warnings: 0,
      },
    );
  });

  test('apply all: one merge action; locked edits, invalid rows and deletions are left alone', async () => {
    const preview = await collect(one, saved('A.xlsx'));
    const result = await call(one, 'collect.apply', { previewId: preview.previewId, accept: 'all' });
    assert.deepEqual(result.applied, {
      cells: 6,
      inserts: 1,
      comments: 0,
      columnsAdded: ['完成投资（万元）', '进展情况', '存在问题', '完成时间'],
    });
    assert.deepEqual({ ...result.left }, { proposed: 0, conflicts: 0, locked: 1, invalid: 1, inserts: 0, deleted: 1 });
    const [action] = first.history(1);
    assert.equal(action!.id, result.actionId);
    assert.equal(action!.source, 'merge');
    assert.equal(action!.detail, `${DEPARTMENT} · A.xlsx`);
    const rows = first.listRows(sheetOne, 0, 200).rows;
    const byId = new Map(rows.map((row) => [row.id, row]));
    assert.equal(byId.get(sentOne[0]!)!.cells.doneInvestment?.value, '1234.5');
    assert.equal(byId.get(sentOne[0]!)!.cells.progress?.text, '=已完成主体工程');
    assert.equal(byId.get(sentOne[1]!)!.cells.issues?.text, '@资金缺口');
    assert.equal(byId.get(sentOne[1]!)!.cells.doneDate?.value, '2024-06-30');
    assert.equal(byId.get(sentOne[3]!)!.cells.progress?.text, '+86 0519 联系人');
    assert.notEqual(
      byId.get(sentOne[2]!)!.cells.name?.text,
      '改了名字',
      'a locked-column edit is not applied by default',
    );
    assert.ok(byId.has(sentOne[4]!), 'a row the department deleted is never deleted');
    const added = rows.find((row) => row.cells.name?.text === '新增：老旧小区改造提升')!;
    assert.deepEqual(added.cells.responsible?.value, [DEPARTMENT]);
    assert.equal(rows[rows.indexOf(added) - 1]!.id, sentOne[4], "placed after the department's last row");
    assert.ok(!rows.some((row) => row.cells.name?.text === '无效新增'));
    assert.equal(first.totals(sheetOne).find((total) => total.columnKey === 'investment')!.sum, '3309473.59');

    const status = await call(one, 'sendout.status', { sheetId: sheetOne });
    const department = status.batches[0]!.departments[0]!;
    assert.equal(department.returned, true);
    assert.equal(department.changes, 7);
  });

  test('the same file twice is refused', async () => {
    assert.match(await refusal(one, saved('A.xlsx')), /已于 .* 收回过.*同一文件不会重复合并/);
  });

  test('a file of another plan is refused', async () => {
    assert.match(await refusal(one, saved('C.xlsx')), /来自另一份规划.*不是当前规划/);
  });

  test('a file whose stamp was removed is refused, pointing to the import wizard', async () => {
    assert.match(await refusal(one, saved('R.xlsx')), /下发标记.*已被删除.*导入/);
  });

  test('a cell changed both centrally and by the department is a conflict, shown side by side', async () => {
    const preview = await collect(two, saved('C.xlsx'));
    const cells = preview.rows.flatMap((row) => row.cells.map((cell) => ({ rowId: row.rowId, ...cell })));
    const conflict = cells.find((cell) => cell.rowId === sentTwo[0] && cell.header === '进展情况')!;
    assert.deepEqual(
      [conflict.kind, conflict.sent, conflict.returned, conflict.current],
      ['conflict', '前期工作', '部门写的进展', '局里改的进展'],
    );
    const proposed = cells.find((cell) => cell.rowId === sentTwo[1] && cell.header === '进展情况')!;
    assert.equal(proposed.kind, 'proposed');
    // "All" leaves the conflict; accepting it by id takes the department's value.
    const result = await call(two, 'collect.apply', {
      previewId: preview.previewId,
      accept: { cells: [conflict.id, proposed.id], rows: [] },
    });
    assert.equal(result.applied.cells, 2);
    const rows = new Map(second.listRows(sheetTwo, 0, 200).rows.map((row) => [row.id, row]));
    assert.equal(rows.get(sentTwo[0]!)!.cells.progress?.text, '部门写的进展');
    assert.equal(rows.get(sentTwo[1]!)!.cells.progress?.text, '部门更新');
    assert.equal(rows.get(sentTwo[2]!)!.cells.doneInvestment, undefined, 'not accepted, not applied');
  });

  test('a file of a superseded batch is refused', async () => {
    await call(two, 'sendout.create', {
      sheetId: sheetTwo,
      departments: [DEPARTMENT],
      package: 'files',
      saveTo: saveToFolder(),
    });
    assert.match(await refusal(two, saved('S.xlsx')), /旧文件.*重新下发/);
  });

  test('a workbook that was never sent out is pointed to the import wizard', async () => {
    const exported = await call(one, 'export.sheet', { sheetId: sheetOne, saveTo: saveTo('one.xlsx') });
    const file = path.join(dir, 'exported.xlsx');
    fs.writeFileSync(file, madeBytes(exported));
    assert.match(await refusal(one, file), /不是规划工作台下发的填报文件.*导入/);
  });
});
