import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleSheets } from '../../../electron/core/sample/sheets';
import { defaultSampleDataDir, loadSampleData } from '../../../electron/core/sample/sampleData';
import { SHEET_KINDS } from '../../../shared/model/columnTypes';
import { parseCellInput } from '../../../shared/values/cells';
import { templateColumns } from '../../../shared/import/importTemplates';
import { kindColumn, kindColumns } from '../../../shared/model/sheetKinds';

/**
 * Each sheet kind's columns are defined once (shared/model/sheetKinds.ts): a new sheet, an
 * import into a new sheet and the sample plan's sheets all take them from there, so a key, a role
 * or a type cannot mean one thing in the sample and another in an imported sheet.
 */

test('an import into a new sheet offers exactly its kind’s columns (a plain table: only the file’s)', () => {
  for (const kind of SHEET_KINDS) {
    if (kind === 'table') assert.deepEqual(templateColumns(kind, []), []);
    else if (kind !== 'indicators' && kind !== 'allocation')
      assert.deepEqual(templateColumns(kind, []), kindColumns(kind), kind);
  }
  assert.deepEqual(
    templateColumns('indicators', ['指标名称', '2025年目标值', '2035年']),
    kindColumns('indicators', { targetYears: [2025, 2035] }),
  );
  assert.deepEqual(
    templateColumns('allocation', ['地区', '2024年', '2025']),
    kindColumns('allocation', { allocationYears: [2024, 2025] }),
  );
  assert.deepEqual(
    templateColumns('indicators', ['指标名称'])
      .filter((column) => column.role === 'target')
      .map((column) => column.key),
    ['target2025', 'target2030'],
    'an indicator system without stated years gets the usual milestones',
  );
});

test('every sample sheet’s column of its kind has the kind’s key and role', () => {
  const sheets = sampleSheets(loadSampleData(defaultSampleDataDir()));
  const checked: string[] = [];
  for (const sheet of sheets) {
    const kind = sheet.init.kind;
    if (kind === 'table') continue;
    const years = sheet.init.columns.flatMap((column) => (column.settings?.year ? [column.settings.year] : []));
    const defined = kindColumns(kind, { targetYears: years, allocationYears: years });
    for (const column of sheet.init.columns) {
      // A role the kind gives one column (not targets, years or 备注) is that column's, by key too.
      const sameRole = defined.filter((candidate) => candidate.role !== null && candidate.role === column.role);
      const byRole = sameRole.length === 1 && column.role !== 'note' ? sameRole[0] : undefined;
      const byKey = defined.find((candidate) => candidate.key === column.key);
      if (byRole) assert.equal(column.key, byRole.key, `${sheet.init.name}: the ${column.role} column`);
      if (!byKey) continue;
      assert.equal(column.role, byKey.role, `${sheet.init.name}.${column.key}: role`);
      checked.push(`${sheet.init.name}.${column.key}`);
    }
  }
  assert.ok(checked.includes('2023年工作方案任务.item'), 'the work plan’s 工作事项 is the kind’s item column');
  assert.ok(checked.length >= 30, `only ${checked.length} columns checked`);
});

test('a task breakdown’s 完成时限 keeps any text and reads dates as deadlines, in a new sheet and an import alike', () => {
  const deadline = kindColumn('tasks', 'deadline');
  assert.deepEqual(
    templateColumns('tasks', []).find((column) => column.key === 'deadline'),
    deadline,
  );
  assert.equal(deadline.type, 'date');
  assert.equal(deadline.role, 'deadline');
  const column = { ...deadline, id: 1, position: 0, width: null, hidden: false };
  for (const text of ['按进度推进', '2025年底前', '长期坚持']) {
    const parsed = parseCellInput(column, text);
    assert.ok(parsed.ok && parsed.cell.text === text, `${text} is kept as written`);
  }
});

test('a kind’s column asked for by a key it does not have is an error, not a made-up column', () => {
  assert.throws(() => kindColumn('tasks', 'title'), /no column title/);
  assert.deepEqual(kindColumn('indicators', 'baseline', { name: '现状值（2020年）' }).role, 'baseline');
});
