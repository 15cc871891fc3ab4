import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiName } from '../../../shared/contract/contract';
import { API_NAMES } from '../../../shared/contract/contract';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { PlanStore } from '../../../electron/core/store/planStore';
import { tempDir } from '../../helpers';

/**
 * For every call in the contract: inputs that must be refused. A new call without an entry
 * here fails the first test, so no call escapes this check.
 */
const MALFORMED: Record<ApiName, unknown[]> = {
  'app.info': [{ extra: 1 }, 'text', [1]],
  'plan.get': [{ path: '/etc/passwd' }, 42],
  'plan.summary': [{ verbose: true }],
  'sheet.get': [{}, { sheetId: 'one' }, { sheetId: -1 }, { sheetId: 1.5 }, { sheetId: 1, extra: true }],
  'sheet.rows': [{ sheetId: 1, limit: 0 }, { sheetId: 1, limit: 100_000 }, { sheetId: 1, offset: -1 }, { offset: 0 }],
  'sheet.totals': [{ sheetId: null }, null],
  'cell.update': [
    { sheetId: 1, rowId: 1, columnKey: 'investment' },
    { sheetId: 1, rowId: 1, columnKey: '', text: '1' },
    { sheetId: 1, rowId: 1, columnKey: 'investment', text: 5 },
    { sheetId: 1, rowId: '1', columnKey: 'investment', text: '5' },
    { sheetId: 1, rowId: 1, columnKey: 'investment', text: '5', source: 'import' },
  ],
  'departments.list': [{ all: true }],
  'departments.groups': [{ all: true }],
  'departments.setMembers': [
    {},
    { name: '各辖市区人民政府' },
    { name: '各辖市区人民政府', members: 'x' },
    { name: 'x', members: [], extra: 1 },
  ],
  'checks.declared': [{ sheetId: 1 }],
  'checks.run': [{ sheetId: 0 }, { sheetId: 'all' }, { fresh: true }],
  'checks.addDeclared': [
    { sheetId: 1, kind: 'rowCount', spec: { expected: -1 } },
    { sheetId: 1, kind: 'columnTotal', spec: { column: 'investment', expected: '约331' } },
    { sheetId: 1, kind: 'columnTotal', spec: { column: 'investment', expected: '1', extra: 1 } },
    { sheetId: 1, kind: 'rule', spec: { rule: 'sceneShareMin', scenes: [], minShare: 0.25 } },
    { sheetId: 1, kind: 'rule', spec: { rule: 'completeBy', deadline: '2026年底' } },
    { sheetId: 1, kind: 'delete', spec: {} },
  ],
  'rollup.get': [{ sheetId: 1 }, { sheetId: 1, columnKey: '' }, { sheetId: 1, columnKey: 'period', part: 'middle' }],
  'rollup.toSheet': [{ sheetId: 1, columnKey: 'category', name: '' }, { columnKey: 'category' }],
  'departments.rows': [{}, { department: '   ' }, { department: 5 }],
  'allocation.get': [{}, { sheetId: -3 }],
  'allocation.spread': [
    { sheetId: 1, total: '30', mode: 'even', cells: [] },
    { sheetId: 1, total: 'thirty', mode: 'even', cells: [{ rowId: 1, columnKey: 'y2024' }] },
    { sheetId: 1, total: '30', mode: 'proportional', cells: [{ rowId: 1, columnKey: 'y2024' }] },
    {
      sheetId: 1,
      total: '30',
      mode: 'even',
      cells: [
        { rowId: 1, columnKey: 'y2024' },
        { rowId: 1, columnKey: 'y2024' },
      ],
    },
    { sheetId: 1, total: '30', mode: 'random', cells: [{ rowId: 1, columnKey: 'y2024' }] },
  ],
  'dashboard.get': [{ sheetId: 1 }],
  'history.list': [{ limit: 0 }, { limit: 'all' }, { beforeId: 0 }],
  'import.preview': [
    {},
    { file: '/etc/passwd', target: { kind: 'new', sheetKind: 'projects', name: '导入' } },
    {
      file: { fileName: 'a.xlsx', contentBase64: 'UEsDBA==' },
      target: { kind: 'new', sheetKind: 'projects', name: '导入' },
    },
    { file: { upload: '../../etc/passwd' }, target: { kind: 'new', sheetKind: 'projects' } },
    { file: { path: '' }, target: { kind: 'new', sheetKind: 'projects' } },
    { file: { path: 'a.xlsx' }, target: { kind: 'new', sheetKind: 'nonsense', name: '导入' } },
    { file: { path: 'a.xlsx' }, target: { kind: 'append', sheetId: 'one' } },
    { file: { path: 'a.xlsx' }, target: { kind: 'update', sheetId: 1 } },
    { file: { path: 'a.xlsx', upload: 'abcdefghijklmnop' }, target: { kind: 'append', sheetId: 1 } },
    { file: { previewId: '../../etc' }, target: { kind: 'append', sheetId: 1 } },
    { file: { path: 'a.xlsx' }, target: { kind: 'append', sheetId: 1 }, header: { row: 0, rows: 3 } },
    { file: { path: 'a.xlsx' }, target: { kind: 'append', sheetId: 1 }, mapping: [{ source: -1, target: 'x' }] },
  ],
  'import.rows': [
    {},
    { previewId: 'x' },
    { previewId: '0123456789', limit: 0 },
    { previewId: '0123456789', filter: 'some' },
  ],
  'import.commit': [
    {},
    { previewId: '0123456789', fixes: [{ r: 0, columnKey: 'a', text: '' }] },
    { previewId: '0123456789', apply: 'all' },
  ],
  'import.run': [
    {},
    { file: { path: 'a.xlsx' } },
    { file: { previewId: '0123456789' }, target: { kind: 'new', sheetKind: 'projects' } },
    { file: { path: 'a.xlsx' }, target: { kind: 'append', sheetId: 1 }, mapping: [] },
  ],
  'import.cancel': [{}, { previewId: 5 }],
  'documents.preview': [{}, { file: '/etc/passwd' }, { file: { fileName: 'a.docx', contentBase64: 'UEsDBA==' } }],
  'documents.commit': [
    {},
    { previewId: 'x' },
    { previewId: 'doc-0123456789', rows: [{ seq: '1' }] },
    { previewId: 'doc-0123456789', name: '' },
  ],
  'documents.cancel': [{}, { previewId: 5 }],
  'cells.update': [
    { sheetId: 1, edits: [] },
    { sheetId: 1, edits: [{ rowId: 1, columnKey: 'investment' }] },
    { sheetId: 1, edits: [{ rowId: 1, newRow: 0, columnKey: 'investment', text: '1' }] },
    { sheetId: 1, edits: [{ rowId: 1, columnKey: 'investment', text: '1' }], source: 'import' },
    { sheetId: 1, edits: [{ rowId: 1, columnKey: 'investment', text: '1' }], onInvalid: 'ignore' },
    { sheetId: 1, edits: [{ rowId: 1, columnKey: 'investment', text: '1' }], appendRows: -1 },
  ],
  'rows.insert': [
    { sheetId: 1, place: { at: 'middle' } },
    { sheetId: 1, place: { at: 'before' } },
    { sheetId: 1, place: { at: 'end' }, count: 0 },
  ],
  'rows.delete': [{ sheetId: 1, rowIds: [] }, { sheetId: 1, rowIds: ['1'] }, { sheetId: 1 }],
  'rows.duplicate': [{ sheetId: 1, rowIds: [] }, { rowIds: [1] }],
  'rows.move': [
    { sheetId: 1, rowIds: [1] },
    { sheetId: 1, rowIds: [1], beforeRowId: 'top' },
  ],
  'rows.renumber': [{ sheetId: 1 }, { sheetId: 1, columnKey: '' }],
  'columns.add': [
    { sheetId: 1, name: '', type: 'text' },
    { sheetId: 1, name: '进展', type: 'spreadsheet' },
    { sheetId: 1, name: '进展', type: 'text', role: 'boss' },
    { sheetId: 1, name: '投资', type: 'money', settings: { moneyUnit: '美元' } },
  ],
  'columns.update': [
    { sheetId: 1, columnKey: 'investment', type: 'blob' },
    { sheetId: 1, name: '新名' },
  ],
  'columns.layout': [
    { sheetId: 1, layout: [] },
    { sheetId: 1, layout: [{ key: 'investment', width: 5 }] },
  ],
  'departments.add': [{ name: '' }, { name: '局', aliases: 'x' }, { name: '市新局', extra: 1 }],
  'sheets.create': [{ name: '', kind: 'table' }, { name: '预算', kind: 'ledger' }, { name: '预算' }],
  'sheets.rename': [{ sheetId: 1, name: '' }, { sheetId: 'one', name: '新名' }, { name: '新名' }],
  'sheet.view.get': [{}, { sheetId: 0 }],
  'sheet.view.save': [
    { sheetId: 1, view: { freeze: -1 } },
    { sheetId: 1, view: { moneyUnit: '千元' } },
    { sheetId: 1, view: { groupBy: ['a', 'b', 'c', 'd'] } },
    { sheetId: 1 },
  ],
  'history.state': [{ all: true }],
  'history.undo': [{ steps: 2 }],
  'history.redo': [{ steps: 2 }],
  'print.options.get': [{}, { sheetId: 1, options: {} }],
  'print.options.save': [
    { sheetId: 1 },
    { sheetId: 1, options: { paper: 'A5' } },
    { sheetId: 1, options: { columns: [] } },
    { sheetId: 1, options: { columns: [{ key: 'name', widthMm: 0 }] } },
    { sheetId: 1, options: { margins: 'wide' } },
  ],
  'print.preview': [
    { sheetId: 1, options: { orientation: 'sideways' } },
    { sheetId: 1, options: { fontSizePt: 100 } },
    { sheetId: 1, options: { filters: [{ columnKey: 'name', values: [] }] } },
    { sheetId: 1, options: { path: '/tmp/x.pdf' } },
  ],
  'print.pdf': [
    { sheetId: 1, file: '/tmp/out.pdf' },
    { sheetId: 1, saveTo: '/tmp/out.pdf' },
    { sheetId: 1, saveTo: { download: true } },
    { sheetId: 1, options: { sort: [{ columnKey: 'name', direction: 'up' }] } },
  ],
  'print.system': [{ sheetId: 'all' }, { sheetId: 1, options: { groupBy: '' } }],
  'export.word': [
    {},
    { sheetId: 1, options: { orientation: 'sideways' } },
    { sheetId: 1, options: { attachmentNumber: '12345678901' } },
    { sheetId: 1, file: '/tmp/out.docx' },
    { sheetId: 1, saveTo: { path: '' } },
  ],
  'supervision.progress': [
    {},
    { sheetId: 1, asOf: '2025年6月' },
    { sheetId: 1, asOf: '2025-6-30' },
    { sheetId: 1, round: 1 },
  ],
  'supervision.thresholds.get': [{ plan: 1 }],
  'supervision.trend': [{ asOf: '今天' }, { sheetId: 1 }],
  'supervision.report': [{}, { sheetId: 1, asOf: '明天' }, { sheetId: 1, saveTo: 'out.pdf' }],
  'rounds.open': [
    { sheetId: 1, name: '', due: '2025-10-10' },
    { sheetId: 1, name: '2025年第3季度', due: '10月10日' },
  ],
  'rounds.list': [{ sheetId: 'all' }],
  'rounds.sendout': [{}, { roundId: 1, fill: [{ standard: 'progress' }] }, { roundId: 1, sheetId: 1 }],
  'rounds.status': [{}, { roundId: 1, today: 'today' }],
  'rounds.chaseList': [{}, { roundId: 1, saveTo: 1 }],
  'supervision.thresholds.set': [
    {},
    { thresholds: { behind: 40, seriouslyBehind: 30 } },
    { thresholds: { behind: 30, seriouslyBehind: 30 } },
    { thresholds: { behind: -1, seriouslyBehind: 30 } },
    { thresholds: { behind: 10 } },
  ],
  'cell.history': [
    { sheetId: 1, rowId: 1 },
    { sheetId: 1, rowId: 0, columnKey: 'name' },
    { sheetId: 1, rowId: 1, columnKey: '' },
  ],
  'cell.restore': [
    { sheetId: 1, rowId: 1, columnKey: 'name' },
    { sheetId: 1, rowId: 1, columnKey: 'name', changeId: 'x' },
  ],
  'versions.list': [{ all: true }],
  'versions.save': [{}, { name: '   ' }, { name: 'x'.repeat(101) }, { name: '初稿', note: 1 }],
  'versions.compare': [{}, { from: '' }, { from: 0 }, { from: '初稿', to: -1 }],
  'versions.compareFile': [
    { from: '初稿' },
    { from: '初稿', format: 'docx' },
    { from: '初稿', format: 'pdf', saveTo: 'x.pdf' },
  ],
  'versions.restore': [{}, { version: '' }, { name: '初稿' }],
  'comments.list': [{}, { sheetId: 'one' }],
  'comments.set': [
    { sheetId: 1, rowId: 1, columnKey: 'name' },
    { sheetId: 1, rowId: 1, text: '注' },
    { sheetId: 1, rowId: 1, columnKey: '', text: '注' },
    { sheetId: 1, rowId: 1, columnKey: null, text: 5 },
  ],
  'comments.delete': [
    { sheetId: 1, rowId: 1 },
    { sheetId: 1, rowId: 0, columnKey: null },
  ],
  'plan.meta.set': [{ title: 1 }, { moneyUnit: '千元' }, { periodStart: 2021.5 }, { author: 'x' }],
  'plan.saveAs': [{ saveTo: 'copy.planbench' }, { path: 'x' }],
  'backups.list': [{ all: true }],
  'backups.restore': [{}, { name: '' }, { name: 1 }],
  'backups.setKeepDays': [{}, { days: 0 }, { days: 1.5 }, { days: 100_000 }],
  'versions.sheet': [{}, { version: '' }, { version: '初稿', limit: 0 }, { version: '初稿', offset: -1 }],
  'export.sheet': [
    { sheetId: 0 },
    { options: { protect: 'yes' } },
    { options: { password: '' } },
    { path: '/tmp/out.xlsx' },
    { saveTo: { path: '' } },
  ],
  'sendout.preview': [
    {},
    { sheetId: 1, routing: 'everyone' },
    { sheetId: 1, fill: [] },
    { sheetId: 1, fill: [{ standard: 'budget' }] },
    { sheetId: 1, departments: [''] },
  ],
  'sendout.create': [
    { sheetId: 1, package: 'rar' },
    { sheetId: 1, password: '' },
    { sheetId: 1, out: '/tmp' },
    { sheetId: 1, fill: [{ columnKey: '' }] },
  ],
  'sendout.status': [{ sheetId: 'all' }, { batchId: 'x' }],
  'collect.preview': [
    {},
    { fileName: 'a.xlsx' },
    { fileName: 'a.xlsx', contentBase64: 'UEsDBA==' },
    { file: { upload: 'short' } },
    { file: { path: '/etc/passwd', fileName: 'a' } },
    { path: '/etc/passwd' },
  ],
  'collect.apply': [
    { previewId: 'not-a-uuid', accept: 'all' },
    { previewId: '00000000-0000-4000-8000-000000000000', accept: 'some' },
    { previewId: '00000000-0000-4000-8000-000000000000', accept: { cells: [1], rows: [] } },
  ],
  'allocation.factors.get': [{}, { sheetId: 'x' }],
  'allocation.factors.run': [
    { sheetId: 1 },
    { sheetId: 1, settings: { total: '100', weights: [], into: 'share' } },
    { sheetId: 1, settings: { total: '100', weights: [{ column: 'a', weight: '1' }], into: 'share', unit: '亿元' } },
  ],
  'budget.investmentPlan': [{}, { sheetId: 1, name: '' }],
  'costSharing.apply': [{ sheetId: 0 }, { sheetId: 1, extra: true }],
  'costSharing.districts': [
    { sheetId: 1, districtSheetId: 2, by: { kind: 'column' } },
    { sheetId: 1, districtSheetId: 2, by: { kind: 'factors' }, extra: 1 },
  ],
};

