import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dispatch } from '../../electron/core/api/dispatch';
import { PlanStore } from '../../electron/core/store/planStore';
import type { CliResult } from '../helpers';
import { REPO_ROOT, runPlanbench, tempDir } from '../helpers';

/** `planbench rows`, Chinese sheet kinds for `import --as`, and output into a closed pipe. */

interface RowsJson {
  sheet: string;
  columns: { key: string; name: string; type: string }[];
  rows: { id: number; parentId: number | null; cells: Record<string, string> }[];
}

/** RFC 4180 read back: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      field = '';
      record = [];
      index++;
    } else field += char;
  }
  assert.equal(field + record.join(''), '', 'the last record ends in CRLF');
  return records;
}

/** The command with its stdout pipe closed before it writes a byte (`… | head -0`). */
function runWithClosedStdout(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'planbench.mjs'), ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: '', stderr }));
  });
}

describe('planbench rows, import --as in Chinese, and a closed pipe', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'sample.planbench');
  after(cleanup);

  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
  });

  test('rows --json: the sample 重点工程, 88 rows, cells as the grid shows them', async () => {
    const result = await runPlanbench(['rows', plan, '--sheet', '重点工程', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const sheet = JSON.parse(result.stdout) as RowsJson;
    assert.equal(sheet.sheet, '重点工程');
    assert.equal(sheet.rows.length, 88);
    assert.deepEqual(
      sheet.columns.map((column) => column.name),
      ['序号', '大类', '小类', '项目名称', '建设内容、规模', '建设起止年限', '投资匡算', '责任主体'],
    );
    assert.deepEqual(
      sheet.columns.find((column) => column.name === '投资匡算'),
      { key: 'investment', name: '投资匡算', type: 'money', unit: '万元' },
    );
    const first = sheet.rows[0]!;
    assert.equal(typeof first.id, 'number');
    assert.equal(first.parentId, null);
    assert.equal(first.cells['项目名称'], '深化工业园区、企业集群综合治理');
    assert.equal(first.cells['投资匡算'], '4,600.00', 'money formatted as the grid shows it');
    assert.equal(sheet.rows[2]!.cells['投资匡算'], '/', 'an unknown amount as typed');
    assert.equal(
      sheet.rows.filter((row) => /^[\d,]+\.\d\d$/.test(row.cells['投资匡算']!)).length,
      70,
      '70 of 88 rows have an amount',
    );
  });

  test('rows --csv: UTF-8 with BOM, CRLF, and a cell with a comma, a quote and a line break read back exactly', async () => {
    const copy = path.join(dir, 'edited.planbench');
    fs.copyFileSync(plan, copy);
    const tricky = '推进“绿岛”建设, 第一期\n第二期："分步"实施';
    const store = PlanStore.open(copy);
    try {
      const context = { store, edition: 'cli' as const };
      const sheet = store.listSheets().find((candidate) => candidate.name === '重点工程')!;
      const row = store.listRows(sheet.id, 0, 1).rows[0]!;
      const updated = await dispatch(context, 'cell.update', {
        sheetId: sheet.id,
        rowId: row.id,
        columnKey: 'content',
        text: tricky,
      });
      assert.equal(updated.ok, true);
    } finally {
      store.close();
    }
    const result = await runPlanbench(['rows', copy, '--sheet', '重点工程', '--csv']);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.startsWith('\uFEFF'), 'a byte-order mark, so Excel reads UTF-8');
    assert.doesNotMatch(result.stdout.replace(/\r\n/g, ''), /\r(?!\n)/, 'records end in CRLF');
    const records = parseCsv(result.stdout.slice(1));
    assert.equal(records.length, 89, 'a header and 88 rows');
    assert.deepEqual(records[0], [
      '序号',
      '大类',
      '小类',
      '项目名称',
      '建设内容、规模',
      '建设起止年限',
      '投资匡算（万元）',
      '责任主体',
    ]);
    assert.equal(records[1]![4], tricky, 'the cell comes back exactly');
    assert.equal(records[1]![6], '4,600.00');
    assert.ok(records.every((record) => record.length === 8));
  });

  test('rows without a flag: a readable table; a wrong sheet exits 1 naming the sheets there are', async () => {
    const table = await runPlanbench(['rows', plan, '--sheet', '重点工程']);
    assert.equal(table.code, 0, table.stderr);
    const lines = table.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /重点工程.*88 行/);
    assert.match(lines[1]!, /^序号\s+大类\s+小类\s+项目名称/);
    assert.equal(lines.length, 3 + 88);
    assert.match(lines[3]!, /深化工业园区、企业集群综合治理.*4,600\.00/);

    const missing = await runPlanbench(['rows', plan, '--sheet', '没有这张表']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /没有名为“没有这张表”的工作表.*重点工程/);
    const both = await runPlanbench(['rows', plan, '--sheet', '重点工程', '--csv', '--json']);
    assert.equal(both.code, 2);
  });

  test('import --as takes the Chinese kind names, and --help lists them', async () => {
    const csv = path.join(dir, '指标.csv');
    fs.writeFileSync(csv, '序号,指标名称,单位,2025年\n1,森林覆盖率,%,25\n');
    const copy = path.join(dir, 'kinds.planbench');
    fs.copyFileSync(plan, copy);
    for (const [kind, expected, name] of [
      ['指标体系', 'indicators', '甲'],
      ['重点工程', 'projects', '乙'],
      ['普通表', 'table', '丙'],
      ['资金预算', 'budget', '丁'],
    ] as const) {
      const result = await runPlanbench(['import', copy, csv, '--as', kind, '--name', name]);
      assert.equal(result.code, 0, `${kind}: ${result.stderr}`);
      const summary = JSON.parse((await runPlanbench(['summary', copy, '--json'])).stdout) as {
        sheets: { name: string; kind: string }[];
      };
      assert.equal(summary.sheets.find((sheet) => sheet.name === name)?.kind, expected, kind);
    }
    const unknown = await runPlanbench(['import', copy, csv, '--as', '奇怪']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /未知的工作表类型“奇怪”.*重点工程 \(projects\)/);
    const help = await runPlanbench(['--help']);
    for (const label of ['重点工程', '指标体系', '任务分解', '分解矩阵', '资金预算', '普通表'])
      assert.match(help.stdout, new RegExp(`--as[^\\n]*${label}`), label);
  });

  test('output into a pipe closed early ends quietly: exit 0, no EPIPE stack trace', async () => {
    for (const args of [
      ['summary', plan],
      ['rows', plan, '--sheet', '重点工程', '--csv'],
    ]) {
      const result = await runWithClosedStdout(args);
      assert.equal(result.stderr, '', `${args[0]}: nothing on stderr`);
      assert.equal(result.code, 0, args[0]);
    }
  });
});
