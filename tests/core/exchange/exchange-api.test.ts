import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { verifyPassword } from '../../../electron/core/formats/protection';
import { bufferSource } from '../../../electron/core/formats/byteSource';
import { openZip } from '../../../electron/core/formats/zip';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/contract/contract';
import { tempDir } from '../../helpers';
import { editSendOut, workbookPart } from './exchange-libreoffice';
import { madeBytes, saveToFolder } from '../../fileRefs';

/**
 * Send-out and collect-back through the API, without LibreOffice: what the workbooks contain
 * (protection, password, hidden stamp and row ids, bounded validation, instructions), previews
 * by department, per-cell acceptance, a return that changes nothing, an edit made between
 * preview and apply, and undoing a merge.
 */

const DEPARTMENT = '市住房和城乡建设局';

async function call<N extends ApiName>(context: ApiContext, name: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
  const response = await dispatch(context, name, input);
  if (!response.ok) throw new Error(`${name}: ${response.error.messageZh} / ${response.error.messageEn}`);
  return response.result as ApiOutput<N>;
}

async function failure(context: ApiContext, name: ApiName, input: unknown): Promise<string> {
  const response = await dispatch(context, name, input);
  assert.equal(response.ok, false, `${name} should fail`);
  return response.ok ? '' : response.error.messageZh;
}

