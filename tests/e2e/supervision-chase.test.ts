import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PlanStore } from '../../electron/core/store/planStore';
import { kindColumns } from '../../shared/model/sheetKinds';
import { runPlanbench, tempDir } from '../helpers';

/**
 * The 催报 list as a printable page: `planbench round status … --chase 催报.pdf` through the print
 * engine's Chromium, read back with pdftotext — the late departments, whom to call, their
 * overdue tasks, A4 portrait with 第 X 页 共 Y 页; the .xlsx is still made the same way.
 */

const UNITS = [
  { name: '市发展和改革委员会', notes: '张三 0519-85680001' },
  { name: '市住房和城乡建设局', notes: '李四 0519-85680002' },
  { name: '市生态环境局' },
];

describe('the printable 催报 list', { timeout: 120_000 }, () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'chase.planbench');
  after(cleanup);

  before(async () => {
    const store = PlanStore.create(plan, { title: '督查', periodStart: 2025, periodEnd: 2025 });
    try {
      store.addDepartments(UNITS);
      const sheetId = store.createSheet({
        name: '重点任务',
        kind: 'tasks',
        description: '',
        columns: kindColumns('tasks'),
      });
      store.insertRows(
        sheetId,
        UNITS.flatMap((unit, index): { cells: Record<string, string> }[] => [
          {
            cells: {
              seq: `${index * 2 + 1}`,
              item: `${unit.name}五月底的任务`,
              lead: unit.name,
              deadline: '2025年5月底前',
            },
          },
          {
            cells: {
              seq: `${index * 2 + 2}`,
              item: `${unit.name}年底的任务`,
              lead: unit.name,
              deadline: '2025年底前',
              rate: '60',
            },
          },
        ]),
        { source: 'user', label: 'test' },
      );
    } finally {
      store.close();
    }
    const opened = await runPlanbench([
      'round',
      'open',
      plan,
      '--sheet',
      '重点任务',
      '--name',
      '2025年第2季度',
      '--due',
      '2025-07-10',
    ]);
    assert.equal(opened.code, 0, opened.stderr);
    const sent = await runPlanbench([
      'round',
      'sendout',
      plan,
      '--round',
      '2025年第2季度',
      '--out',
      path.join(dir, 'sent'),
    ]);
    assert.equal(sent.code, 0, sent.stderr);
  });

  test('--chase 催报.pdf: each late department with its contact and overdue tasks, on numbered A4 pages', async () => {
    const out = path.join(dir, '催报.pdf');
    const result = await runPlanbench([
      ...['round', 'status', plan, '--round', '2025年第2季度', '--today', '2025-07-15', '--chase', out],
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /已写出催报清单 .*催报\.pdf（3 行，1 页）/);
    assert.equal(fs.readFileSync(out).subarray(0, 5).toString(), '%PDF-');
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    assert.match(info, /Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/, 'A4 portrait');
    const compact = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    assert.match(compact, /重点任务2025年第2季度催报清单/);
    assert.match(compact, /截至2025年7月15日/);
    assert.match(compact, /报送截止2025年7月10日.*共3个单位中仍有3个单位未报送/);
    for (const header of ['逾期未报单位', '联系人及电话', '逾期或严重滞后事项', '完成时限', '状态']) {
      assert.ok(compact.includes(header), header);
    }
    // Each late department with whom to call, and its task due in May (nothing reported): 逾期.
    for (const words of ['张三', '李四', '市生态环境局五月底的']) assert.ok(compact.includes(words), words);
    assert.equal(compact.match(/五月?底?的?任务|五月底的/g)?.length ?? 0, 3, 'three tasks chased');
    assert.equal(compact.match(/逾期/g)?.length, 3 + 3, 'the prose, two column headers, and 逾期 on three rows');
    assert.ok(!compact.includes('年底的任务'), 'tasks on track are not chased');
    assert.match(compact, /第1页共1页/);
  });

  test('before the due date no one is late; the .xlsx is still made; another extension is wrong usage', async () => {
    const early = path.join(dir, '早.pdf');
    const result = await runPlanbench([
      ...['round', 'status', plan, '--round', '2025年第2季度', '--today', '2025-07-05', '--chase', early],
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      execFileSync('pdftotext', [early, '-'], { encoding: 'utf8' }).replace(/\s+/g, ''),
      /没有逾期未报送的单位/,
    );
    const xlsx = path.join(dir, '催报.xlsx');
    const made = await runPlanbench([
      ...['round', 'status', plan, '--round', '2025年第2季度', '--today', '2025-07-15', '--chase', xlsx],
    ]);
    assert.equal(made.code, 0, made.stderr);
    assert.equal(fs.readFileSync(xlsx).subarray(0, 2).toString(), 'PK');
    const wrong = await runPlanbench([
      ...['round', 'status', plan, '--round', '2025年第2季度', '--chase', path.join(dir, '催报.docx')],
    ]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--chase 须为 \.xlsx 或 \.pdf 文件/);
  });
});
