/**
 * Promises of responsible units (shared/rules/departments.ts, importDepartments.ts): a cell of
 * units is split on every separator officials use, each unit is resolved by its name or any alias
 * and listed once, in the order written (the first leads), and a unit that cannot be resolved is
 * kept as written and reported — never dropped, never guessed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Department } from '../../../shared/contract/calls/core';
import { splitDepartmentText, suggestDepartments } from '../../../shared/rules/departments';
import { normaliseUnitName, readUnits, unitDirectory } from '../../../shared/import/importDepartments';

const units = unitDirectory([
  { name: '市住房和城乡建设局', aliases: ['市住建局', '住建局'] },
  { name: '市残疾人联合会', aliases: ['市残联'] },
  { name: '钟楼区人民政府', aliases: ['钟楼区政府'] },
  { name: '钟楼区残疾人联合会', aliases: ['钟楼区残联'] },
  { name: '市生态环境局', aliases: [] },
  { name: '市交通运输局', aliases: ['交通局'] },
  { name: '市慈善总会', aliases: [] },
  { name: '各辖市区慈善总会', aliases: [] },
  { name: '各辖市区人民政府', aliases: ['各辖市(区)'] },
]);

describe('promise: a cell of units is split wherever officials separate them', () => {
  test('、，, ；; always separate units, a line break only between names the plan knows, and empty parts are dropped', () => {
    // A line break inside a cell is most often a long name wrapped: it stays one name.
    assert.deepEqual(splitDepartmentText('甲局、乙局，丙局,丁局；戊局;己局\n庚局'), [
      '甲局',
      '乙局',
      '丙局',
      '丁局',
      '戊局',
      '己局庚局',
    ]);
    const known = (name: string) => ['己局', '庚局'].includes(name);
    assert.deepEqual(splitDepartmentText('戊局;己局\n庚局', known), ['戊局', '己局', '庚局']);
    assert.deepEqual(splitDepartmentText(' 甲局 ；；、 乙局 '), ['甲局', '乙局']);
    assert.deepEqual(splitDepartmentText(''), []);
    assert.deepEqual(splitDepartmentText('市生态环境局'), ['市生态环境局']);
  });

  test('imported cells are split the same way, and on spaces and tabs too', () => {
    const read = (text: string) => readUnits(text, units).units;
    assert.deepEqual(read('市住建局；市残联;市生态环境局'), ['市住房和城乡建设局', '市残疾人联合会', '市生态环境局']);
    assert.deepEqual(read('市住建局,市残联，市生态环境局'), ['市住房和城乡建设局', '市残疾人联合会', '市生态环境局']);
    assert.deepEqual(read('市住建局\t市残联\r\n市生态环境局'), [
      '市住房和城乡建设局',
      '市残疾人联合会',
      '市生态环境局',
    ]);
  });
});

describe('promise: each unit is resolved once, by name or alias, in the order written', () => {
  test('a unit named by its name and by its alias is listed once, where it first appears', () => {
    const reading = readUnits('市住建局、市残联、市住房和城乡建设局、住建局', units);
    assert.deepEqual(reading.units, ['市住房和城乡建设局', '市残疾人联合会']);
    assert.deepEqual(reading.unknown, []);
    assert.equal(reading.aliased, true);
    assert.equal(reading.reassembled, false);
  });

  test('canonical names alone are not aliases; full-width brackets and spaces do not matter', () => {
    const reading = readUnits('市住房和城乡建设局、市残疾人联合会', units);
    assert.deepEqual(
      [reading.units, reading.aliased, reading.reassembled],
      [['市住房和城乡建设局', '市残疾人联合会'], false, false],
    );
    assert.equal(normaliseUnitName(' 各辖市（区） '), '各辖市区');
    assert.equal(normaliseUnitName('各辖市(区)'), '各辖市区');
    assert.deepEqual(readUnits('各辖市（区）', units).units, ['各辖市区人民政府']);
  });

  test('a canonical name wins over another unit’s alias spelled the same', () => {
    const directory = unitDirectory([
      { name: '市水利局', aliases: ['水务局'] },
      { name: '水务局', aliases: [] },
    ]);
    assert.equal(directory.lookup('水务局'), '水务局');
    const reversed = unitDirectory([
      { name: '水务局', aliases: [] },
      { name: '市水利局', aliases: ['水务局'] },
    ]);
    assert.equal(reversed.lookup('水务局'), '水务局');
    assert.equal(reversed.lookup('市水利局'), '市水利局');
    assert.equal(reversed.longest, 4);
    assert.equal(unitDirectory([{ name: '局', aliases: ['  '] }]).lookup(''), null, 'a blank alias names nothing');
  });

  test('names relative to the one before, reassembled names and run-together names keep their order', () => {
    const relative = readUnits('钟楼区政府 残联', units);
    assert.deepEqual([relative.units, relative.reassembled], [['钟楼区人民政府', '钟楼区残疾人联合会'], true]);
    const runTogether = readUnits('市住建局市残联', units);
    assert.deepEqual(
      [runTogether.units, runTogether.aliased, runTogether.reassembled],
      [['市住房和城乡建设局', '市残疾人联合会'], true, true],
    );
    const joined = readUnits('市生态环境局与市交通运输局', units);
    assert.deepEqual([joined.units, joined.reassembled], [['市生态环境局', '市交通运输局'], true]);
    const places = readUnits('市、各辖市区 慈善总会', units);
    assert.deepEqual(places.units, ['市慈善总会', '各辖市区慈善总会']);
  });

  test('a name broken by a space is reassembled; a unit already read is not listed again', () => {
    const broken = readUnits('市住房和城乡 建设局、市残联', units);
    assert.deepEqual([broken.units, broken.reassembled], [['市住房和城乡建设局', '市残疾人联合会'], true]);
    assert.equal(readUnits('市慈善总会', units).reassembled, false);
    const shared = readUnits('市、各辖市区 慈善总会', units);
    assert.equal(shared.reassembled, true, 'places sharing one name are reassembled');
    assert.deepEqual(readUnits('市残联、市住建局市残联', units).units, ['市残疾人联合会', '市住房和城乡建设局']);
    const joined = readUnits('市生态环境局、市生态环境局与市交通运输局', units);
    assert.deepEqual([joined.units, joined.aliased], [['市生态环境局', '市交通运输局'], true]);
  });

  test('run-together names are split into the fewest units', () => {
    const directory = unitDirectory([
      { name: '甲', aliases: [] },
      { name: '乙', aliases: [] },
      { name: '丙丁', aliases: [] },
      { name: '甲乙丙', aliases: [] },
      { name: '丁', aliases: [] },
    ]);
    const reading = readUnits('甲乙丙丁', directory);
    assert.deepEqual([reading.units, reading.reassembled, reading.aliased], [['甲乙丙', '丁'], true, true]);
  });

  test('only a part that is a place and nothing else waits for the name after it', () => {
    assert.deepEqual(readUnits('新设立的钟楼区、新局、市住建局', units).unknown, ['新设立的钟楼区', '新局']);
    assert.deepEqual(readUnits('钟楼区人民政府办、新局、市住建局', units).unknown, ['钟楼区人民政府办', '新局']);
  });

  test('what cannot be resolved is kept as written and reported, never dropped', () => {
    const reading = readUnits('市住建局、新设立的局、市', units);
    assert.deepEqual(reading.units, ['市住房和城乡建设局']);
    assert.deepEqual(reading.unknown, ['新设立的局', '市'], 'a trailing bare place is kept too');
    const half = readUnits('市生态环境局及新局', units);
    assert.deepEqual([half.units, half.unknown], [[], ['市生态环境局及新局']], 'X及Y counts only when both are units');
    const placeWithout = readUnits('钟楼区 新设机构', units);
    assert.deepEqual(placeWithout.unknown, ['钟楼区', '新设机构'], 'in the order written: the first is the lead');
    assert.deepEqual(readUnits('', units), { names: [], units: [], unknown: [], aliased: false, reassembled: false });
  });
});

describe('promise: typing part of a unit offers it, best matches first', () => {
  const departments: Department[] = [
    { id: 1, name: '市自然资源和规划局', shortName: '市资规局', aliases: ['自然资源局'] },
    { id: 2, name: '市交通运输局', shortName: '市交通局', aliases: [] },
    { id: 3, name: '交通', shortName: '交通', aliases: [] },
    { id: 4, name: '市城市管理局', shortName: '市城管局', aliases: ['城管局'] },
    { id: 5, name: '市交通运输综合行政执法支队', shortName: '交通执法支队', aliases: [] },
  ] as Department[];
  const names = (typed: string, limit?: number) =>
    suggestDepartments(departments, typed, limit).map((department) => department.id);

  test('a unit whose alias is exactly what was typed comes first, even before a shorter name', () => {
    const withAlias = [
      { id: 1, name: '市交通运输局', shortName: '市交通局', aliases: ['交通'] },
      { id: 2, name: '交通运输', shortName: '交运', aliases: [] },
    ] as Department[];
    assert.deepEqual(
      suggestDepartments(withAlias, '交通').map((department) => department.id),
      [1, 2],
    );
  });

  test('exact, then prefix, then anywhere; shorter names first within a rank', () => {
    assert.deepEqual(
      names('交通'),
      [3, 5, 2],
      'the exact name, then the short name starting with it, then a name containing it',
    );
    assert.deepEqual(names('市交通'), [2, 5]);
    assert.deepEqual(names('城管局'), [4]);
    assert.deepEqual(names(' 资规 '), [1], 'typed spaces are ignored');
    assert.deepEqual(names('自然资源局'), [1]);
    assert.deepEqual(names('局', 2), [2, 4], 'at most the limit, shorter first');
    assert.deepEqual(names(''), []);
    assert.deepEqual(names('教育'), []);
  });
});

describe('promise: lines, spaces and separators split units only where officials meant them to', () => {
  const known =
    (...names: string[]) =>
    (name: string) =>
      names.includes(name);

  test('a line break splits two known units, keeps a wrapped name whole, and never drops a line', () => {
    assert.deepEqual(
      splitDepartmentText('甲局\n乙\n局', known('甲局', '乙局')),
      ['甲局', '乙局'],
      'a name wrapped after a known unit',
    );
    assert.deepEqual(
      splitDepartmentText('新\n市自然资源和\n规划局', known('市自然资源和规划局')),
      ['新', '市自然资源和规划局'],
      'an unknown line stays apart from the known name after it',
    );
    assert.deepEqual(
      splitDepartmentText('新局\n甲局', known('甲局')),
      ['新局', '甲局'],
      'an unknown unit before a known one is kept',
    );
    assert.deepEqual(
      splitDepartmentText('甲局\n新\n局', known('甲局')),
      ['甲局', '新局'],
      'an unknown name after a known one is kept whole',
    );
    assert.deepEqual(splitDepartmentText(' \n 、\n', known('甲局')), [], 'blank lines name nothing');
    assert.deepEqual(splitDepartmentText('\n'), [], 'blank lines name nothing, with or without a list');
    assert.deepEqual(
      splitDepartmentText(' 甲局 \n 乙局 ', known('甲局', '乙局')),
      ['甲局', '乙局'],
      'each line trimmed',
    );
  });

  test('a list separator is never part of a name: parts on both sides are not joined', () => {
    const reading = readUnits('市住房和城乡、建设局', units);
    assert.deepEqual([reading.units, reading.unknown, reading.reassembled], [[], ['市住房和城乡', '建设局'], false]);
  });

  test('unknown names keep their spaces, lose their line breaks, and stay apart across separators', () => {
    assert.deepEqual(readUnits('新设 机构', units).unknown, ['新设 机构']);
    assert.deepEqual(readUnits('新设\n机构', units).unknown, ['新设机构']);
    assert.deepEqual(readUnits('新设局、另一局；第三局', units).unknown, ['新设局', '另一局', '第三局']);
  });

  test('a place waits for the name after it only when it is a place alone', () => {
    const placeBefore = readUnits('钟楼区、市慈善总会', units);
    assert.deepEqual(
      [placeBefore.units, placeBefore.unknown],
      [['市慈善总会'], ['钟楼区']],
      'no 钟楼区慈善总会: the place stays as written',
    );
    const tail = readUnits('新设 市、市慈善总会', units);
    assert.deepEqual(
      [tail.units, tail.unknown],
      [['市慈善总会'], ['新设 市']],
      'a place at the end of an unknown name is not a place alone',
    );
    assert.deepEqual(readUnits('各辖市(区)、市慈善总会', units).units, ['各辖市区人民政府', '市慈善总会']);
    const bare = unitDirectory([
      { name: '辖市区慈善总会', aliases: [] },
      { name: '市慈善总会', aliases: [] },
    ]);
    assert.deepEqual(readUnits('辖市(区)、市慈善总会', bare).units, ['辖市区慈善总会', '市慈善总会'], 'without 各 too');
    assert.deepEqual(
      readUnits(
        '区、市慈善总会',
        unitDirectory([
          { name: '区慈善总会', aliases: [] },
          { name: '市慈善总会', aliases: [] },
        ]),
      ).units,
      ['区慈善总会', '市慈善总会'],
    );
  });

  test('names joined by a word count only when every one of them is a unit', () => {
    assert.deepEqual(readUnits('市生态环境局及', units).unknown, ['市生态环境局及']);
    assert.deepEqual(readUnits('及市生态环境局', units).unknown, ['及市生态环境局']);
    assert.deepEqual(readUnits('及', units).unknown, ['及'], 'a lone conjunction is kept, not dropped');
    assert.deepEqual(readUnits('市生态环境局以及市交通运输局与交通局', units).units, ['市生态环境局', '市交通运输局']);
  });

  test('run-together names are split into the fewest units, never more', () => {
    const directory = unitDirectory(['甲', '乙', '丙', '丁', '甲乙丙'].map((name) => ({ name, aliases: [] })));
    assert.deepEqual(readUnits('甲乙丙丁', directory).units, ['甲乙丙', '丁']);
  });

  test('typing part of a unit offers at most eight by default', () => {
    const many = Array.from({ length: 10 }, (_, index) => ({
      id: index + 1,
      name: `市第${index + 1}局`,
      shortName: `第${index + 1}局`,
      aliases: [] as string[],
    })) as Department[];
    assert.equal(suggestDepartments(many, '局').length, 8);
  });
});
