import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Department } from '../../../shared/contract/contract';
import { parseCellInput } from '../../../shared/values/cells';
import { suggestDepartments } from '../../../shared/rules/departments';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { tempDir } from '../../helpers';

describe('department names and their aliases', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let departments: Department[];
  before(() => {
    store = createSamplePlan(path.join(dir, 'departments.planbench'));
    departments = store.listDepartments();
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('typing part of an alias offers the unit', () => {
    assert.equal(suggestDepartments(departments, '资规局')[0]?.name, '市自然资源和规划局');
    assert.equal(suggestDepartments(departments, '市住建局')[0]?.name, '市住房和城乡建设局');
    assert.equal(suggestDepartments(departments, '交通')[0]?.name, '市交通运输局');
    assert.deepEqual(suggestDepartments(departments, '  '), []);
    assert.deepEqual(suggestDepartments(departments, '不存在的单位'), []);
  });

  test('aliases resolve to the canonical unit, in the order written, first is the lead', () => {
    const column = { type: 'departmentList' as const, settings: {}, name: '责任单位', role: null };
    const resolve = (name: string) => store.resolveDepartment(name)?.name ?? null;
    const parsed = parseCellInput(column, '市资规局、住建局，常州经开区\n各辖市(区)', resolve);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.ok && parsed.cell.departments, [
      '市自然资源和规划局',
      '市住房和城乡建设局',
      '常州经开区管委会',
      '各辖市区人民政府',
    ]);
    const unknown = parseCellInput(column, '市资规局、某新设机构', resolve);
    assert.deepEqual(
      unknown.ok && unknown.cell.departments,
      ['市自然资源和规划局'],
      'unknown names stay in the text, unlinked',
    );
    assert.equal(unknown.ok && unknown.cell.text, '市资规局、某新设机构');
  });
});
