import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { allRows, commit, issueCount, preview } from '../../fixtures/importHarness';
import { convertWithLibreOffice } from '../../fixtures/libreoffice';
import type { Layout } from '../../fixtures/seedLayouts';
import {
  AUTISM_EXPECTED,
  autismLayout,
  autismLeadUnits,
  DATA_DIR,
  INDICATORS_EXPECTED,
  indicatorNames,
  indicatorsLayout,
  MICROGRID_EXPECTED,
  microgridLayout,
  PROJECTS_EXPECTED,
  projectsLayout,
} from '../../fixtures/seedLayouts';
import { writeCsv, writeExcelJs } from '../../fixtures/writers';
import { tempDir } from '../../helpers';

/**
 * The seed tables in their real layouts, written by ExcelJS and re-saved by LibreOffice (as .xlsx
 * and as Excel 97-2003 .xls), imported
 * through the API, with the figures the data states: 88 projects / 70 amounts / 18 unknown /
 * 3309473.59 万元; 41 indicators + 17 sub-indicators under a two-row header; 33 tasks with their
 * lead units; a 7 × 3 matrix summing to 30.
 */

interface Fixture {
  writer: string;
  files: Record<'projects' | 'indicators' | 'autism' | 'microgrid', string>;
}

const { dir, cleanup } = tempDir();
const fixtures: Fixture[] = [];
let store: PlanStore;
let sheetCounter = 0;

const projectsJson = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'projects.json'), 'utf8')) as {
  projects: { seq: number; responsible_units_normalised: string[] }[];
};

before(async () => {
  const layouts: Layout[] = [projectsLayout(), indicatorsLayout(), autismLayout(), microgridLayout()];
  const exceljs = layouts.map((layout) => path.join(dir, `${layout.base}.xlsx`));
  for (const [index, layout] of layouts.entries()) await writeExcelJs(layout, exceljs[index]!);
  const libre = convertWithLibreOffice(exceljs, 'xlsx');
  const legacy = convertWithLibreOffice(exceljs, 'xls');
  const files = (list: string[]) => ({
    projects: list[0]!,
    indicators: list[1]!,
    autism: list[2]!,
    microgrid: list[3]!,
  });
  fixtures.push(
    { writer: 'ExcelJS', files: files(exceljs) },
    { writer: 'LibreOffice', files: files(libre) },
    { writer: 'LibreOffice as .xls (Excel 97-2003)', files: files(legacy) },
  );
  store = createSamplePlan(path.join(dir, 'plan.planbench'));
});

after(() => {
  store?.close();
  cleanup();
});

function newSheet(kind: 'projects' | 'indicators' | 'tasks' | 'allocation') {
  return { kind: 'new' as const, sheetKind: kind, name: `导入${++sheetCounter}` };
}

