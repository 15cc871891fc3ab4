import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { callApi } from '../apiCall';
import { PlanStore } from '../../electron/core/store/planStore';
import { kindColumns } from '../../shared/model/sheetKinds';
import { runPlanbench, tempDir } from '../helpers';
import { convertAll, sofficeSkip } from '../core/exchange/exchange-libreoffice';

/**
 * `planbench report`: the 督查通报 as a PDF through the print engine's Chromium, read back with
 * pdftotext — A4 portrait, title, counts, the overdue and seriously behind tasks with their
 * 进展情况, the status by department, the change since the last round, 第 X 页 共 Y 页.
 */

const UNITS = ['市发展和改革委员会', '市住房和城乡建设局', '市生态环境局'];
const ROWS = 45;

describe('planbench report', { timeout: 120_000 }, () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'report.planbench');
  after(cleanup);

  before(async () => {
    const store = PlanStore.create(plan, { title: '督查', periodStart: 2025, periodEnd: 2025 });
    try {
      store.addDepartments(UNITS.map((name) => ({ name })));
      const sheetId = store.createSheet({
        name: '重点任务',
        kind: 'tasks',
        description: '',
        columns: kindColumns('tasks'),
      });
      store.insertRows(
        sheetId,
        Array.from({ length: ROWS }, (_, index) => ({
          cells: {
            seq: String(index + 1),
            item: `第${index + 1}项重点任务`,
            lead: UNITS[index % UNITS.length]!,
            start: '2025年1月',
            // Every fifth task was due in May: overdue by the third quarter unless done.
            deadline: index % 5 === 0 ? '2025年5月底前' : '2025年底前',
          },
        })),
        { source: 'user', label: 'test' },
      );
      const rows = store.listRows(sheetId, 0, ROWS).rows;
      const context = { store, edition: 'cli' as const };
      const q2 = await callApi(context, 'rounds.open', { sheetId, name: '2025年第2季度', due: '2025-07-10' });
      const q3 = await callApi(context, 'rounds.open', { sheetId, name: '2025年第3季度', due: '2025-10-10' });
      const figures = (rate: (index: number) => number) =>
        rows.flatMap((row, index) => [
          { rowId: row.id, columnKey: 'rate', text: String(rate(index)) },
          { rowId: row.id, columnKey: 'progress', text: `第${index + 1}项进展：已完成${rate(index)}%` },
        ]);
      store.rounds.record(
        q2.id,
        figures((index) => (index % 3 === 0 ? 10 : 50)),
        null,
      );
      store.rounds.record(
        q3.id,
        figures((index) => (index === 1 ? 100 : index % 3 === 0 ? 20 : 75)),
        null,
      );
    } finally {
      store.close();
    }
  });

  test('a round’s 通报: A4 portrait, every section, the overdue tasks with their 进展情况, numbered pages', async () => {
    const out = path.join(dir, '通报.pdf');
    const result = await runPlanbench([
      'report',
      plan,
      out,
      '--sheet',
      '重点任务',
      '--round',
      '2025年第3季度',
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const { pages } = JSON.parse(result.stdout) as { pages: number };
    assert.ok(pages >= 2, `a long list runs onto more pages (${pages})`);
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    assert.match(info, /Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/, 'A4 portrait');
    assert.match(info, new RegExp(`Pages:\\s+${pages}\\b`));
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    const compact = text.replace(/\s+/g, '');
    assert.match(compact, /关于重点任务推进情况的通报/);
    assert.match(compact, /2025年第3季度（截至2025年9月30日）/);
    assert.match(compact, /共列督查事项45项，其中已完成1项/);
    for (const heading of [
      '一、总体情况',
      '二、各牵头单位推进情况',
      '三、逾期和严重滞后事项',
      '四、与2025年第2季度相比',
    ]) {
      assert.ok(compact.includes(heading), heading);
    }
    // Task 1 was due in May at 20%: overdue, listed with what its department reported.
    assert.match(compact, /第1项重点任务市发展和改革委员会2025年5月底前20\.00%逾期第1项进展：已完成20%/);
    assert.match(compact, /市发展和改革委员会/);
    assert.match(compact, /新完成1项/);
    assert.ok(compact.includes(`第1页共${pages}页`) && compact.includes(`第${pages}页共${pages}页`));
    // A table continued on a new page starts with its header row again.
    const page = (number: number) =>
      execFileSync('pdftotext', ['-f', String(number), '-l', String(number), out, '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        '',
      );
    assert.match(page(2), /^序号事项牵头单位完成时限完成率状态进展情况\d+第\d+项重点任务/);
  });

  test('as of a date, without a round: the plan as it stands, no comparison; wrong usage is refused', async () => {
    const out = path.join(dir, 'asof.pdf');
    const result = await runPlanbench(['report', plan, out, '--sheet', '重点任务', '--as-of', '2025-06-30']);
    assert.equal(result.code, 0, result.stderr);
    const compact = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    assert.match(compact, /截至2025年6月30日/);
    assert.match(compact, /本通报没有上一报送轮次可比/);
    const both = await runPlanbench([
      'report',
      plan,
      out,
      '--sheet',
      '重点任务',
      '--round',
      '2025年第3季度',
      '--as-of',
      '2025-06-30',
    ]);
    assert.equal(both.code, 2);
    const notPdf = await runPlanbench(['report', plan, path.join(dir, 'x.txt'), '--sheet', '重点任务']);
    assert.equal(notPdf.code, 2);
    assert.match(notPdf.stderr, /须以 \.pdf 或 \.docx 结尾/);
  });

  test('the same 通报 as .docx: every section, the overdue tasks with their 进展情况, read back and through Writer', async () => {
    const out = path.join(dir, '通报.docx');
    const result = await runPlanbench(['report', plan, out, '--sheet', '重点任务', '--round', '2025年第3季度']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /督查通报（Word）/);
    const mammoth = (await import('mammoth')).default;
    const text = (await mammoth.extractRawText({ path: out })).value.replace(/\s+/g, '');
    assert.match(text, /关于重点任务推进情况的通报/);
    assert.match(text, /2025年第3季度（截至2025年9月30日）/);
    assert.match(text, /共列督查事项45项，其中已完成1项/);
    for (const heading of [
      '一、总体情况',
      '二、各牵头单位推进情况',
      '三、逾期和严重滞后事项',
      '四、与2025年第2季度相比',
    ]) {
      assert.ok(text.includes(heading), heading);
    }
    assert.match(text, /第1项重点任务市发展和改革委员会2025年5月底前20\.00%逾期第1项进展：已完成20%/);
    // The chart as a table of bars, with its legend.
    assert.match(text, /各牵头单位事项状态分布市发展和改革委员会■+/);
    assert.match(text, /■已完成■按序时推进■滞后■严重滞后■逾期■未报送■无时限/);
    assert.match(text, /新完成1项/);
    const xml = execFileSync('unzip', ['-p', out, 'word/document.xml'], { encoding: 'utf8' });
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/, 'A4 portrait');
    assert.match(xml, /<w:tblHeader\/>/, 'a table’s header row repeats on each page');
  });

  test(
    'the .docx opens in LibreOffice Writer: converted to PDF, it reads as the 通报',
    { skip: sofficeSkip() },
    async () => {
      const docx = path.join(dir, '通报.docx');
      const converted = path.join(dir, 'writer');
      await convertAll([docx], 'pdf', converted);
      const text = execFileSync('pdftotext', [path.join(converted, '通报.pdf'), '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        '',
      );
      assert.match(text, /关于重点任务推进情况的通报/);
      assert.match(text, /三、逾期和严重滞后事项/);
      assert.match(text, /—1—/, 'page numbers in official style');
    },
  );
});
