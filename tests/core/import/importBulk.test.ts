import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { bufferSource } from '../../../electron/core/formats/byteSource';
import type { ImportOutcome } from '../../../electron/core/import/importFile';
import { importFile, WRITER_FROM_BYTES } from '../../../electron/core/import/importFile';
import { CHUNK_ROWS } from '../../../electron/core/import/rowBatches';
import { ImportWriterThread } from '../../../electron/core/import/writer';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/store/schema';
import type { ImportTarget } from '../../../shared/contract/calls/importing';
import { fenToDecimal } from '../../../shared/values/money';
import { largeProjectsXlsx, largeRows } from '../../fixtures/largeWorkbook';
import { escapeXml, xlsxBytes } from '../../fixtures/rawFiles';
import { runPlanbench, tempDir } from '../../helpers';

/**
 * Large imports through the bulk path: rows written a chunk at a time with one compact change
 * record each, by the writer thread while the sheet is still being read — and the same plan
 * content, the same action and the same undo and redo as an import done entirely in this thread,
 * also when the streamed preview has to be redone (merges, a wider row, XML the fast reader does
 * not take).
 */

const { dir, cleanup } = tempDir();
after(cleanup);

const HEADER = ['序号', '大类', '项目名称', '总投资（万元）', '责任单位'];
const UNITS = ['市生态环境局', '市住建局', '市交通局、市发改委', '各辖市区人民政府', '/'];
/** A family (item and two sub-items) that straddles the first chunk boundary. */
const FAMILY_AT = CHUNK_ROWS - 1;

interface BulkOptions {
  rows: number;
  /** Merge the 大类 cells of data rows 3–5 (merges are listed after the rows). */
  merge?: boolean;
  /** Give one row near the end a sixth cell. */
  widerRow?: boolean;
  /** Put a comment inside sheetData, which only the general reader takes. */
  comment?: boolean;
}

/** A projects table: shared strings as Excel writes them, sub-items, unknown amounts, unit lists. */
function bulkWorkbook(options: BulkOptions): Buffer {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const shared = (text: string) => {
    let at = index.get(text);
    if (at === undefined) {
      at = strings.length;
      strings.push(text);
      index.set(text, at);
    }
    return at;
  };
  const letter = (column: number) => String.fromCharCode(65 + column);
  const row = (r: number, cells: (string | number)[]) =>
    `<row r="${r}">${cells
      .map((value, column) =>
        typeof value === 'number'
          ? `<c r="${letter(column)}${r}"><v>${value}</v></c>`
          : `<c r="${letter(column)}${r}" t="s"><v>${shared(value)}</v></c>`,
      )
      .join('')}</row>`;
  const xml: string[] = ['<sheetData>', row(1, HEADER)];
  let item = 0;
  let sub = 0;
  for (let at = 0; at < options.rows; at++) {
    // Rows FAMILY_AT … FAMILY_AT + 2 are item n and its sub-items n.1 and n.2.
    const isSub = at === FAMILY_AT + 1 || at === FAMILY_AT + 2;
    if (isSub) sub++;
    else {
      item++;
      sub = 0;
    }
    const seq = isSub ? `${item}.${sub}` : item;
    const amount = at % 7 === 3 ? '/' : Math.round(((at * 7919) % 100_000) * 100 + (at % 100)) / 100;
    const cells: (string | number)[] = [
      seq,
      ['生态安全类', '生态空间类', '生态经济类'][at % 3]!,
      `项目${at + 1}：“绿岛”建设`,
      amount,
      UNITS[at % UNITS.length]!,
    ];
    if (options.merge && at >= 3 && at <= 5) cells[1] = at === 3 ? '生态安全类' : '';
    if (options.widerRow && at === options.rows - 5) cells.push('多出的一列');
    xml.push(row(at + 2, cells));
    if (options.comment && at === options.rows - 10) xml.push('<!-- 备注 -->');
  }
  xml.push('</sheetData>');
  if (options.merge) xml.push('<mergeCells count="1"><mergeCell ref="B5:B7"/></mergeCells>');
  return xlsxBytes({
    sheets: [{ name: '重点工程', xml: xml.join('') }],
    sharedStrings: strings.map((text) => `<si><t>${escapeXml(text)}</t></si>`).join(''),
  });
}

/** Import `bytes` into the plan at `planFile`, with the writer thread or in this thread. */
async function runImport(
  planFile: string,
  bytes: Buffer,
  target: (store: PlanStore) => ImportTarget,
  threaded: boolean,
): Promise<ImportOutcome & { store: PlanStore }> {
  const opened: { store: PlanStore | null } = { store: null };
  const outcome = await importFile(
    bufferSource('大表.xlsx', bytes),
    { target: (store) => target(store) },
    {
      openPlan: () => (opened.store ??= PlanStore.open(planFile)),
      writer: threaded ? ImportWriterThread.start() : null,
    },
  );
  return { ...outcome, store: opened.store! };
}