describe('API contract', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let sheetId: number;
  let rowId: number;

  before(() => {
    store = PlanStore.create(path.join(dir, 'api.planbench'), { title: 'API 测试' });
    sheetId = store.createSheet({
      name: '重点工程',
      kind: 'projects',
      columns: [
        { key: 'name', name: '项目名称', type: 'text', role: 'name' },
        { key: 'investment', name: '投资匡算', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
      ],
    });
    rowId = store.insertRows(sheetId, [{ cells: { name: '甲', investment: '100' } }], { source: 'system' }).rowIds[0]!;
    context = { store, edition: 'cli' };
  });
  after(() => {
    store.close();
    cleanup();
  });

  /** Everything a call could have changed: metadata, every sheet's rows, and the change log. */
  function fingerprint(): string {
    return JSON.stringify({
      meta: store.getMeta(),
      sheets: store.listSheets().map((sheet) => store.listRows(sheet.id, 0, 5000)),
      history: store.history(1000),
    });
  }

  test('every call has malformed inputs listed', () => {
    assert.deepEqual(Object.keys(MALFORMED).sort(), [...API_NAMES].sort());
  });

  for (const name of API_NAMES) {
    test(`${name} rejects malformed input with a clear error and writes nothing`, async () => {
      for (const input of MALFORMED[name]) {
        const before = fingerprint();
        const response = await dispatch(context, name, input);
        assert.equal(response.ok, false, `${name} accepted ${JSON.stringify(input)}`);
        if (response.ok) continue;
        assert.equal(response.error.code, 'invalid_input');
        assert.match(response.error.messageZh, /输入无效/);
        assert.match(response.error.messageEn, /invalid input/);
        assert.ok((response.error.issues ?? []).length > 0, 'the error names the wrong fields');
        assert.equal(fingerprint(), before, `${name} changed the plan on a rejected call`);
      }
    });
  }

  test('an unknown call is refused', async () => {
    const response = await dispatch(context, 'plan.delete', {});
    assert.equal(response.ok, false);
    assert.equal(!response.ok && response.error.code, 'unknown_call');
  });

  test('a well-formed call with a value the column refuses writes nothing', async () => {
    const before = fingerprint();
    const response = await dispatch(context, 'cell.update', { sheetId, rowId, columnKey: 'investment', text: '一百' });
    assert.equal(response.ok, false);
    if (!response.ok) {
      assert.equal(response.error.code, 'invalid_value');
      assert.equal(response.error.where?.sheet, '重点工程');
      assert.equal(response.error.where?.row, 1);
      assert.equal(response.error.where?.column, '投资匡算');
    }
    assert.equal(fingerprint(), before);
  });

  test('calls on missing sheets, rows or columns say not_found', async () => {
    for (const [name, input] of [
      ['sheet.get', { sheetId: 999 }],
      ['sheet.rows', { sheetId: 999 }],
      ['cell.update', { sheetId, rowId: 999, columnKey: 'investment', text: '1' }],
      ['cell.update', { sheetId, rowId, columnKey: 'nope', text: '1' }],
    ] as const) {
      const response = await dispatch(context, name, input);
      assert.equal(!response.ok && response.error.code, 'not_found', `${name} ${JSON.stringify(input)}`);
    }
  });

  test('valid calls return what the contract promises', async () => {
    const rows = await dispatch(context, 'sheet.rows', { sheetId });
    assert.ok(rows.ok);
    const update = await dispatch(context, 'cell.update', { sheetId, rowId, columnKey: 'investment', text: '1,234.5' });
    assert.ok(update.ok);
    assert.deepEqual(update.ok && update.result, { actionId: 2, cell: { text: '1,234.5', value: '1234.5' } });
    const totals = await dispatch(context, 'sheet.totals', { sheetId });
    assert.ok(totals.ok);
    assert.equal(totals.ok && (totals.result as { totals: { sum: string }[] }).totals[0]?.sum, '1234.5');
    const history = await dispatch(context, 'history.list', { limit: 1 });
    assert.ok(history.ok);
  });
});
