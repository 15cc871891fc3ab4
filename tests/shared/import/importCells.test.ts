import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CellOutcome } from '../../../shared/import/importCells';
import { parseImportCell } from '../../../shared/import/importCells';
import { readUnits, unitDirectory } from '../../../shared/import/importDepartments';
import type { GridCell } from '../../../shared/import/importGrid';
import { numberText } from '../../../shared/import/importGrid';
import type { TargetColumn } from '../../../shared/import/importMapping';

/** Reading imported cells for their column, with every issue marked. */

const units = unitDirectory([
  { name: '市住房和城乡建设局', aliases: ['市住建局', '住建局'] },
  { name: '市残疾人联合会', aliases: ['市残联'] },
  { name: '钟楼区人民政府', aliases: ['钟楼区政府'] },
  { name: '钟楼区残疾人联合会', aliases: ['钟楼区残联'] },
  { name: '钟楼区残疾人工作委员会', aliases: ['钟楼区残工委'] },
  { name: '常州经开区管委会', aliases: ['常州经开区'] },
  { name: '市政府残疾人工作委员会成员单位', aliases: ['市政府残工委成员单位'] },
  { name: '各省级以上园区管委会', aliases: ['省级以上园区管委会'] },
  { name: '市慈善总会', aliases: ['慈善总会'] },
  { name: '各辖市区慈善总会', aliases: ['辖市(区)慈善总会'] },
  { name: '各辖市区人民政府', aliases: ['各辖市(区)', '各辖市区政府'] },
  { name: '市生态环境局', aliases: [] },
  { name: '市生态环境局各直属局', aliases: ['各直属局'] },
]);

const money: TargetColumn = {
  key: 'investment',
  name: '投资匡算',
  type: 'money',
  role: 'investment',
  settings: { moneyUnit: '万元' },
};
const number: TargetColumn = { key: 'rate', name: '比例', type: 'number', role: null, settings: {} };
const text: TargetColumn = { key: 'name', name: '名称', type: 'text', role: 'name', settings: {} };
const long: TargetColumn = { key: 'content', name: '内容', type: 'longText', role: 'content', settings: {} };
const list: TargetColumn = {
  key: 'units',
  name: '责任单位',
  type: 'departmentList',
  role: 'responsibleUnits',
  settings: {},
};
const choice: TargetColumn = {
  key: 'attr',
  name: '指标属性',
  type: 'choice',
  role: 'attribute',
  settings: { choices: ['约束性', '参考性'] },
};

function read(
  column: TargetColumn,
  cell: GridCell,
  sourceUnit: '万元' | '亿元' | null = null,
  carried = false,
): CellOutcome {
  return parseImportCell(column, cell, { sourceUnit, carried, units });
}

function kinds(outcome: CellOutcome): string[] {
  return (outcome.issues ?? []).map((item) => item.kind);
}

describe('money cells', () => {
  test('numbers, text with separators, unknown marks and approximate amounts', () => {
    assert.deepEqual([read(money, 3309473.59).text, read(money, 3309473.59).num], ['3309473.59', 3_309_473_590_000n]);
    assert.equal(read(money, '12,345.6').num, 12_345_600_000n);
    for (const mark of ['/', '—', '不涉及', '／']) {
      const outcome = read(money, mark);
      assert.deepEqual([outcome.num, kinds(outcome), outcome.invalid], [null, ['unknown'], false], mark);
    }
    const approximate = read(money, '约5000');
    assert.deepEqual(
      [approximate.text, approximate.num, kinds(approximate)],
      ['约5000', 5_000_000_000n, ['approximate']],
    );
  });

  test('amounts in another unit are converted exactly: "1.2亿元" and 1.2 under 投资（亿元）', () => {
    const written = read(money, '1.2亿元');
    assert.deepEqual([written.num, kinds(written)], [12_000_000_000n, ['unitConverted']]);
    const byHeader = read(money, 1.2, '亿元');
    assert.deepEqual([byHeader.text, byHeader.num, kinds(byHeader)], ['1.2亿元', 12_000_000_000n, ['unitConverted']]);
    assert.equal(read(money, 4600, '万元').text, '4600', 'the same unit is not converted');
  });

  test('text that is not an amount is invalid and imports as empty', () => {
    const outcome = read(money, '一百万');
    assert.deepEqual([outcome.text, outcome.invalid, kinds(outcome)], ['', true, ['invalid']]);
    assert.match(outcome.issues![0]!.zh, /不是金额/);
  });
});

