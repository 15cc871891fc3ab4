/**
 * The module groups that `npm run mutation` tries, each with the source it mutates and ONLY the
 * test files that cover it, so one group's run fits a small machine. A group's `mutate` entries
 * are files, or a region of a file (`regions`) found by method names rather than line numbers, so
 * the region stays right while the file changes around it.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A stretch of a big file: from the line that starts with `from` up to (not including) `to`. */
export interface Region {
  file: string;
  from: string;
  to: string;
}

export interface MutationGroup {
  name: string;
  /** What the user relies on, in one line (printed with the table). */
  promise: string;
  files: string[];
  regions?: Region[];
  tests: string[];
}

export const GROUPS: MutationGroup[] = [
  {
    name: 'money',
    promise: 'amounts are exact: 分 integers, 万元↔亿元, half-up display, no floats',
    files: ['shared/domain/money.ts', 'shared/domain/exactDecimal.ts'],
    tests: ['tests/unit/promises-money.test.ts', 'tests/unit/money.test.ts', 'tests/unit/checks-domain.test.ts', 'tests/unit/cellValues.test.ts'],
  },
  {
    name: 'cells',
    promise: 'what an official types or imports is read as written, or refused with a reason',
    files: ['shared/domain/cells.ts', 'shared/domain/importCells.ts'],
    tests: ['tests/unit/promises-cells.test.ts', 'tests/unit/importCells.test.ts', 'tests/unit/cellValues.test.ts'],
  },
  {
    name: 'periods',
    promise: 'plan periods and deadline years are read the way officials write them',
    files: ['shared/domain/periods.ts'],
    tests: ['tests/unit/promises-periods.test.ts', 'tests/unit/periods.test.ts', 'tests/unit/cellValues.test.ts'],
  },
  {
    name: 'departments',
    promise: 'responsible units are split, matched by name or alias, and never counted twice',
    files: ['shared/domain/departments.ts', 'shared/domain/importDepartments.ts'],
    tests: ['tests/unit/promises-departments.test.ts', 'tests/unit/promises-cells.test.ts', 'tests/unit/importCells.test.ts', 'tests/unit/unitReading.test.ts'],
  },
  {
    name: 'import',
    promise: 'the header row, the body rows and the 合计 row of a workbook are found and checked',
    files: ['shared/domain/importHeader.ts', 'shared/domain/importBody.ts', 'electron/import/totals.ts'],
    tests: [
      'tests/unit/promises-import.test.ts',
      'tests/unit/promises-import-layout.test.ts',
      'tests/unit/promises-import-header.test.ts',
      'tests/unit/promises-import-totals.test.ts',
      'tests/unit/promises-import-sums.test.ts',
      'tests/unit/promises-import-row-totals.test.ts',
      'tests/unit/importHeader.test.ts',
    ],
  },
  {
    name: 'undo',
    promise: 'every change is logged once; undo and redo walk the log exactly',
    files: [],
    regions: [
      { file: 'electron/store/planStore.ts', from: '  updateCell(', to: '  private rowNumber(' },
      { file: 'electron/store/planStore.ts', from: '  inAction<T>(', to: '  history(' },
    ],
    tests: ['tests/unit/promises-undo.test.ts', 'tests/integration/store.test.ts'],
  },
  {
    name: 'checks',
    promise: 'declared totals, duplicates, row checks and indicators flag what is wrong and only that',
    files: [
      'electron/checks/declared.ts',
      'electron/checks/indexes/duplicates.ts',
      'electron/checks/rowChecks.ts',
      'electron/checks/indicators.ts',
    ],
    tests: [
      'tests/unit/promises-checks.test.ts',
      'tests/unit/promises-check-results.test.ts',
      'tests/unit/promises-check-edges.test.ts',
      'tests/unit/promises-check-ids.test.ts',
    ],
  },
  {
    name: 'export',
    promise: 'exported cells keep their values, text never becomes a formula, locks hold',
    files: ['electron/export/cells.ts', 'electron/export/protection.ts'],
    tests: ['tests/unit/promises-export.test.ts', 'tests/unit/export-cells.test.ts'],
  },
  {
    name: 'exchange',
    promise: 'a department can fill only its own cells, and a tampered return is refused',
    // The send-out workbook's locking, the stamp, and the collect-side check of a returned stamp.
    files: ['electron/exchange/stamp.ts'],
    regions: [
      { file: 'electron/exchange/sendoutWorkbook.ts', from: 'function tableColumns(', to: '/** Group consecutive rows' },
      { file: 'electron/exchange/collect.ts', from: 'export function checkReturn(', to: '/** A stamp column with where' },
    ],
    tests: [
      'tests/unit/promises-stamp.test.ts',
      'tests/unit/promises-stamp-reading.test.ts',
      'tests/unit/exchange-domain.test.ts',
      'tests/unit/promises-exchange.test.ts',
      'tests/unit/promises-collect-refusals.test.ts',
      'tests/unit/promises-sendout-layout.test.ts',
    ],
  },
  {
    name: 'print',
    promise: 'printed pages hold every row once, as many as fit, headers repeated',
    files: ['electron/print/paginate.ts'],
    tests: ['tests/unit/promises-print.test.ts', 'tests/unit/print-layout.test.ts'],
  },
  {
    name: 'server',
    promise: 'the browser edition answers only its own page: secret path, own Host and Origin',
    files: ['shared/security.ts'],
    regions: [{ file: 'electron/server/browserServer.ts', from: 'export function', to: '\u0000never' }],
    tests: ['tests/unit/promises-server.test.ts', 'tests/unit/promises-server-failures.test.ts', 'tests/unit/promises-server-answers.test.ts'],
  },
];

/**
 * Stryker `mutate` entries for a group: whole files, and `file:from-to` line ranges for regions.
 * A region whose start cannot be found is an error (the method was renamed: fix the group),
 * a missing end means "to the end of the file".
 */
export function mutateEntries(root: string, group: MutationGroup): string[] {
  const entries = [...group.files];
  for (const region of group.regions ?? []) {
    const lines = fs.readFileSync(path.join(root, region.file), 'utf8').split('\n');
    const start = lines.findIndex((line) => line.startsWith(region.from));
    if (start < 0) throw new Error(`${region.file}: no line starts with ${JSON.stringify(region.from)}`);
    const endIndex = lines.findIndex((line, index) => index > start && line.startsWith(region.to));
    const end = endIndex < 0 ? lines.length : endIndex;
    entries.push(`${region.file}:${start + 1}-${end}`);
  }
  return entries;
}

/** Test files of a group that exist (a promises-* file may not have been written yet). */
export function existingTests(root: string, group: MutationGroup): string[] {
  return group.tests.filter((file) => fs.existsSync(path.join(root, file)));
}
