/**
 * Promises of cell reading, asserted outcome by outcome (shared/values/cells.ts, importCells.ts):
 * every imported cell comes out exactly as the file meant it — the stored text, the figure, whether
 * it is refused, and every message the official reads, in Chinese and English — and a typed cell is
 * read as written or refused with a reason. (The broader promises are in promises-cells.test.ts.)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IssueSchema } from '../../../shared/contract/calls/importing';
import type { CellParse } from '../../../shared/values/cells';
import { CellValue, parseCellInput, toCellValue } from '../../../shared/values/cells';
import type { ColumnDef } from '../../../shared/model/columns';
import type { CellContext, CellIssue, CellOutcome, IssueKind, IssueLevel } from '../../../shared/import/importCells';
import { EMPTY_CELL, parseImportCell } from '../../../shared/import/importCells';
import { unitDirectory } from '../../../shared/import/importDepartments';
import type { GridCell } from '../../../shared/import/importGrid';
import type { TargetColumn } from '../../../shared/import/importMapping';
import type { MoneyUnit } from '../../../shared/values/money';

const units = unitDirectory([
  { name: '市住房和城乡建设局', aliases: ['市住建局'] },
  { name: '市残疾人联合会', aliases: ['市残联'] },
]);
const target = (type: TargetColumn['type'], settings: TargetColumn['settings'] = {}): TargetColumn => ({
  key: 'k',
  name: '列',
  type,
  role: null,
  settings,
});
const read = (
  column: TargetColumn,
  cell: GridCell,
  sourceUnit: MoneyUnit | null = null,
  carried = false,
): CellOutcome => parseImportCell(column, cell, { sourceUnit, carried, units });
const issue = (kind: IssueKind, level: IssueLevel, zh: string, en: string): CellIssue => ({ kind, level, zh, en });
const outcome = (text: string, issues: CellIssue[] | null, num: bigint | number | null = null): CellOutcome => ({
  text,
  issues,
  invalid: false,
  num,
});
const refused = (zh: string, en: string, earlier: CellIssue[] = []): CellOutcome => ({
  text: '',
  issues: [...earlier, issue('invalid', 'error', zh, en)],
  invalid: true,
  num: null,
});
const notAmount = (text: string) =>
  refused(
    `“${text}”不是金额（应为数字，可带单位，如 1.2亿、120万；未知填“/”）`,
    `"${text}" is not an amount (a number, optionally with a unit such as 1.2亿 or 120万; "/" for unknown)`,
  );
const notNumber = (text: string, earlier: CellIssue[] = []) =>
  refused(`“${text}”不是数字`, `"${text}" is not a number`, earlier);

const money = target('money', { moneyUnit: '万元' });
const moneyYi = target('money', { moneyUnit: '亿元' });
const number = target('number');
const percent = target('percent');

describe('promise: an imported amount is stored as the file meant it, in the unit it was written in', () => {
  test('a money column without a unit set reads amounts in 万元', () => {
    assert.deepEqual(read(target('money'), 4600), outcome('4600', null, 4_600_000_000n));
    assert.deepEqual(read(target('money'), '4600'), outcome('4600', null, 4_600_000_000n));
  });

  test('a plain figure under a header in 亿元 is that many 亿元, however it is written', () => {
    const converted = (stored: string, wan: string) =>
      issue('unitConverted', 'info', `“${stored}”换算为 ${wan} 万元`, `"${stored}" converted to ${wan} 万元`);
    assert.deepEqual(read(money, '12', '亿元'), outcome('12亿元', [converted('12亿元', '120000')], 120_000_000_000n));
    assert.deepEqual(
      read(money, '1.25', '亿元'),
      outcome('1.25亿元', [converted('1.25亿元', '12500')], 12_500_000_000n),
    );
    assert.deepEqual(
      read(money, '-1.2', '亿元'),
      outcome('-1.2亿元', [converted('-1.2亿元', '-12000')], -12_000_000_000n),
    );
    assert.deepEqual(
      read(money, '+1.2', '亿元'),
      outcome('+1.2亿元', [converted('+1.2亿元', '12000')], 12_000_000_000n),
    );
    assert.deepEqual(
      read(money, '1,200', '亿元'),
      outcome('1,200亿元', [converted('1,200亿元', '12000000')], 12_000_000_000_000n),
    );
    assert.deepEqual(read(money, '1\u2009000', '亿元').num, 10_000_000_000_000n, 'a thin space groups thousands');
    // Text that is no plain figure keeps its own words and is refused as written.
    assert.deepEqual(read(money, 'x1.2', '亿元'), notAmount('x1.2'));
    assert.deepEqual(read(money, '1.2x', '亿元'), notAmount('1.2x'));
    // A number cell too large to write as a plain decimal is refused, with the header's unit.
    assert.deepEqual(read(money, 1e21, '亿元'), notAmount('1e+21亿元'));
    assert.deepEqual(read(money, 1e21), notAmount('1e+21'));
  });

  test('an approximate figure under a header in 亿元 is approximately that many 亿元, not 万元', () => {
    const approx = read(money, '约1.2', '亿元');
    assert.deepEqual(
      approx,
      outcome(
        '约1.2亿元',
        [
          issue('approximate', 'warning', '约数：按 12000 万元 计入', 'approximate: counted as 12000 万元'),
          issue('unitConverted', 'info', '“约1.2亿元”换算为 12000 万元', '"约1.2亿元" converted to 12000 万元'),
        ],
        12_000_000_000n,
      ),
    );
    assert.equal(read(money, '近 3', '亿元').num, 30_000_000_000n);
    assert.equal(read(money, '约1.2亿元', '亿元').text, '约1.2亿元', 'a unit already written is not written twice');
  });

  test('an amount written with its unit says so when it is converted, and only then', () => {
    const converted = (stored: string, to: string, unit: MoneyUnit) =>
      issue('unitConverted', 'info', `“${stored}”换算为 ${to} ${unit}`, `"${stored}" converted to ${to} ${unit}`);
    assert.deepEqual(read(money, '1.2亿'), outcome('1.2亿', [converted('1.2亿', '12000', '万元')], 12_000_000_000n));
    assert.deepEqual(read(moneyYi, '120万'), outcome('120万', [converted('120万', '0.012', '亿元')], 120_000_000n));
    assert.deepEqual(
      read(moneyYi, '1.2亿元'),
      outcome('1.2亿元', null, 12_000_000_000n),
      'already in the column’s unit',
    );
    assert.deepEqual(read(money, '120万元'), outcome('120万元', null, 120_000_000n));
    assert.deepEqual(read(money, '5000元'), outcome('5000元', [converted('5000元', '0.5', '万元')], 500_000n));
  });

  test('unknown, approximate and refused amounts, each with its message', () => {
    assert.deepEqual(
      read(money, '待定'),
      outcome('待定', [
        issue('unknown', 'info', '金额未知（“待定”），不计入合计', 'amount unknown ("待定"); not counted in totals'),
      ]),
    );
    assert.deepEqual(
      read(money, '约5000'),
      outcome(
        '约5000',
        [issue('approximate', 'warning', '约数：按 5000 万元 计入', 'approximate: counted as 5000 万元')],
        5_000_000_000n,
      ),
    );
    assert.deepEqual(read(money, '五千'), notAmount('五千'));
  });

  test('an amount beyond what a plan holds refuses the file; an amount that is merely wrong does not', () => {
    const huge = read(money, 1e14);
    assert.equal(huge.outOfRange, true, 'a number cell');
    assert.deepEqual([huge.text, huge.invalid, huge.num, huge.issues?.[0]?.kind], ['', true, null, 'invalid']);
    assert.equal(read(money, '100000000000000').outOfRange, true, 'a text cell');
    assert.equal('outOfRange' in read(money, '五千'), false);
    assert.equal('outOfRange' in read(money, 4600), false);
  });
});

describe('promise: an imported number is read as written, or refused naming what was written', () => {
  test('a year column takes four-digit years only, whether the cell holds a number or text', () => {
    assert.deepEqual(read(target('year'), 2025), outcome('2025', null, 2025));
    assert.deepEqual(read(target('year'), 25), refused('“25”不是年份', '"25" is not a year'));
    assert.deepEqual(read(target('year'), '12'), refused('“12”不是年份', '"12" is not a year'));
  });

  test('a number cell too large to write plainly is refused, not read as another number', () => {
    assert.deepEqual(read(number, 1e21), notNumber('1e+21'));
    assert.deepEqual(read(number, -7), outcome('-7', null, -7));
    assert.deepEqual(read(percent, 12), outcome('12', null, 12));
  });

  test('a cell formatted as a percentage keeps the figure it shows', () => {
    const shown = { t: 'n', v: 0.2662, percent: true } as GridCell;
    assert.deepEqual(
      read(number, shown),
      outcome(
        '26.62',
        [issue('percentText', 'info', '百分数 26.62% 按 26.62 导入', 'percentage 26.62% imported as 26.62')],
        26.62,
      ),
    );
    assert.deepEqual(read(percent, shown), outcome('26.62%', null, 26.62));
  });

  test('a cell formatted with 约 is an approximate figure', () => {
    const shown = { t: 'n', v: 5000, approximate: true } as GridCell;
    assert.deepEqual(
      read(number, shown),
      outcome(
        '5000',
        [issue('approximate', 'warning', '约数“约5000”按 5000 导入', 'approximate "约5000" imported as 5000')],
        5000,
      ),
    );
    assert.deepEqual(read(number, { t: 'n', v: 12 } as GridCell), outcome('12', null, 12));
  });

  test('approximate and percent text: the figure after the word, the figure before the %', () => {
    const approx = (text: string, rest: string) =>
      issue('approximate', 'warning', `约数“${text}”按 ${rest} 导入`, `approximate "${text}" imported as ${rest}`);
    const percentText = (text: string, stored: string) =>
      issue('percentText', 'info', `百分数“${text}”按 ${stored} 导入`, `percentage "${text}" imported as ${stored}`);
    assert.deepEqual(read(number, '约-5'), outcome('-5', [approx('约-5', '-5')], -5));
    assert.deepEqual(read(number, '约1.25'), outcome('1.25', [approx('约1.25', '1.25')], 1.25));
    assert.deepEqual(read(number, '大约 12'), outcome('12', [approx('大约 12', '12')], 12));
    assert.deepEqual(read(number, '约x12'), notNumber('约x12'));
    assert.deepEqual(read(number, '约12x'), notNumber('约12x'));
    assert.deepEqual(read(number, '-5%'), outcome('-5', [percentText('-5%', '-5')], -5));
    assert.deepEqual(read(number, '1.25%'), outcome('1.25', [percentText('1.25%', '1.25')], 1.25));
    assert.deepEqual(read(number, 'x5%'), notNumber('x5%'));
    assert.deepEqual(read(number, '5%x'), notNumber('5%x'));
    assert.deepEqual(read(number, '5%%'), notNumber('5%%'));
    assert.deepEqual(read(number, '约5%'), outcome('5', [approx('约5%', '5%'), percentText('约5%', '5')], 5));
    assert.deepEqual(
      read(number, '不 涉及'),
      outcome('不 涉及', [issue('unknown', 'info', '数值未知（“不 涉及”）', 'value unknown ("不 涉及")')]),
    );
  });

  test('a wrapped figure is joined, and the join is said', () => {
    const joined = issue(
      'linesJoined',
      'info',
      '单元格内的换行已合并为一行',
      'line breaks inside the cell were joined into one line',
    );
    assert.deepEqual(read(number, '12\n五'), notNumber('12五', [joined]));
    assert.deepEqual(read(target('text'), '生态\n环境'), outcome('生态环境', [joined]));
  });
});

describe('promise: every other imported cell is kept as written, refused with a reason, or marked', () => {
  test('text, spans, dates and choices', () => {
    assert.deepEqual(read(target('yearRange'), '2021-2025'), outcome('2021-2025', null));
    assert.deepEqual(read(target('text'), '说明'), outcome('说明', null));
    assert.deepEqual(read(target('date'), '2025年6月'), outcome('2025年6月', null));
    assert.deepEqual(read(target('choice', { choices: ['约束性'] }), '约束性'), outcome('约束性', null));
    assert.deepEqual(
      read(target('choice', { choices: ['约束性', '预期性'] }), '其他'),
      refused('“其他”不在可选值中（约束性、预期性）', '"其他" is not one of the choices (约束性, 预期性)'),
    );
    assert.deepEqual(
      read(target('longText'), '第一行\n第二行', null, true),
      outcome('第一行\n第二行', [
        issue('carried', 'info', '由上方合并单元格向下带入', 'carried down from a merged cell above'),
      ]),
    );
  });

  test('formulas without a value, error values and markup, with their messages', () => {
    assert.deepEqual(
      read(number, { t: 'f', formula: 'A1+1' } as GridCell),
      outcome('', [
        issue(
          'formulaNoValue',
          'warning',
          '公式 =A1+1 没有保存计算结果，此格留空；请在 Excel/WPS 中打开并保存文件后重新导入',
          'the formula =A1+1 has no saved result, so the cell is left empty; open and save the file in Excel or WPS, then import again',
        ),
      ]),
    );
    assert.deepEqual(
      read(number, { t: 'e', v: '#DIV/0!' } as GridCell),
      outcome('', [
        issue(
          'errorValue',
          'warning',
          '单元格是错误值 #DIV/0!，此格留空',
          'the cell holds the error #DIV/0!; it is left empty',
        ),
      ]),
    );
    assert.deepEqual(
      read(target('text'), '<p>项目</p>'),
      outcome('项目', [
        issue(
          'markupRemoved',
          'info',
          '已去除其中的排版标记（如 <p>、[bookmark]）',
          'stray markup (<p>, [bookmark]) was removed',
        ),
      ]),
    );
  });

  test('an outcome already read is never changed by reading the next cell', () => {
    const first = read(number, '约12');
    const firstIssues = structuredClone(first.issues);
    read(number, '约5%');
    read(number, { t: 'e', v: '#REF!' } as GridCell);
    assert.deepEqual(first.issues, firstIssues);
  });

  test('every kind of issue an import reports can be carried to the preview', () => {
    // The kinds the import raises, in importCells.ts and in electron/core/import (preview, commit, updateMatch).
    const raised: IssueKind[] = [
      'carried',
      'fromSection',
      'unknown',
      'approximate',
      'unitConverted',
      'percentText',
      'markupRemoved',
      'linesJoined',
      'departmentAlias',
      'departmentReassembled',
      'departmentUnknown',
      'formulaNoValue',
      'errorValue',
      'invalid',
      'keyUnmatched',
      'keyAmbiguous',
      'keyDuplicate',
      'fixed',
      'subItem',
      'sameAsAbove',
      'nameMissing',
    ];
    for (const kind of raised)
      assert.equal(IssueSchema.safeParse({ kind, level: 'info', zh: '说明', en: 'note' }).success, true, kind);
    assert.equal(IssueSchema.safeParse({ kind: 'other', level: 'info', zh: '说明', en: 'note' }).success, false);
  });
});

describe('promise: a cell of units is read once per text, and each cell keeps its own marks', () => {
  const context = (): CellContext => ({
    sourceUnit: null,
    carried: false,
    units,
    unitCache: new Map(),
    outcomeCache: new Map(),
  });
  const list = target('departmentList');
  const aliasRead = (names: string) =>
    issue(
      'departmentAlias',
      'info',
      `责任单位识别为：${names.split(',').join('、')}`,
      `units read as: ${names.split(',').join(', ')}`,
    );

  test('aliases, reassembled names and unknown units, each with its message', () => {
    assert.deepEqual(
      read(list, '市住建局、市残联'),
      outcome('市住房和城乡建设局、市残疾人联合会', [aliasRead('市住房和城乡建设局,市残疾人联合会')]),
    );
    assert.deepEqual(
      read(list, '市住房和城乡 建设局'),
      outcome('市住房和城乡建设局', [
        issue(
          'departmentReassembled',
          'info',
          '责任单位识别为：市住房和城乡建设局',
          'units read as: 市住房和城乡建设局',
        ),
      ]),
    );
    assert.deepEqual(
      read(list, '新设局、另一局'),
      outcome('新设局、另一局', [
        issue(
          'departmentUnknown',
          'warning',
          '单位名录中没有：新设局、另一局（保留原文，请核对或在单位名录中添加）',
          "not in the plan's list of units: 新设局, 另一局 (kept as written; check it or add the unit)",
        ),
      ]),
    );
    assert.deepEqual(
      read(target('department'), '市住建局'),
      outcome('市住房和城乡建设局', [aliasRead('市住房和城乡建设局')]),
    );
    assert.deepEqual(
      read(target('department'), '新设局、另一局'),
      refused('此列只能填一个单位，这里有 2 个', 'this column takes one unit; the cell names 2', [
        issue(
          'departmentUnknown',
          'warning',
          '单位名录中没有：新设局、另一局（保留原文，请核对或在单位名录中添加）',
          "not in the plan's list of units: 新设局, 另一局 (kept as written; check it or add the unit)",
        ),
      ]),
    );
  });

  test('a carried cell does not lend its mark to a later cell of the same text, nor take one', () => {
    const shared = context();
    const carried = parseImportCell(list, '市残联', { ...shared, carried: true });
    assert.deepEqual(
      carried.issues?.map((item) => item.kind),
      ['carried', 'departmentAlias'],
    );
    const plain = parseImportCell(list, '市残联', shared);
    assert.deepEqual(
      plain.issues?.map((item) => item.kind),
      ['departmentAlias'],
    );
    const again = parseImportCell(list, '市残联', { ...shared, carried: true });
    assert.deepEqual(
      again.issues?.map((item) => item.kind),
      ['carried', 'departmentAlias'],
    );
  });

  test('different texts and different column types never share an outcome', () => {
    const shared = context();
    assert.equal(parseImportCell(list, '市残联', shared).text, '市残疾人联合会');
    assert.equal(parseImportCell(list, '市住建局', shared).text, '市住房和城乡建设局');
    assert.equal(parseImportCell(list, '市住建局、市残联', shared).invalid, false);
    assert.equal(parseImportCell(target('department'), '市住建局、市残联', shared).invalid, true);
    assert.deepEqual(
      parseImportCell(list, '市住建局', shared),
      parseImportCell(list, '市住建局', { ...shared, outcomeCache: new Map() }),
    );
  });
});

describe('promise: what an official types is read as written, or refused with a reason', () => {
  type Column = Pick<ColumnDef, 'type' | 'settings' | 'name' | 'role'>;
  const col = (type: ColumnDef['type'], settings: ColumnDef['settings'] = {}): Column => ({
    type,
    settings,
    name: '列',
    role: null,
  });
  const RESOLVE: Record<string, string> = {
    市住建局: '市住房和城乡建设局',
    市住房和城乡建设局: '市住房和城乡建设局',
    市残联: '市残疾人联合会',
  };
  const resolve = (name: string) => RESOLVE[name] ?? null;
  const num = (parse: CellParse) => (parse.ok ? parse.cell.num : parse.reasonEn);

  test('thousands separators with any decimals; a % or 年 only at the end', () => {
    assert.equal(num(parseCellInput(col('number'), '1,234.56')), 1234.56);
    assert.equal(num(parseCellInput(col('percent'), '5%5')), '"5%5" is not a number');
    assert.equal(num(parseCellInput(col('year'), '20年25')), '"20年25" is not a year');
  });

  test('units on separate lines of one cell are each resolved when the plan knows them; each unit once', () => {
    const list = col('departmentList');
    assert.deepEqual(parseCellInput(list, '市住建局\n市残联', resolve), {
      ok: true,
      cell: { text: '市住建局\n市残联', num: null, departments: ['市住房和城乡建设局', '市残疾人联合会'] },
    });
    assert.deepEqual(parseCellInput(list, '市住建局、市住房和城乡建设局', resolve), {
      ok: true,
      cell: { text: '市住建局、市住房和城乡建设局', num: null, departments: ['市住房和城乡建设局'] },
    });
    assert.deepEqual(
      parseCellInput(list, '市住建\n局', (name) => (name === '市住建局' ? '市住房和城乡建设局' : null)),
      {
        ok: true,
        cell: { text: '市住建\n局', num: null, departments: ['市住房和城乡建设局'] },
      },
      'a name wrapped over two lines is one name',
    );
    assert.deepEqual(parseCellInput(col('department'), '市残联', resolve), {
      ok: true,
      cell: { text: '市残联', num: null, departments: ['市残疾人联合会'] },
    });
  });

  test('the API form of a cell says exactly what it holds, and nothing it does not', () => {
    assert.deepEqual(toCellValue(col('money'), { text: '约5000', num: 5_000_000_000n, departments: null }), {
      text: '约5000',
      value: '5000',
      approximate: true,
    });
    assert.deepEqual(
      toCellValue(col('money'), { text: '约', num: null, departments: null }),
      { text: '约', value: null },
      'no figure, nothing approximate',
    );
    for (const value of [
      { text: '约5000', value: '5000', approximate: true },
      { text: '2025年6月', value: '2025-06-30', precision: 'month' },
      { text: '长期坚持', value: null, noDeadline: true },
      { text: '12', value: 12 },
      { text: '市残联', value: ['市残疾人联合会'] },
    ]) {
      assert.equal(CellValue.safeParse(value).success, true, JSON.stringify(value));
    }
    for (const value of [
      { text: '约5000', value: '5000', approximate: false },
      { text: '长期坚持', value: null, noDeadline: false },
      { text: '12', value: 12, extra: 1 },
      { text: '12', value: true },
    ]) {
      assert.equal(CellValue.safeParse(value).success, false, JSON.stringify(value));
    }
  });
});

describe('promise: an unknown mark is kept as written and said, however it is typed', () => {
  test('full-width marks are unknown amounts and unknown numbers, kept and marked', () => {
    for (const mark of ['－－', '——', '／', '不 涉及']) {
      assert.deepEqual(
        read(money, mark),
        outcome(mark, [
          issue(
            'unknown',
            'info',
            `金额未知（“${mark}”），不计入合计`,
            `amount unknown ("${mark}"); not counted in totals`,
          ),
        ]),
        mark,
      );
      assert.deepEqual(
        read(number, mark),
        outcome(mark, [issue('unknown', 'info', `数值未知（“${mark}”）`, `value unknown ("${mark}")`)]),
        mark,
      );
    }
  });

  test('an empty or missing cell is the one shared empty outcome, carried or not', () => {
    const context: CellContext = { sourceUnit: null, carried: true, units };
    for (const cell of ['', null, undefined])
      assert.equal(parseImportCell(number, cell, context), EMPTY_CELL, String(cell));
  });
});
