import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/contract/contract';
import { kindColumns } from '../../../shared/model/sheetKinds';
import { callApi } from '../../apiCall';
import { madeBytes, pathRef, saveToFolder } from '../../fileRefs';
import { tempDir } from '../../helpers';
import { convertAll, editSendOut, sofficeSkip, XLSX } from '../exchange/exchange-libreoffice';

/**
 * Two reporting rounds end to end: each round's send-out, departments' returns edited and re-saved
 * by LibreOffice, collected into that round. Earlier rounds keep their figures (a history per
 * row), the second send-out carries the first round's figures, 回收情况 lists the late department
 * with its overdue rows, and an undone merge takes its figures out of the round.
 */

const FGW = '市发展和改革委员会';
const ZJJ = '市住房和城乡建设局';

describe('reporting rounds through LibreOffice', { skip: sofficeSkip(), timeout: 300_000 }, () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let sheetId: number;
  const call = <N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> => callApi(context, name, input);

  /** Send a round out, let each department edit its file, re-save them all in LibreOffice, collect them. */
  async function runRound(
    roundId: number,
    edits: Record<string, [number, string, string | number][]>,
  ): Promise<{ sent: Record<string, string> }> {
    const made = await call('rounds.sendout', { roundId, package: 'files', saveTo: saveToFolder() });
    const sent: Record<string, string> = {};
    const edited: string[] = [];
    for (const file of made.files) {
      const name = file.department === FGW ? 'fgw' : 'zjj';
      sent[file.department] = path.join(dir, `${name}-${roundId}-sent.xlsx`);
      fs.writeFileSync(sent[file.department]!, madeBytes(file.file));
      if (!edits[file.department]) continue;
      const target = path.join(dir, `${name}-${roundId}.xlsx`);
      await editSendOut(sent[file.department]!, target, { cells: edits[file.department]! });
      edited.push(target);
    }
    const out = path.join(dir, `saved-${roundId}`);
    await convertAll(edited, XLSX, out);
    for (const file of edited) {
      const bytes = fs.readFileSync(path.join(out, path.basename(file)));
      const preview = await call('collect.preview', { file: pathRef(bytes, path.basename(file)) });
      await call('collect.apply', { previewId: preview.previewId, accept: 'all' });
    }
    return { sent };
  }

  const progressOf = async (roundId: number) => {
    const progress = await call('supervision.progress', { sheetId, roundId });
    return Object.fromEntries(progress.rows.map((row) => [row.seq, row]));
  };

  before(() => {
    store = PlanStore.create(path.join(dir, 'rounds.planbench'), { title: '督查', periodStart: 2025, periodEnd: 2025 });
    store.addDepartments([{ name: FGW, notes: '王科长 0519-85681234' }, { name: ZJJ }]);
    context = { store, edition: 'cli' };
    sheetId = store.createSheet({ name: '重点任务', kind: 'tasks', description: '', columns: kindColumns('tasks') });
    store.insertRows(
      sheetId,
      [
        { cells: { seq: '1', item: '任务一', lead: FGW, start: '2025年1月', deadline: '2025年底前' } },
        { cells: { seq: '2', item: '任务二', lead: FGW, start: '2025年1月', deadline: '2025年底前' } },
        { cells: { seq: '3', item: '任务三', lead: ZJJ, start: '2025年1月', deadline: '2025年5月底前' } },
        { cells: { seq: '4', item: '任务四', lead: ZJJ, start: '2025年1月', deadline: '2025年底前' } },
      ],
      { source: 'user', label: 'test' },
    );
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('two rounds: figures kept per round, the late department chased, the change since the last round', async () => {
    const q2 = await call('rounds.open', { sheetId, name: '2025年第2季度', due: '2025-07-10' });
    assert.equal(q2.asOf, '2025-06-30', 'the date read from the round’s name');
    await runRound(q2.id, {
      [FGW]: [
        [1, '完成率', 60],
        [1, '进展情况', '已完成方案编制'],
        [2, '完成率', '15%'],
      ],
    });

    // 回收情况 after the due date: 市发改委 returned, 市住建局 is late, with its overdue task.
    const status = await call('rounds.status', { roundId: q2.id, today: '2025-07-15' });
    const byName = Object.fromEntries(status.departments.map((department) => [department.department, department]));
    assert.equal(byName[FGW]!.returned, true);
    assert.equal(byName[FGW]!.late, false);
    assert.equal(byName[FGW]!.contact, '王科长 0519-85681234');
    assert.equal(byName[ZJJ]!.returned, false);
    assert.equal(byName[ZJJ]!.late, true);
    assert.deepEqual(
      byName[ZJJ]!.overdueRows.map((row) => [row.seq, row.status]),
      [['3', 'overdue']],
    );
    // The 催报 list as a workbook: the late department, whom to call, its overdue task.
    const chase = path.join(dir, '催报.xlsx');
    const chaseMade = await call('rounds.chaseList', { roundId: q2.id, today: '2025-07-15', saveTo: { path: chase } });
    assert.equal(chaseMade.rows, 1);
    const chaseBook = new (await import('exceljs')).default.Workbook();
    await chaseBook.xlsx.readFile(chase);
    const chaseLines: string[] = [];
    chaseBook.worksheets[0]!.eachRow((row) => chaseLines.push((row.values as unknown[]).filter(Boolean).join('|')));
    assert.match(chaseLines[0]!, /重点任务2025年第2季度催报清单/);
    assert.ok(chaseLines.includes(`${ZJJ}|3|任务三|2025年5月底前|逾期`), chaseLines.join('\n'));
    const early = await call('rounds.status', { roundId: q2.id, today: '2025-07-01' });
    assert.equal(
      early.departments.some((department) => department.late),
      false,
      'nobody is late before the due date',
    );

    const first = await progressOf(q2.id);
    assert.equal(first['1']!.progress, '60.00');
    assert.equal(first['1']!.note, '已完成方案编制');
    assert.equal(first['1']!.status, 'on_track'); // half the year gone, 60% done
    assert.equal(first['2']!.status, 'seriously_behind');
    assert.equal(first['4']!.status, 'not_reported', 'a department that did not report has no figures this round');

    // Round 2: the send-out carries round 1's figures; both departments report.
    const q3 = await call('rounds.open', { sheetId, name: '2025年第3季度', due: '2025-10-10' });
    const { sent } = await runRound(q3.id, {
      [FGW]: [
        [1, '完成率', 80],
        [2, '完成率', 45],
      ],
      [ZJJ]: [
        [1, '完成率', 100],
        [2, '完成率', 70],
        [2, '进展情况', '主体工程完工'],
      ],
    });
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(sent[FGW]!);
    const texts: string[] = [];
    book.worksheets[0]!.eachRow((row) => texts.push(JSON.stringify(row.values)));
    assert.ok(
      texts.some((line) => line.includes('已完成方案编制') && /\b60\b/.test(line)),
      'last round’s figures filled in',
    );

    const second = await progressOf(q3.id);
    assert.deepEqual(
      ['1', '2', '3', '4'].map((seq) => [second[seq]!.progress, second[seq]!.previousProgress, second[seq]!.status]),
      [
        ['80.00', '60.00', 'on_track'],
        ['45.00', '15.00', 'behind'],
        ['100.00', null, 'done'],
        ['70.00', null, 'on_track'],
      ],
    );
    assert.equal((await call('supervision.progress', { sheetId, roundId: q3.id })).previousRound, '2025年第2季度');
    // Round 1 is history: unchanged by round 2.
    assert.equal((await progressOf(q2.id))['1']!.progress, '60.00');
    const listed = await call('rounds.list', { sheetId });
    assert.deepEqual(
      listed.rounds.map((round) => round.name),
      ['2025年第2季度', '2025年第3季度'],
    );

    // Undoing the last merge (市住建局's) takes its figures out of round 2 as well as out of the plan.
    await call('history.undo', {});
    const undone = await progressOf(q3.id);
    assert.equal(undone['3']!.progress, null);
    assert.equal(undone['1']!.progress, '80.00');
  });

  test('a round needs a date and a supervisable sheet, and its name is unique per sheet', async () => {
    await assert.rejects(call('rounds.open', { sheetId, name: '第一轮', due: '2025-07-10' }), /没有说明截至哪一天/);
    await assert.rejects(call('rounds.open', { sheetId, name: '2025年第2季度', due: '2025-07-10' }), /已有报送轮次/);
    const plain = store.createSheet({ name: '表', kind: 'table', description: '', columns: kindColumns('table') });
    await assert.rejects(
      call('rounds.open', { sheetId: plain, name: '2025年第2季度', due: '2025-07-10' }),
      /没有可督查的列/,
    );
    const named = await call('rounds.open', { sheetId, name: '第一轮', due: '2025-07-10', asOf: '2025-06-30' });
    assert.equal(named.asOf, '2025-06-30');
  });
});
