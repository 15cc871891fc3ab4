import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseCellInput } from '../../../shared/values/cells';
import { splitDepartmentText } from '../../../shared/rules/departments';
import type { UnitDirectory } from '../../../shared/import/importDepartments';
import { readUnits, unitDirectory } from '../../../shared/import/importDepartments';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { tempDir } from '../../helpers';

/**
 * A line break is not a separator of units by itself: names wrap inside narrow cells. It separates
 * only two names the plan's unit list knows as complete units; everything else between 、，,；;
 * is one name. And the order written is kept everywhere: the first unit is the lead.
 */
describe('units in a cell: line breaks and order', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let directory: UnitDirectory;
  let resolve: (name: string) => string | null;
  const listColumn = { type: 'departmentList' as const, settings: {}, name: '责任单位', role: null };

  before(() => {
    store = createSamplePlan(path.join(dir, 'units.planbench'));
    directory = unitDirectory(
      store.listDepartments().map((unit) => ({ name: unit.name, aliases: [unit.shortName, ...unit.aliases] })),
    );
    resolve = (name) => store.resolveDepartment(name)?.name ?? null;
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('import: a known name wrapped inside its cell is one unit', () => {
    const reading = readUnits('市自然资源和\n规划局', directory);
    assert.deepEqual(reading.names, ['市自然资源和规划局']);
    assert.deepEqual(reading.unknown, []);
  });

  test('import: a name the list does not know, wrapped, stays one name as written (not "A、B")', () => {
    const reading = readUnits('市城市更新和\n综合改革办公室', directory);
    assert.deepEqual(reading.unknown, ['市城市更新和综合改革办公室']);
    assert.deepEqual(reading.names, ['市城市更新和综合改革办公室']);
    // A 、 still separates two unknown names.
    assert.deepEqual(readUnits('甲单位、乙单位', directory).names, ['甲单位', '乙单位']);
  });

  test('import: a line break between two complete known names separates them', () => {
    assert.deepEqual(readUnits('市生态环境局\n市住建局', directory).names, ['市生态环境局', '市住房和城乡建设局']);
  });

  test('import: the order written is kept, known and unknown units alike', () => {
    assert.deepEqual(readUnits('各辖市(区)、常州经开区', directory).names, ['各辖市区人民政府', '常州经开区管委会']);
    assert.deepEqual(readUnits('常州经开区、各辖市(区)', directory).names, ['常州经开区管委会', '各辖市区人民政府']);
    assert.deepEqual(readUnits('某某研究院、市生态环境局\n市住建局', directory).names, [
      '某某研究院',
      '市生态环境局',
      '市住房和城乡建设局',
    ]);
  });

  test('a plan whose list lacks the units: the order written and wrapped names are kept all the same', () => {
    const none = unitDirectory([]);
    assert.deepEqual(readUnits('各辖市(区)、常州经开区', none).names, ['各辖市(区)', '常州经开区']);
    assert.deepEqual(readUnits('市自然资源和\n规划局', none).names, ['市自然资源和规划局']);
    assert.deepEqual(readUnits('市自然资源和\n规划局、市住建局', none).names, ['市自然资源和规划局', '市住建局']);
  });

  test('typed or pasted: a wrapped name is one unit; known names on separate lines are two', () => {
    const wrapped = parseCellInput(listColumn, '市自然资源和\n规划局', resolve);
    assert.ok(wrapped.ok);
    assert.deepEqual(wrapped.ok && wrapped.cell.departments, ['市自然资源和规划局']);
    const twoLines = parseCellInput(listColumn, '市住建局\n市生态环境局', resolve);
    assert.deepEqual(twoLines.ok && twoLines.cell.departments, ['市住房和城乡建设局', '市生态环境局']);
    assert.deepEqual(
      splitDepartmentText('某某研究\n中心、市住建局', (name) => resolve(name) !== null),
      ['某某研究中心', '市住建局'],
    );
    // Without the unit list, no line break separates.
    assert.deepEqual(splitDepartmentText('甲\n乙、丙'), ['甲乙', '丙']);
  });

  test('typed: the lead stays first', () => {
    const parsed = parseCellInput(listColumn, '各辖市(区)、常州经开区', resolve);
    assert.deepEqual(parsed.ok && parsed.cell.departments, ['各辖市区人民政府', '常州经开区管委会']);
  });
});