describe('send-out and collect through the API', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let projects: number;
  let tasks: number;

  before(() => {
    store = createSamplePlan(path.join(dir, 'plan.planbench'));
    context = { store, edition: 'cli' };
    projects = store.listSheets().find((sheet) => sheet.name === '重点工程')!.id;
    tasks = store.listSheets().find((sheet) => sheet.name === '2023年工作方案任务')!.id;
  });

  after(() => {
    store.close();
    cleanup();
  });

  test('preview: departments by lead unit, or lead and cooperating units; default fill-in columns', async () => {
    const lead = await call(context, 'sendout.preview', { sheetId: projects });
    // 各辖市区人民政府 is sent to its six members (see exchangeGroups.test.ts): 24 units less the
    // group itself; its three projects are led by each of the six.
    assert.equal(lead.departments.length, 23);
    assert.equal(
      lead.departments.reduce((sum, department) => sum + department.leadRows, 0),
      88 + 3 * 5,
      'every project has its lead(s)',
    );
    assert.deepEqual(
      lead.departments.find((department) => department.department === DEPARTMENT),
      {
        department: DEPARTMENT,
        rows: 5,
        leadRows: 5,
        fileName: lead.departments.find((department) => department.department === DEPARTMENT)!.fileName,
      },
    );
    assert.deepEqual(
      lead.fill.map((column) => [column.header, column.standard, column.exists]),
      [
        ['完成投资（万元）', 'doneInvestment', false],
        ['进展情况', 'progress', false],
        ['存在问题', 'issues', false],
        ['完成时间', 'doneDate', false],
      ],
    );
    assert.equal(lead.identifying.length, 8);
    assert.equal(lead.unrouted.count, 0);
    const all = await call(context, 'sendout.preview', { sheetId: projects, routing: 'leadAndCooperating' });
    assert.equal(all.departments.length, 27);
    assert.equal(all.departments.find((department) => department.department === DEPARTMENT)!.rows, 7);

    const taskPreview = await call(context, 'sendout.preview', { sheetId: tasks, routing: 'leadAndCooperating' });
    assert.deepEqual(
      taskPreview.fill.map((column) => column.standard),
      ['progress', 'issues', 'doneDate'],
      'no 完成投资 on a sheet without investment',
    );
    const indicators = store.listSheets().find((sheet) => sheet.name === '指标体系')!.id;
    assert.match(
      await failure(context, 'sendout.preview', { sheetId: indicators }),
      /没有牵头单位、配合单位或责任单位列/,
    );
    assert.match(
      await failure(context, 'sendout.preview', { sheetId: projects, departments: ['市不存在局'] }),
      /没有“市不存在局”/,
    );
  });

  test('the workbooks: protected with a password, stamp and row ids hidden, bounded validation, instructions', async () => {
    const result = await call(context, 'sendout.create', {
      sheetId: projects,
      fill: [{ standard: 'doneInvestment' }, { standard: 'progress' }, { standard: 'status' }],
      password: '密码123',
      dueDate: '2024年7月10日',
      contact: '生态环境局 张三',
      saveTo: saveToFolder(),
    });
    assert.equal(result.files.length, 23);
    assert.ok(result.files.every((file) => file.file === null));
    const zip = await openZip(bufferSource(result.zip!.fileName, madeBytes(result.zip)));
    assert.equal(zip.entries.size, 23);
    const housing = result.files.find((file) => file.department === DEPARTMENT)!;
    assert.ok(zip.entries.has(housing.fileName.toLowerCase()));

    // One department's workbook, unpacked from the zip by the importer's reader.
    const { readEntry } = await import('../../../electron/core/formats/zip');
    const file = path.join(dir, housing.fileName);
    fs.writeFileSync(file, await readEntry(zip, zip.entries.get(housing.fileName.toLowerCase())!, 64 * 1024 * 1024));
    const workbook = await workbookPart(file, 'xl/workbook.xml');
    assert.match(workbook, /<sheet name="下发标记" sheetId="3" state="veryHidden"/);
    assert.match(workbook, /<workbookProtection [^>]*lockStructure="1"/);
    const sheet = await workbookPart(file, 'xl/worksheets/sheet1.xml');
    const protection = /<sheetProtection ([^>]*)\/>/.exec(sheet)![1]!;
    const attribute = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(protection)![1]!;
    assert.ok(
      verifyPassword('密码123', {
        algorithmName: 'SHA-512',
        hashValue: attribute('hashValue'),
        saltValue: attribute('saltValue'),
        spinCount: Number(attribute('spinCount')),
      }),
      'the sheet password verifies',
    );
    assert.match(sheet, /<col min="12" max="12" [^>]*hidden="1"/, 'row ids in a hidden column');
    assert.doesNotMatch(sheet, /1048576/, 'validation covers bounded ranges only');
    // 完成投资 is bounded by each project's own total; 推进状态 is a list.
    const rows = store
      .listRows(projects, 0, 100)
      .rows.filter((row) => (row.cells.responsible?.value as string[])[0] === DEPARTMENT);
    const firstTotal = rows[0]!.cells.investment!.value as string;
    assert.match(
      sheet,
      new RegExp(
        `<dataValidation type="decimal" operator="between"[^>]*sqref="I4(:I\\d+)?"><formula1>0</formula1><formula2>${firstTotal}</formula2>`,
      ),
    );
    assert.match(sheet, /<dataValidation type="list"[^>]*><formula1>&quot;未开工,推进中,已完成,滞后&quot;<\/formula1>/);
    const strings = await workbookPart(file, 'xl/sharedStrings.xml');
    assert.match(strings, /请市住房和城乡建设局填写本单位负责的 5 项/);
    assert.match(strings, /2024年7月10日/);
    assert.match(strings, /生态环境局 张三/);
  });

  test('per-cell acceptance, a return that changes nothing, an edit between preview and apply, undo', async () => {
    const created = await call(context, 'sendout.create', {
      sheetId: projects,
      departments: [DEPARTMENT],
      package: 'files',
      saveTo: saveToFolder(),
    });
    const sent = path.join(dir, 'sent.xlsx');
    fs.writeFileSync(sent, madeBytes(created.files[0]!.file));
    const edited = path.join(dir, 'edited.xlsx');
    await editSendOut(sent, edited, {
      cells: [
        [1, '进展情况', '已开工'],
        [2, '进展情况', '已完工'],
        [3, '完成投资', '五千'],
        [4, '项目名称', '部门改的名称'],
      ],
    });
    const input = { file: { path: edited } };

    // Nothing accepted: recorded as returned, plan unchanged.
    const first = await call(context, 'collect.preview', input);
    assert.equal(first.counts.proposed, 2);
    assert.equal(first.counts.invalid, 1);
    const invalid = first.rows.flatMap((row) => row.cells).find((cell) => cell.kind === 'invalid')!;
    assert.match(
      await failure(context, 'collect.apply', {
        previewId: first.previewId,
        accept: { cells: [invalid.id], rows: [] },
      }),
      /不能采用/,
    );
    const none = await call(context, 'collect.apply', { previewId: first.previewId, accept: 'none' });
    assert.equal(none.actionId, null);
    let status = await call(context, 'sendout.status', { sheetId: projects });
    const latest = status.batches[0]!;
    assert.equal(latest.batchId, created.batchId);
    assert.deepEqual([latest.departments[0]!.returned, latest.departments[0]!.changes], [true, 0]);
    assert.equal(status.batches[1]!.superseded, true, 'the earlier batch went to this department too');

    // The plan changes between a preview and its apply: the changed cell is refused.
    const second = await call(context, 'collect.preview', input);
    const locked = second.rows.flatMap((row) => row.cells).find((cell) => cell.kind === 'locked')!;
    const rowOf = (cellId: string) => Number(cellId.split(':')[0]);
    store.updateCell(projects, rowOf(locked.id), 'name', '局里改的名称', { source: 'user' });
    assert.match(
      await failure(context, 'collect.apply', {
        previewId: second.previewId,
        accept: { cells: [locked.id], rows: [] },
      }),
      /预览之后规划已被修改/,
    );

    const third = await call(context, 'collect.preview', input);
    const [firstCell] = third.rows.flatMap((row) => row.cells).filter((cell) => cell.kind === 'proposed');
    assert.match(
      await failure(context, 'collect.apply', { previewId: third.previewId, accept: { cells: ['nope'], rows: [] } }),
      /预览中没有单元格/,
    );
    // progress does not exist yet: its column is created by the applying action.
    const outcome = await call(context, 'collect.apply', {
      previewId: third.previewId,
      accept: { cells: [firstCell!.id], rows: [] },
    });
    assert.deepEqual(outcome.applied, { cells: 1, inserts: 0, comments: 0, columnsAdded: ['进展情况'] });
    // The plan as it was before the collect is kept in the backups beside it.
    assert.ok(store.listBackups().backups.some((backup) => backup.reason === 'collect'));
    assert.deepEqual([outcome.left.proposed, outcome.left.locked, outcome.left.invalid], [1, 1, 1]);
    assert.equal(
      store.listRows(projects, 0, 100).rows.find((row) => row.id === rowOf(firstCell!.id))!.cells.progress?.text,
      '已开工',
    );
    assert.match(await failure(context, 'collect.apply', { previewId: third.previewId, accept: 'all' }), /预览已过期/);
    // The same file again, while its merge is in force, is refused.
    assert.match(await failure(context, 'collect.preview', input), /收回过/);

    // Undo the merge: the status says so, and the same file can be collected again.
    await call(context, 'history.undo', {});
    status = await call(context, 'sendout.status', { sheetId: projects });
    const returns = status.batches[0]!.departments[0]!.returns;
    assert.deepEqual(
      returns.map((record) => [record.cells, record.undone]),
      [
        [0, false],
        [1, true],
      ],
    );
    assert.ok(!store.columns(projects).some((column) => column.key === 'progress'), 'undo removed the column it made');
    const again = await call(context, 'collect.preview', input);
    assert.equal(again.counts.proposed, 2);
    assert.match(again.notes.map((note) => note.zh).join(' '), /已于 .* 交回过一次/);
  });
});
