/**
 * Promises of cell reading (shared/values/cells.ts for typed input, importCells.ts for imported
 * cells): what an official types or a workbook holds is stored as written and read as meant —
 * "/" is unknown, not refused and not 0 — and what a column cannot take is refused with a reason,
 * in Chinese and English, or marked.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CellParse, StoredCell } from '../../../shared/values/cells';
import { parseCellInput, toCellValue } from '../../../shared/values/cells';
import type { ColumnDef } from '../../../shared/model/columns';
import type { CellOutcome } from '../../../shared/import/importCells';
import { EMPTY_CELL, isUnknownText, parseImportCell } from '../../../shared/import/importCells';
import { unitDirectory } from '../../../shared/import/importDepartments';
import type { GridCell } from '../../../shared/import/importGrid';
import type { TargetColumn } from '../../../shared/import/importMapping';

type Column = Pick<ColumnDef, 'type' | 'settings' | 'name' | 'role'>;
const col = (
  type: ColumnDef['type'],
  settings: ColumnDef['settings'] = {},
  role: ColumnDef['role'] = null,
): Column => ({ type, settings, name: '列', role });

const RESOLVE: Record<string, string> = {
  市住建局: '市住房和城乡建设局',
  市住房和城乡建设局: '市住房和城乡建设局',
  市残联: '市残疾人联合会',
};
const resolve = (name: string) => RESOLVE[name] ?? null;

function stored(parse: CellParse): StoredCell {
  if (!parse.ok) assert.fail(`refused: ${parse.reasonEn}`);
  return parse.cell;
}
function refusal(parse: CellParse): { zh: string; en: string } {
  if (parse.ok)
    assert.fail(`accepted: ${JSON.stringify(parse.cell, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
  return { zh: parse.reasonZh, en: parse.reasonEn };
}

describe('promise: a number column reads numbers, unknown marks and nothing else', () => {
  const number = col('number');
  test('"/" and the other unknown marks are unknown (no number), never refused', () => {
    for (const mark of ['/', '／', '—', '-', '--', '——', '不涉及', '', '  ']) {
      const cell = stored(parseCellInput(number, mark));
      assert.equal(cell.num, null, JSON.stringify(mark));
      assert.equal(cell.text, mark.trim());
    }
  });

  test('numbers as officials write them', () => {
    const num = (text: string, column = number) => stored(parseCellInput(column, text)).num;
    assert.equal(num('12.5'), 12.5);
    assert.equal(num(' 12.5 '), 12.5);
    assert.equal(num('-3'), -3);
    assert.equal(num('+3'), 3);
    assert.equal(num('1,234,567.5'), 1234567.5);
    assert.equal(num('１２'), 12);
    // A space between digits is refused (is "1 2" one number or two?); thin spaces group thousands.
    assert.match(refusal(parseCellInput(number, '1 000')).en, /space/);
    assert.equal(num('1\u2009000'), 1000);
    assert.equal(num('26.62%', col('percent')), 26.62);
    assert.equal(num('26.62％', col('percent')), 26.62);
    assert.equal(num('26.62', col('percent')), 26.62);
  });

  test('anything else is refused, naming the text', () => {
    for (const text of ['12,34', '1234,567', '1,234,56', '12%', '约12', '12x', 'x12', '1.2.3', '.5']) {
      const reason = refusal(parseCellInput(number, text));
      assert.equal(reason.zh, `“${text}”不是数字`);
      assert.equal(reason.en, `"${text}" is not a number`);
    }
  });
});

describe('promise: every column type keeps the text and derives its meaning', () => {
  test('money in the column’s unit, with unknown and refused amounts', () => {
    assert.equal(stored(parseCellInput(col('money', { moneyUnit: '亿元' }), '1.5')).num, 15_000_000_000n);
    assert.equal(stored(parseCellInput(col('money'), '1.5')).num, 1_500_000n, '万元 by default');
    assert.equal(stored(parseCellInput(col('money'), '/')).num, null);
    assert.match(refusal(parseCellInput(col('money'), '很多')).zh, /很多/);
  });

  test('years: four digits, 年 allowed, blank allowed', () => {
    assert.equal(stored(parseCellInput(col('year'), '2025年')).num, 2025);
    assert.equal(stored(parseCellInput(col('year'), '２０２５')).num, 2025);
    assert.equal(stored(parseCellInput(col('year'), '')).num, null);
    assert.deepEqual(refusal(parseCellInput(col('year'), '25年')), {
      zh: '“25年”不是年份',
      en: '"25年" is not a year',
    });
    refusal(parseCellInput(col('year'), '2025年底'));
    refusal(parseCellInput(col('year'), '20251'));
  });

  test('dates: a date column wants a date; a deadline column keeps its words', () => {
    assert.equal(stored(parseCellInput(col('date'), '2023-06-30')).text, '2023-06-30');
    assert.equal(stored(parseCellInput(col('date'), '')).text, '');
    assert.equal(stored(parseCellInput(col('date', {}, 'deadline'), '长期坚持')).text, '长期坚持');
    // "长期坚持" is a deadline's way of saying "none"; a plain date column still wants a date.
    const reason = refusal(parseCellInput(col('date'), '完成上级任务'));
    assert.match(reason.zh, /“完成上级任务”不是日期/);
    assert.match(reason.en, /"完成上级任务" is not a date/);
  });

  test('choices: only the listed ones, or blank', () => {
    const choice = col('choice', { choices: ['约束性', '参考性'] });
    assert.equal(stored(parseCellInput(choice, '约束性')).text, '约束性');
    assert.equal(stored(parseCellInput(choice, '')).text, '');
    assert.deepEqual(refusal(parseCellInput(choice, '预期性')), {
      zh: '“预期性”不在可选值中（约束性、参考性）',
      en: '"预期性" is not one of the choices (约束性, 参考性)',
    });
    assert.deepEqual(
      refusal(parseCellInput(col('status', { choices: ['推进中'] }), '完成')).en,
      '"完成" is not one of the choices (推进中)',
    );
    assert.equal(stored(parseCellInput(col('choice'), '任意')).text, '任意', 'no list: any text');
  });

  test('departments: split on every separator, aliases resolved, each unit once', () => {
    const list = col('departmentList');
    assert.deepEqual(stored(parseCellInput(list, '市住建局；市残联;市住房和城乡建设局', resolve)).departments, [
      '市住房和城乡建设局',
      '市残疾人联合会',
    ]);
    assert.deepEqual(stored(parseCellInput(list, '市住建局、未登记单位', resolve)).departments, ['市住房和城乡建设局']);
    assert.deepEqual(
      stored(parseCellInput(list, '市残联', undefined)).departments,
      [],
      'no directory: nothing resolved',
    );
    assert.deepEqual(stored(parseCellInput(col('department'), '市住建局', resolve)).departments, [
      '市住房和城乡建设局',
    ]);
    assert.deepEqual(stored(parseCellInput(col('department'), '', resolve)).departments, []);
    assert.deepEqual(
      stored(parseCellInput(col('department'), '市住建局、市残联', resolve)).departments,
      [],
      'one unit column: the whole text is one name',
    );
  });

  test('text is trimmed; long text keeps its lines, with Windows line ends made plain', () => {
    assert.equal(stored(parseCellInput(col('text'), '  名称  ')).text, '名称');
    assert.equal(
      stored(parseCellInput(col('longText'), ' 第一行\r\n第二行\r第三行 ')).text,
      ' 第一行\n第二行\n第三行 ',
    );
  });

  test('the API form: money as exact decimal, numbers as numbers, spans and dates as read', () => {
    const cell = (
      text: string,
      num: bigint | number | null = null,
      departments: string[] | null = null,
    ): StoredCell => ({ text, num, departments });
    assert.deepEqual(toCellValue(col('money', { moneyUnit: '亿元' }), cell('1.5', 15_000_000_000n)), {
      text: '1.5',
      value: '1.5',
    });
    assert.deepEqual(toCellValue(col('money'), cell('1.5', 1_500_000n)), { text: '1.5', value: '1.5' });
    assert.deepEqual(toCellValue(col('money'), cell('/')), { text: '/', value: null });
    assert.deepEqual(toCellValue(col('number'), cell('12', 12)), { text: '12', value: 12 });
    assert.deepEqual(toCellValue(col('number'), cell('0', 0)), { text: '0', value: 0 }, '0 is a value, not unknown');
    assert.deepEqual(toCellValue(col('number'), cell('/')), { text: '/', value: null });
    assert.deepEqual(toCellValue(col('departmentList'), cell('市住建局', null, ['市住房和城乡建设局'])), {
      text: '市住建局',
      value: ['市住房和城乡建设局'],
    });
    assert.deepEqual(toCellValue(col('departmentList'), cell('')), { text: '', value: [] });
    assert.deepEqual(toCellValue(col('yearRange'), cell('2021—2025年')), { text: '2021—2025年', value: '2021-2025' });
    assert.deepEqual(toCellValue(col('yearRange'), cell('长期')), { text: '长期', value: null });
    assert.deepEqual(toCellValue(col('date'), cell('2023年6月30日')), {
      text: '2023年6月30日',
      value: '2023-06-30',
      precision: 'day',
    });
    assert.deepEqual(toCellValue(col('date', { year: 2024 }), cell('6月底前')), {
      text: '6月底前',
      value: '2024-06-30',
      precision: 'month',
    });
    assert.deepEqual(toCellValue(col('text'), cell('说明')), { text: '说明', value: null });
  });
});

describe('promise: an imported cell is stored as the file meant it, and every change is marked', () => {
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
    sourceUnit: '万元' | '亿元' | '元' | null = null,
    carried = false,
  ): CellOutcome => parseImportCell(column, cell, { sourceUnit, carried, units });
  const kinds = (outcome: CellOutcome) => (outcome.issues ?? []).map((item) => item.kind);
  const number = target('number');
  const money = target('money', { moneyUnit: '万元' });

  test('"/" in a number column is an unknown value, imported as written', () => {
    for (const mark of ['/', '／', '—', '不涉及', '待定', '暂无', '未定', '－', '无']) {
      const outcome = read(number, mark);
      assert.equal(outcome.invalid, false, mark);
      assert.equal(outcome.num, null);
      assert.equal(outcome.text, mark);
      assert.deepEqual(kinds(outcome), ['unknown']);
      assert.match(outcome.issues![0]!.zh, new RegExp(`数值未知（“${mark}”）`));
    }
    assert.equal(isUnknownText(' / '), true);
    assert.equal(isUnknownText('/x'), false);
  });

  test('number cells: numbers, approximations, percentages, refusals', () => {
    assert.deepEqual(read(number, 12.5), { text: '12.5', issues: null, invalid: false, num: 12.5 });
    assert.deepEqual(read(number, '12.5'), { text: '12.5', issues: null, invalid: false, num: 12.5 });
    const approx = read(number, '约12');
    assert.deepEqual([approx.text, approx.num, kinds(approx)], ['12', 12, ['approximate']]);
    assert.match(approx.issues![0]!.zh, /约数“约12”按 12 导入/);
    const over = read(number, '超过1,200');
    assert.deepEqual([over.text, over.num], ['1,200', 1200]);
    const percent = read(number, '26.62%');
    assert.deepEqual([percent.text, percent.num, kinds(percent)], ['26.62', 26.62, ['percentText']]);
    const approxPercent = read(number, '约5%');
    assert.deepEqual(
      [approxPercent.text, approxPercent.num, kinds(approxPercent)],
      ['5', 5, ['approximate', 'percentText']],
    );
    const formatted = read(number, { t: 'n', v: 0.2662, percent: true } as GridCell);
    assert.deepEqual([formatted.text, formatted.num, kinds(formatted)], ['26.62', 26.62, ['percentText']]);
    const intoPercent = read(target('percent'), { t: 'n', v: 0.2662, percent: true } as GridCell);
    assert.deepEqual([intoPercent.text, intoPercent.num, kinds(intoPercent)], ['26.62%', 26.62, []]);
    const percentColumn = read(target('percent'), '26.62%');
    assert.deepEqual([percentColumn.text, percentColumn.num, kinds(percentColumn)], ['26.62%', 26.62, []]);
    const bad = read(number, '约十二');
    assert.deepEqual([bad.text, bad.invalid, bad.num, kinds(bad)], ['', true, null, ['invalid']]);
    assert.match(bad.issues![0]!.zh, /不是数字/);
    const wrapped = read(number, '12\n5');
    assert.ok(kinds(wrapped).includes('linesJoined'));
    const year = read(target('year'), '2025年');
    assert.deepEqual([year.text, year.num], ['2025年', 2025]);
  });

  test('money cells: own unit, another unit, unknown, approximate, refused', () => {
    assert.deepEqual(read(money, 4600), { text: '4600', issues: null, invalid: false, num: 4_600_000_000n });
    const yi = read(money, 1.2, '亿元');
    assert.deepEqual([yi.text, yi.num, kinds(yi)], ['1.2亿元', 12_000_000_000n, ['unitConverted']]);
    assert.match(yi.issues![0]!.zh, /“1\.2亿元”换算为 12000 万元/);
    const yiText = read(money, '1.2', '亿元');
    assert.equal(yiText.text, '1.2亿元');
    const sameUnit = read(money, '4600', '万元');
    assert.deepEqual([sameUnit.text, kinds(sameUnit)], ['4600', []]);
    const written = read(money, '5000元');
    assert.deepEqual([written.text, written.num, kinds(written)], ['5000元', 500_000n, ['unitConverted']]);
    const wan = read(money, '120万');
    assert.deepEqual([wan.num, kinds(wan)], [120_000_000n, []], 'written in the column’s own unit: nothing converted');
    const unknown = read(money, '/');
    assert.deepEqual([unknown.text, unknown.num, unknown.invalid, kinds(unknown)], ['/', null, false, ['unknown']]);
    assert.match(unknown.issues![0]!.zh, /不计入合计/);
    const approx = read(money, '约5000');
    assert.deepEqual([approx.text, approx.num, kinds(approx)], ['约5000', 5_000_000_000n, ['approximate']]);
    assert.match(approx.issues![0]!.zh, /按 5000 万元 计入/);
    const bad = read(money, '五千');
    assert.deepEqual([bad.text, bad.invalid, bad.num, kinds(bad)], ['', true, null, ['invalid']]);
  });

  test('department cells: aliases and unknown units are marked, a single-unit column takes one', () => {
    const list = target('departmentList');
    const aliased = read(list, '市住建局；市残联;市住房和城乡建设局');
    assert.equal(
      aliased.text,
      '市住房和城乡建设局、市残疾人联合会',
      'a unit named by alias and by name is listed once',
    );
    assert.deepEqual(kinds(aliased), ['departmentAlias']);
    const unknown = read(list, '市住建局、新设局');
    assert.equal(unknown.text, '市住房和城乡建设局、新设局', 'an unknown unit is kept, not dropped');
    assert.deepEqual(kinds(unknown), ['departmentAlias', 'departmentUnknown']);
    assert.match(unknown.issues![1]!.zh, /单位名录中没有：新设局/);
    const plain = read(list, '市残疾人联合会');
    assert.deepEqual([plain.text, plain.issues], ['市残疾人联合会', null]);
    const one = read(target('department'), '市住建局、市残联');
    assert.deepEqual([one.text, one.invalid, kinds(one).at(-1)], ['', true, 'invalid']);
    assert.match(one.issues!.at(-1)!.zh, /这里有 2 个/);
    assert.equal(read(target('department'), '市住建局').text, '市住房和城乡建设局');
  });

  test('blank, formulas without a value, error values, markup and carried cells', () => {
    assert.equal(read(number, ''), EMPTY_CELL);
    assert.equal(parseImportCell(number, null, { sourceUnit: null, carried: false, units }), EMPTY_CELL);
    const formula = read(number, { t: 'f', formula: 'SUM(A1:A3)' } as GridCell);
    assert.deepEqual([formula.text, kinds(formula)], ['', ['formulaNoValue']]);
    assert.match(formula.issues![0]!.zh, /=SUM\(A1:A3\)/);
    const error = read(number, { t: 'e', v: '#REF!' } as GridCell);
    assert.deepEqual([error.text, kinds(error)], ['', ['errorValue']]);
    assert.match(error.issues![0]!.en, /#REF!/);
    const markup = read(target('text'), '<p>项目</p>');
    assert.deepEqual([markup.text, kinds(markup)], ['项目', ['markupRemoved']]);
    const carried = read(target('text'), '生态安全类', null, true);
    assert.deepEqual([carried.text, kinds(carried)], ['生态安全类', ['carried']]);
    const long = read(target('longText'), '第一行\n第二行');
    assert.deepEqual([long.text, long.issues], ['第一行\n第二行', null], 'long text keeps its lines');
    const choice = read(target('choice', { choices: ['约束性'] }), '预期性');
    assert.deepEqual([choice.text, choice.invalid, kinds(choice)], ['', true, ['invalid']]);
    assert.equal(read(target('choice', { choices: ['约束性'] }), '约束性').text, '约束性');
    assert.equal(read(target('text'), '  名称 ').text, '名称');
  });
});