for (const writer of ['ExcelJS', 'LibreOffice', 'LibreOffice as .xls (Excel 97-2003)']) {
  describe(`seed tables written by ${writer}`, () => {
    const files = () => fixtures.find((fixture) => fixture.writer === writer)!.files;

    test('附表 重点工程表: 88 rows, 70 amounts, 18 unknown, 3309473.59, carried categories flagged', async () => {
      const shown = await preview(store, files().projects, newSheet('projects'));
      assert.deepEqual(shown.header.rows, [3], 'the header is found under the 附表 and title rows');
      assert.deepEqual(
        shown.header.above.map((row) => row.why),
        ['attachment', 'title'],
      );
      assert.equal(shown.rowCount, PROJECTS_EXPECTED.rows);
      const mapped = Object.fromEntries(shown.columns.map((column) => [column.header, column.target]));
      assert.equal(mapped['投资匡算（万元）'], 'investment');
      assert.equal(mapped['责任主体'], 'responsible');
      const total = shown.totals.find((check) => check.kind === 'total' && check.columnKey === 'investment');
      assert.ok(total, 'the 合计 row is compared with the computed total');
      assert.equal(total.stated, PROJECTS_EXPECTED.total);
      assert.equal(total.computed, PROJECTS_EXPECTED.total);
      assert.equal(total.matches, true);
      assert.equal(total.unknown, PROJECTS_EXPECTED.unknown);
      assert.equal(shown.summary.unknown, PROJECTS_EXPECTED.unknown);
      const rows = await allRows(store, shown.previewId);
      assert.equal(
        issueCount(rows, 'category', 'carried'),
        PROJECTS_EXPECTED.carriedCategories,
        'every carried category is flagged',
      );
      assert.equal(issueCount(rows, 'name', 'carried'), PROJECTS_EXPECTED.carriedNames);
      assert.equal(
        rows.find((row) => row.r === 7)?.cells.category?.text,
        '生态安全类',
        'row 2 of the table carries 生态安全类',
      );

      const result = await commit(store, shown.previewId);
      assert.equal(result.inserted, PROJECTS_EXPECTED.rows);
      const money = store.totals(result.sheetId).find((column) => column.columnKey === 'investment')!;
      assert.deepEqual(
        [money.sum, money.known, money.unknown],
        [PROJECTS_EXPECTED.total, PROJECTS_EXPECTED.known, PROJECTS_EXPECTED.unknown],
      );
      assert.deepEqual(
        store.categoryTotals(result.sheetId).map((category) => [category.category, category.count]),
        [
          ['生态安全类', 24],
          ['生态空间类', 21],
          ['生态经济类', 14],
          ['生态生活类', 13],
          ['生态文化类', 7],
          ['生态制度类', 9],
        ],
      );
      const stored = store.listRows(result.sheetId, 0, 100).rows;
      stored.forEach((row, index) => {
        assert.deepEqual(
          row.cells.responsible?.value,
          projectsJson.projects[index]!.responsible_units_normalised,
          `responsible units of row ${index + 1}`,
        );
      });
      const action = store.history(1)[0]!;
      assert.equal(action.source, 'import');
      assert.equal(action.detail, path.basename(files().projects));
    });

    test('表1 指标体系: two-row header, 41 indicators and 17 sub-indicators', async () => {
      const shown = await preview(store, files().indicators, newSheet('indicators'));
      assert.deepEqual(shown.header.rows, [3, 4], 'the header spans two rows');
      const headers = shown.columns.map((column) => column.header);
      assert.ok(headers.includes('目标值·2025年') && headers.includes('目标值·2030年'), headers.join(' | '));
      const mapped = Object.fromEntries(shown.columns.map((column) => [column.header, column.target]));
      assert.equal(mapped['目标值·2025年'], 'target2025');
      assert.equal(mapped['目标值·2030年'], 'target2030');
      assert.equal(mapped['现状值（2020年）'], 'baseline');
      const result = await commit(store, shown.previewId);
      assert.equal(store.rowCount(result.sheetId), INDICATORS_EXPECTED.rows);
      assert.equal(store.childRowCount(result.sheetId), INDICATORS_EXPECTED.subIndicators);
      assert.equal(
        store.rowCount(result.sheetId) - store.childRowCount(result.sheetId),
        INDICATORS_EXPECTED.indicators,
      );
      const stored = store.listRows(result.sheetId, 0, 100).rows;
      assert.deepEqual(
        stored.map((row) => row.cells.name?.text),
        indicatorNames().map((indicator) => indicator.name),
        'wrapped names are joined into one line',
      );
      const sub = stored.find((row) => row.cells.seq?.text === '7.1')!;
      assert.equal(stored.find((row) => row.id === sub.parentId)?.cells.seq?.text, '7');
      assert.equal(
        sub.cells.domain?.text,
        '生态安全',
        'the domain merged over the sub-indicators is carried into them',
      );
    });

    test('孤独症任务分解表: 33 tasks with their lead units; repeated headers and <p> dropped', async () => {
      const shown = await preview(store, files().autism, newSheet('tasks'));
      assert.equal(shown.rowCount, AUTISM_EXPECTED.rows);
      assert.equal(shown.summary.repeatedHeaders, AUTISM_EXPECTED.repeatedHeaders);
      const rows = await allRows(store, shown.previewId);
      const withMarkup = rows.filter((row) =>
        Object.values(row.cells).some((cell) => cell.issues?.some((item) => item.kind === 'markupRemoved')),
      );
      assert.equal(withMarkup.length, AUTISM_EXPECTED.markup, 'the 18 rows with <p> markup are marked');
      const result = await commit(store, shown.previewId);
      const stored = store.listRows(result.sheetId, 0, 100).rows;
      assert.equal(stored.length, AUTISM_EXPECTED.rows);
      assert.deepEqual(
        stored.map((row) => row.cells.lead?.value),
        autismLeadUnits(),
        'lead units split on spaces, aliases resolved (钟楼区政府 残联 残工委 → three units)',
      );
      assert.ok(stored.every((row) => !String(row.cells.content?.text ?? '').includes('<p>')));
    });

    test('试点示范建设目标任务分解表: 7 × 3 values summing to 30, 合计 row and column checked', async () => {
      const shown = await preview(store, files().microgrid, newSheet('allocation'));
      assert.equal(shown.rowCount, MICROGRID_EXPECTED.rows);
      assert.equal(shown.summary.notes, MICROGRID_EXPECTED.notes, '备注 and its two numbered notes are set aside');
      const checks = shown.totals;
      assert.equal(checks.filter((check) => check.kind === 'total' && check.columnKey !== null).length, 3);
      assert.equal(checks.filter((check) => check.kind === 'rowTotal').length, 7);
      assert.ok(
        checks.every((check) => check.matches),
        JSON.stringify(checks.filter((check) => !check.matches)),
      );
      assert.ok(checks.some((check) => check.kind === 'total' && check.columnKey === null && check.stated === '30'));
      const result = await commit(store, shown.previewId);
      const sheet = store.getSheet(result.sheetId);
      assert.deepEqual(
        sheet.columns.filter((column) => column.role === 'count').map((column) => column.settings.year),
        [2024, 2025, 2026],
      );
      assert.equal(store.allocationTotal(result.sheetId), MICROGRID_EXPECTED.total);
      const stored = store.listRows(result.sheetId, 0, 100).rows;
      assert.deepEqual(
        stored.map((row) => row.cells.district?.text),
        ['溧阳市', '金坛区', '武进区', '新北区', '天宁区', '钟楼区', '常州经开区'],
      );
    });
  });
}

