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
    files: ['shared/values/money.ts', 'shared/values/exactDecimal.ts'],
    tests: [
      'tests/shared/values/promises-money.test.ts',
      'tests/shared/values/money.test.ts',
      'tests/shared/rules/checks-domain.test.ts',
      'tests/shared/values/cellValues.test.ts',
    ],
  },
  {
    name: 'cells',
    promise: 'what an official types or imports is read as written, or refused with a reason',
    files: ['shared/values/cells.ts', 'shared/import/importCells.ts'],
    tests: [
      'tests/shared/values/promises-cells.test.ts',
      'tests/shared/values/promises-cells-exact.test.ts',
      'tests/shared/import/importCells.test.ts',
      'tests/shared/values/cellValues.test.ts',
    ],
  },
  {
    name: 'periods',
    promise: 'plan periods and deadline years are read the way officials write them',
    files: ['shared/values/periods.ts'],
    tests: [
      'tests/shared/values/promises-periods.test.ts',
      'tests/shared/values/periods.test.ts',
      'tests/shared/values/cellValues.test.ts',
    ],
  },
  {
    name: 'departments',
    promise: 'responsible units are split, matched by name or alias, and never counted twice',
    files: ['shared/rules/departments.ts', 'shared/import/importDepartments.ts'],
    tests: [
      'tests/shared/rules/promises-departments.test.ts',
      'tests/shared/values/promises-cells.test.ts',
      'tests/shared/values/promises-cells-exact.test.ts',
      'tests/shared/import/importCells.test.ts',
      'tests/shared/import/unitReading.test.ts',
    ],
  },
  {
    name: 'import',
    promise: 'the header row, the body rows and the 合计 row of a workbook are found and checked',
    files: ['shared/import/importHeader.ts', 'shared/import/importBody.ts', 'electron/core/import/totals.ts'],
    tests: [
      'tests/shared/import/promises-import.test.ts',
      'tests/shared/import/promises-import-layout.test.ts',
      'tests/shared/import/promises-import-header.test.ts',
      'tests/core/import/promises-import-totals.test.ts',
      'tests/core/import/promises-import-sums.test.ts',
      'tests/core/import/promises-import-row-totals.test.ts',
      'tests/shared/import/importHeader.test.ts',
    ],
  },
  {
    name: 'undo',
    promise: 'every change is logged once; undo and redo walk the log exactly',
    // The typed change log (writing and reading it), the appliers undo and redo use, undo and
    // redo themselves, what each kind means for the checks' snapshot, and the cell edits that log.
    files: [
      'electron/core/store/changeLog.ts',
      'electron/core/store/changeAppliers.ts',
      'electron/core/store/undoRedo.ts',
      'electron/core/store/actor.ts',
      'shared/model/changes.ts',
    ],
    regions: [
      { file: 'electron/core/store/cellEdits.ts', from: 'export function updateCell(', to: 'function cellsBefore(' },
    ],
    tests: [
      'tests/core/store/promises-undo.test.ts',
      'tests/shared/model/changes.test.ts',
      'tests/core/store/store.test.ts',
      'tests/core/store/storeChangeLog.test.ts',
      // Undo is yours: whose actions undo and redo take, and the conflicts they refuse.
      'tests/core/api/undoIsYours.test.ts',
      'tests/core/api/promises-undo-conflicts.test.ts',
      'tests/core/store/actor.test.ts',
    ],
  },
  {
    name: 'checks',
    promise: 'declared totals, duplicates, row checks and indicators flag what is wrong and only that',
    files: [
      'electron/core/checks/declared.ts',
      'electron/core/checks/indexes/duplicates.ts',
      'electron/core/checks/rowChecks.ts',
      'electron/core/checks/indicators.ts',
    ],
    tests: [
      'tests/core/checks/promises-checks.test.ts',
      'tests/core/checks/promises-check-results.test.ts',
      'tests/core/checks/promises-check-statements.test.ts',
      'tests/core/checks/promises-check-edges.test.ts',
      'tests/core/checks/promises-check-ids.test.ts',
      'tests/core/checks/promises-check-declared.test.ts',
      'tests/core/checks/promises-check-duplicates.test.ts',
      'tests/core/checks/promises-check-indicators.test.ts',
    ],
  },
  {
    name: 'export',
    promise: 'exported cells keep their values, text never becomes a formula, locks hold',
    files: ['electron/core/export/cells.ts', 'electron/core/formats/protection.ts'],
    tests: [
      'tests/core/export/promises-export.test.ts',
      'tests/core/export/promises-export-values.test.ts',
      'tests/core/export/export-cells.test.ts',
    ],
  },
  {
    name: 'exchange',
    promise: 'a department can fill only its own cells, and a tampered return is refused',
    // The send-out workbook's locking, the stamp, and the collect-side check of a returned stamp.
    files: ['electron/core/exchange/stamp.ts'],
    regions: [
      {
        file: 'electron/core/exchange/sendoutWorkbook.ts',
        from: 'function tableColumns(',
        to: '/** Group consecutive rows',
      },
      {
        file: 'electron/core/exchange/collect.ts',
        from: 'export function checkReturn(',
        to: '/** A stamp column with where',
      },
    ],
    tests: [
      'tests/core/exchange/promises-stamp.test.ts',
      'tests/core/exchange/promises-stamp-reading.test.ts',
      'tests/core/exchange/exchange-domain.test.ts',
      'tests/core/exchange/promises-exchange.test.ts',
      'tests/core/exchange/promises-collect-refusals.test.ts',
      'tests/core/exchange/promises-sendout-layout.test.ts',
    ],
  },
  {
    name: 'print',
    promise: 'printed pages hold every row once, as many as fit, headers repeated',
    files: ['electron/core/print/paginate.ts'],
    tests: ['tests/core/print/promises-print.test.ts', 'tests/core/print/print-layout.test.ts'],
  },
  {
    name: 'server',
    promise: 'the browser edition answers only its own page: secret path, own Host and Origin',
    files: ['shared/contract/security.ts'],
    regions: [{ file: 'electron/server/browserServer.ts', from: 'export function', to: '\u0000never' }],
    tests: [
      'tests/server/promises-server.test.ts',
      'tests/server/promises-server-failures.test.ts',
      'tests/server/promises-server-answers.test.ts',
    ],
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