describe('numbers, percentages and text', () => {
  test('percent text and percent-formatted cells into a number column; float noise is gone', () => {
    assert.deepEqual([read(number, '26.62%').text, kinds(read(number, '26.62%'))], ['26.62', ['percentText']]);
    assert.equal(read(number, { t: 'n', v: 0.2662, percent: true }).text, '26.62');
    assert.equal(numberText(0.1 + 0.2), '0.3');
    assert.equal(read(number, '≥95').invalid, true, 'free text is not a number: reported, not guessed');
  });

  test('line breaks join in a text column (Chinese without a space) and stay in long text', () => {
    const joined = read(text, '党委政府对生态文明建设\n重大目标任务部署情况');
    assert.deepEqual([joined.text, kinds(joined)], ['党委政府对生态文明建设重大目标任务部署情况', ['linesJoined']]);
    assert.equal(read(text, 'Green\nIsland').text, 'Green Island');
    assert.equal(read(long, '第一段\n第二段').text, '第一段\n第二段');
  });

  test('markup is removed and said; carried cells are flagged', () => {
    const outcome = read(long, '<p>加强对现行保障政策的分类梳理</p>', null, true);
    assert.equal(outcome.text, '加强对现行保障政策的分类梳理');
    assert.deepEqual(kinds(outcome), ['carried', 'markupRemoved']);
  });

  test('a formula without a cached value, and an error value, import as empty with a reason', () => {
    assert.deepEqual(kinds(read(number, { t: 'f', formula: 'SUM(A1:A3)' })), ['formulaNoValue']);
    assert.deepEqual(kinds(read(number, { t: 'e', v: '#DIV/0!' })), ['errorValue']);
  });

  test('a choice outside the list is invalid', () => {
    assert.equal(read(choice, '约束性').text, '约束性');
    assert.equal(read(choice, '特色').invalid, true);
  });
});

describe('department lists', () => {
  test('split on 、，; spaces and line breaks; aliases resolved', () => {
    const outcome = read(list, '市住建局、市残联；钟楼区政府');
    assert.equal(outcome.text, '市住房和城乡建设局、市残疾人联合会、钟楼区人民政府');
    assert.deepEqual(kinds(outcome), ['departmentAlias']);
  });

  test('names broken by a space or a line break are reassembled', () => {
    assert.deepEqual(readUnits('市政府残工委 成员单位', units).units, ['市政府残疾人工作委员会成员单位']);
    assert.deepEqual(readUnits('省级以上园区\n管委会', units).units, ['各省级以上园区管委会']);
  });

  test('a unit named relative to the one before it, and places sharing one name', () => {
    assert.deepEqual(readUnits('钟楼区政府 残联 残工委', units).units, [
      '钟楼区人民政府',
      '钟楼区残疾人联合会',
      '钟楼区残疾人工作委员会',
    ]);
    assert.deepEqual(readUnits('市、辖市(区) 慈善总会', units).units, ['市慈善总会', '各辖市区慈善总会']);
  });

  test('run-together names are split; X及Y gives both', () => {
    assert.deepEqual(readUnits('各辖市(区)、常州经开区市残联', units).units, [
      '各辖市区人民政府',
      '常州经开区管委会',
      '市残疾人联合会',
    ]);
    assert.deepEqual(readUnits('市生态环境局及各直属局', units).units, ['市生态环境局', '市生态环境局各直属局']);
  });

  test('an unknown unit is kept as written and reported, never dropped', () => {
    const outcome = read(list, '市住建局、市外星办');
    assert.equal(outcome.text, '市住房和城乡建设局、市外星办');
    assert.deepEqual(kinds(outcome), ['departmentAlias', 'departmentUnknown']);
    assert.match(outcome.issues![1]!.zh, /市外星办/);
  });
});