/** A sheet's content as a user sees it: every cell's text and value, and which row each sits under. */
function content(store: PlanStore, sheetId: number) {
  const { rows } = store.listRows(sheetId, 0, 1_000_000);
  const order = new Map(rows.map((row, at) => [row.id, at]));
  return rows.map((row) => ({ under: row.parentId === null ? null : order.get(row.parentId), cells: row.cells }));
}

function samplePlan(name: string): string {
  const file = path.join(dir, name);
  createSamplePlan(file).close();
  return file;
}

const NEW_SHEET = (): ImportTarget => ({ kind: 'new', sheetKind: 'projects', name: '大表' });

describe('large imports through the bulk path and the writer thread', () => {
  const rows = 5_000;
  let threadedPlan: string;
  let localPlan: string;

  before(() => {
    threadedPlan = samplePlan('threaded.planbench');
    localPlan = samplePlan('local.planbench');
  });

  test('the writer thread commits exactly what an import in this thread commits', async () => {
    const bytes = bulkWorkbook({ rows });
    const threaded = await runImport(threadedPlan, bytes, NEW_SHEET, true);
    const local = await runImport(localPlan, bytes, NEW_SHEET, false);
    try {
      assert.equal(threaded.result.inserted, rows);
      assert.deepEqual([threaded.how, local.how], ['streamed', 'here']);
      assert.deepEqual(content(threaded.store, threaded.result.sheetId), content(local.store, local.result.sheetId));
      assert.deepEqual(threaded.store.totals(threaded.result.sheetId), local.store.totals(local.result.sheetId));
      const mine = content(threaded.store, threaded.result.sheetId);
      assert.deepEqual(
        [mine[FAMILY_AT + 1]!.under, mine[FAMILY_AT + 2]!.under],
        [FAMILY_AT, FAMILY_AT],
        'sub-items across the chunk boundary sit under their item',
      );
      // Unit lists are linked to the plan's units: aliases resolved, in order.
      assert.deepEqual(mine[2]!.cells.responsible?.value, ['市交通运输局', '市发展和改革委员会']);
      assert.deepEqual(mine[1]!.cells.responsible?.value, ['市住房和城乡建设局']);
      for (const plan of [threaded, local]) {
        const [action] = plan.store.history(1);
        assert.deepEqual([action!.source, action!.detail, action!.id], ['import', '大表.xlsx', plan.result.actionId]);
        // One record for the new sheet, one per chunk of rows: not one per row.
        assert.deepEqual(
          action!.changes.map((change) => change.kind),
          ['sheetCreate', ...Array.from({ length: Math.ceil(rows / CHUNK_ROWS) }, () => 'rowsInsert')],
        );
      }
    } finally {
      threaded.store.close();
      local.store.close();
    }
  });

  test('undo removes the whole import and redo brings back the same rows, also after reopening', async () => {
    let store = PlanStore.open(threadedPlan);
    const sheetId = store.listSheets().find((sheet) => sheet.name === '大表')!.id;
    const before = store.listRows(sheetId, 0, 1_000_000).rows;
    const sheetsBefore = store.listSheets().length;
    assert.ok(store.undo());
    assert.equal(store.listSheets().length, sheetsBefore - 1);
    assert.equal(store.rowCount(sheetId), 0, 'no row of the import is left');
    store.close();
    store = PlanStore.open(threadedPlan);
    try {
      assert.ok(store.redo());
      // The same ids, places, parents, texts, values and unit links.
      assert.deepEqual(store.listRows(sheetId, 0, 1_000_000).rows, before);
    } finally {
      store.close();
    }
  });

  test('appending to a sheet the plan already has: undo and redo leave the rest as it was', async () => {
    const plan = samplePlan('append.planbench');
    const projects = (store: PlanStore) => store.listSheets().find((sheet) => sheet.name === '重点工程')!.id;
    const { store, result } = await runImport(
      plan,
      bulkWorkbook({ rows: 4_100 }),
      (opened) => ({ kind: 'append', sheetId: projects(opened) }),
      true,
    );
    try {
      const sheetId = projects(store);
      assert.equal(result.inserted, 4_100);
      assert.equal(store.rowCount(sheetId), 88 + 4_100);
      const withImport = store.listRows(sheetId, 0, 1_000_000).rows;
      store.undo();
      assert.equal(store.rowCount(sheetId), 88);
      assert.equal(store.totals(sheetId).find((total) => total.columnKey === 'investment')?.sum, '3309473.59');
      store.redo();
      assert.deepEqual(store.listRows(sheetId, 0, 1_000_000).rows, withImport);
    } finally {
      store.close();
    }
  });

  for (const [label, options] of [
    ['merged cells listed after the rows', { merge: true }],
    ['a row wider than the first rows', { widerRow: true }],
    ['XML the fast reader leaves to the general one', { comment: true }],
  ] as const) {
    // Each of these is found only once rows have gone to the writer: it rolls them back.
    test(`when the streamed preview must be redone (${label}), the result is the same`, async () => {
      const bytes = bulkWorkbook({ rows: 3_000, ...options });
      const slug = label.length.toString(36);
      const threaded = await runImport(samplePlan(`redo-t-${slug}.planbench`), bytes, NEW_SHEET, true);
      const local = await runImport(samplePlan(`redo-l-${slug}.planbench`), bytes, NEW_SHEET, false);
      try {
        assert.equal(threaded.how, 'here', 'the streamed rows were rolled back and the import done again');
        assert.equal(threaded.result.inserted, local.result.inserted);
        assert.deepEqual(content(threaded.store, threaded.result.sheetId), content(local.store, local.result.sheetId));
        assert.equal(
          threaded.store.history(1)[0]!.changes.filter((change) => change.kind === 'rowsInsert').length,
          Math.ceil(local.result.inserted / CHUNK_ROWS),
        );
      } finally {
        threaded.store.close();
        local.store.close();
      }
    });
  }

  test('`planbench import` of a large workbook: every row in, as one action, with progress', async () => {
    const plan = samplePlan('cli.planbench');
    const file = path.join(dir, '大表.xlsx');
    const bytes = largeProjectsXlsx(25_000);
    assert.ok(bytes.length >= WRITER_FROM_BYTES, 'large enough for the writer thread');
    fs.writeFileSync(file, bytes);
    const run = await runPlanbench(['import', plan, file, '--as', 'projects', '--name', '大表', '--json'], {
      timeoutMs: 60_000,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /正在写入 \d+\/25000 行/);
    const report = JSON.parse(run.stdout) as { inserted: number; sheetId: number; actionId: number };
    assert.equal(report.inserted, 25_000);
    const store = PlanStore.open(plan);
    try {
      assert.equal(store.rowCount(report.sheetId), 25_000);
      const expected = largeRows(25_000).reduce((sum, row) => sum + (row.amountFen ?? 0n), 0n);
      assert.equal(
        store.totals(report.sheetId).find((total) => total.columnKey === 'investment')?.sum,
        fenToDecimal(expected, '万元'),
      );
      assert.deepEqual([store.history(1)[0]!.id, store.history(1)[0]!.source], [report.actionId, 'import']);
    } finally {
      store.close();
    }
  });

  test('a refusal found while the rows stream in leaves the plan untouched', async () => {
    const plan = samplePlan('refused.planbench');
    const bytesBefore = fs.readFileSync(plan);
    // The plan already has a sheet of that name: the preview refuses once it knows the target.
    await assert.rejects(
      runImport(
        plan,
        bulkWorkbook({ rows: 3_000 }),
        () => ({ kind: 'new', sheetKind: 'projects', name: '重点工程' }),
        true,
      ),
      /已有名为“重点工程”的工作表/,
    );
    const store = PlanStore.open(plan);
    store.close();
    assert.ok(fs.readFileSync(plan).equals(bytesBefore), 'the plan file is byte for byte what it was');
  });
});

describe('schema version 4', () => {
  test('a version 3 plan migrates: cells_by_column is keyed by column and row, totals unchanged', () => {
    const file = path.join(dir, 'v3.planbench');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('application_id = 1349283394');
    for (const migration of MIGRATIONS.filter((candidate) => candidate.version <= 3)) db.exec(migration.sql);
    db.pragma('user_version = 3');
    db.exec(`INSERT INTO sheets (id, name, kind, position) VALUES (1, '表', 'projects', 0);
      INSERT INTO columns (id, sheet_id, key, name, type, role, position, settings) VALUES (1, 1, 'investment', '投资', 'money', 'investment', 0, '{"moneyUnit":"万元"}');
      INSERT INTO rows (id, sheet_id, position) VALUES (1, 1, 1), (2, 1, 2);
      INSERT INTO cells (row_id, column_id, text, num) VALUES (1, 1, '1.5', 1500000), (2, 1, '2', 2000000);`);
    db.close();
    const store = PlanStore.open(file);
    try {
      assert.equal(store.schemaVersion, CURRENT_SCHEMA_VERSION);
      const reader = new Database(file, { readonly: true });
      const index = reader
        .prepare("SELECT sql FROM sqlite_master WHERE name = 'cells_by_column'")
        .pluck()
        .get() as string;
      reader.close();
      assert.match(index, /\(column_id, row_id, num\)/);
      assert.equal(store.totals(1)[0]?.sum, '3.5');
    } finally {
      store.close();
    }
  });
});