describe('CSV (GB18030, no merges) of the other seed tables', () => {
  test('two-row header, repeated headers and the matrix read the same without merges', async () => {
    const cases = [
      { layout: indicatorsLayout(), kind: 'indicators' as const, rows: INDICATORS_EXPECTED.rows },
      { layout: autismLayout(), kind: 'tasks' as const, rows: AUTISM_EXPECTED.rows },
      { layout: microgridLayout(), kind: 'allocation' as const, rows: MICROGRID_EXPECTED.rows },
    ];
    for (const { layout, kind, rows } of cases) {
      const file = path.join(dir, `${layout.base}-gbk.csv`);
      writeCsv(layout, file, 'gb18030');
      const shown = await preview(store, file, newSheet(kind));
      assert.equal(shown.rowCount, rows, layout.base);
      assert.ok(
        shown.totals.every((check) => check.matches),
        layout.base,
      );
      if (kind === 'indicators') {
        assert.equal(shown.summary.childRows, INDICATORS_EXPECTED.subIndicators);
        assert.ok(shown.columns.some((column) => column.header === '目标值·2030年' && column.target === 'target2030'));
      }
      const result = await commit(store, shown.previewId);
      if (kind === 'allocation') assert.equal(store.allocationTotal(result.sheetId), MICROGRID_EXPECTED.total);
      if (kind === 'tasks')
        assert.deepEqual(
          store.listRows(result.sheetId, 0, 100).rows.map((row) => row.cells.lead?.value),
          autismLeadUnits(),
        );
    }
  });
});

describe('CSV of the 88-project table', () => {
  for (const encoding of ['utf-8', 'utf-8-bom', 'gb18030'] as const) {
    test(`${encoding}: detected, and the same figures`, async () => {
      const file = path.join(dir, `projects-${encoding}.csv`);
      writeCsv(projectsLayout(), file, encoding);
      const shown = await preview(store, file, newSheet('projects'));
      assert.equal(shown.format, 'csv');
      assert.match(
        shown.encoding ?? '',
        encoding === 'gb18030' ? /GB18030/ : encoding === 'utf-8-bom' ? /BOM/ : /^UTF-8$/,
      );
      assert.equal(shown.rowCount, PROJECTS_EXPECTED.rows);
      const rows = await allRows(store, shown.previewId);
      // Without merges, blank category cells under a category are carried down (and flagged).
      assert.equal(issueCount(rows, 'category', 'carried'), PROJECTS_EXPECTED.carriedCategories);
      const result = await commit(store, shown.previewId);
      const money = store.totals(result.sheetId).find((column) => column.columnKey === 'investment')!;
      assert.deepEqual(
        [money.sum, money.known, money.unknown],
        [PROJECTS_EXPECTED.total, PROJECTS_EXPECTED.known, PROJECTS_EXPECTED.unknown],
      );
      const first = store.listRows(result.sheetId, 0, 1).rows[0]!;
      assert.equal(first.cells.name?.text, '深化工业园区、企业集群综合治理', 'Chinese text intact');
    });
  }
});
