import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dispatch } from '../../../electron/core/api/dispatch';
import { callApi } from '../../apiCall';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import type { ApiName } from '../../../shared/contract/contract';
import { tempDir } from '../../helpers';
import { editSendOut } from './exchange-libreoffice';
import { madeBytes, saveToFolder } from '../../fileRefs';

/**
 * Collective addressees in a send-out: 各辖市区人民政府 stands for the six county-level city and
 * district governments (the sample plan's unit list defines the group; the API edits it). Each
 * member gets the group's rows; their returns fold back into the one shared row, and two members
 * returning different values for the same cell are a conflict, not last-wins.
 */

const GROUP = '各辖市区人民政府';
const MEMBERS = [
  '溧阳市人民政府',
  '金坛区人民政府',
  '武进区人民政府',
  '新北区人民政府',
  '天宁区人民政府',
  '钟楼区人民政府',
];

const call = callApi;

async function failure(context: ApiContext, name: ApiName, input: unknown): Promise<{ zh: string; en: string }> {
  const response = await dispatch(context, name, input);
  assert.equal(response.ok, false, `${name} should fail`);
  return response.ok ? { zh: '', en: '' } : { zh: response.error.messageZh, en: response.error.messageEn };
}

describe('collective addressees: expanded on send-out, folded back on collect', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let projects: number;

  before(() => {
    store = createSamplePlan(path.join(dir, 'plan.planbench'));
    context = { store, edition: 'cli' };
    projects = store.listSheets().find((sheet) => sheet.name === '重点工程')!.id;
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('the sample plan defines 各辖市区人民政府 with its six members', async () => {
    const { groups } = await call(context, 'departments.groups', {});
    assert.deepEqual(groups.find((group) => group.name === GROUP)?.members, MEMBERS);
  });

  test('send-out: each member gets the group’s rows (as lead where the group leads); the group gets no file of its own', async () => {
    const preview = await call(context, 'sendout.preview', { sheetId: projects, routing: 'leadAndCooperating' });
    const names = preview.departments.map((department) => department.department);
    assert.ok(!names.includes(GROUP), 'the collective name is not an addressee of its own');
    for (const member of MEMBERS) assert.ok(names.includes(member), `${member} gets a file`);
    // Projects 1, 7, 10 (the group leads) and 62 (it cooperates) go to every member.
    const jintan = preview.departments.find((department) => department.department === '金坛区人民政府')!;
    assert.ok(jintan.rows >= 4);
    assert.ok(jintan.leadRows >= 3);
    assert.deepEqual(
      preview.expanded,
      [{ group: GROUP, members: MEMBERS, rows: 4 }],
      'the preview says the group is sent to its members',
    );
    // Asking for the group sends to its members.
    const asked = await call(context, 'sendout.preview', {
      sheetId: projects,
      routing: 'leadAndCooperating',
      departments: [GROUP],
    });
    assert.deepEqual(asked.departments.map((department) => department.department).sort(), [...MEMBERS].sort());
  });

  test('two members’ different returns for the shared row: the first is applied, the second is a conflict', async () => {
    const created = await call(context, 'sendout.create', {
      sheetId: projects,
      routing: 'leadAndCooperating',
      departments: ['溧阳市人民政府', '金坛区人民政府', '武进区人民政府'],
      package: 'files',
      saveTo: saveToFolder(),
    });
    assert.equal(created.files.length, 3);
    const fileOf = async (department: string, value: string): Promise<{ file: { path: string } }> => {
      const sent = created.files.find((file) => file.department === department)!;
      const original = path.join(dir, `sent-${department}.xlsx`);
      fs.writeFileSync(original, madeBytes(sent.file));
      const edited = path.join(dir, `return-${department}.xlsx`);
      // Data row 1 of every member's file is project 1 (各辖市区人民政府、常州经开区管委会).
      await editSendOut(original, edited, { cells: [[1, '进展情况', value]] });
      return { file: { path: edited } };
    };
    const liyang = await call(context, 'collect.preview', await fileOf('溧阳市人民政府', '溧阳段已开工'));
    const proposed = liyang.rows.flatMap((row) => row.cells).filter((cell) => cell.kind === 'proposed');
    assert.equal(proposed.length, 1);
    await call(context, 'collect.apply', { previewId: liyang.previewId, accept: 'all' });
    const rowId = liyang.rows[0]!.rowId;
    const progressKey = store.getSheet(projects).columns.find((column) => column.name === '进展情况')!.key;
    assert.equal(
      store.rowsById(projects, [rowId])[0]!.cells[progressKey]?.text,
      '溧阳段已开工',
      'a member’s return updates the shared row',
    );

    const jintan = await call(context, 'collect.preview', await fileOf('金坛区人民政府', '金坛段未开工'));
    const cells = jintan.rows.flatMap((row) => row.cells);
    assert.equal(cells.length, 1);
    assert.equal(cells[0]!.kind, 'conflict', 'not last-wins');
    assert.equal(cells[0]!.current, '溧阳段已开工');
    assert.match(cells[0]!.reasonZh!, /也下发给了/);
    assert.equal(jintan.counts.conflicts, 1);

    // A member returning what is already in the plan is no conflict.
    const wujin = await call(context, 'collect.preview', await fileOf('武进区人民政府', '溧阳段已开工'));
    assert.equal(wujin.counts.conflicts, 0);
    assert.equal(wujin.counts.alreadyInPlan, 1);
  });

  test('members are edited through the API; unknown units, a group in itself or nested groups are refused', async () => {
    const set = await call(context, 'departments.setMembers', {
      name: '各省级以上园区管委会',
      members: ['常州经开区', '金坛长荡湖旅游度假区管理委员会'],
    });
    assert.deepEqual(set, {
      name: '各省级以上园区管委会',
      members: ['常州经开区管委会', '金坛长荡湖旅游度假区管理委员会'],
    });
    const unknown = await failure(context, 'departments.setMembers', { name: GROUP, members: ['市不存在局'] });
    assert.match(unknown.zh, /没有“市不存在局”/);
    assert.match(unknown.en, /no unit "市不存在局"/);
    assert.match(
      (await failure(context, 'departments.setMembers', { name: GROUP, members: [GROUP] })).zh,
      /不能是它自己的成员/,
    );
    assert.match(
      (await failure(context, 'departments.setMembers', { name: '市生态环境局', members: [GROUP] })).zh,
      /本身是集合单位/,
    );
    const { groups } = await call(context, 'departments.groups', {});
    assert.deepEqual(groups.find((group) => group.name === GROUP)?.members, MEMBERS, 'a refused edit changes nothing');
    await call(context, 'departments.setMembers', { name: '各省级以上园区管委会', members: [] });
    assert.equal(
      (await call(context, 'departments.groups', {})).groups.some((group) => group.name === '各省级以上园区管委会'),
      false,
    );
  });
});
