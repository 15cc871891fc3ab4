import { useEffect, useState } from 'react';
import type { SheetDetail } from '../../../shared/contract/contract';
import { afterPaint } from '../app/afterPaint';
import type { ChecksState } from './planState';
import { usePlanState } from './usePlan';

const NO_ISSUES: ReadonlyMap<string, string> = new Map();

/** Marks keyed `rowId:columnKey`: every failing or doubtful result naming a row of the sheet. */
export function cellIssues(checks: ChecksState | null, sheet: SheetDetail): ReadonlyMap<string, string> {
  if (!checks) return NO_ISSUES;
  const labelKey = (sheet.columns.find((column) => column.role === 'name') ?? sheet.columns[0])?.key ?? '';
  const marks = new Map<string, string>();
  for (const result of checks.results) {
    if (result.status !== 'fail' && result.status !== 'warn') continue;
    for (const row of result.rows) {
      if (row.sheetId !== sheet.id) continue;
      const key = `${row.rowId}:${row.columnKey ?? labelKey}`;
      marks.set(key, marks.has(key) ? `${marks.get(key)}\n${result.messageZh}` : result.messageZh);
    }
  }
  return marks;
}

/**
 * Cells to mark, with the reason on hover, from the checks the plan model holds (run with each
 * change). Taken after the change itself has been painted: the marks redraw the cells on screen.
 */
export function useCellIssues(sheet: SheetDetail | null): ReadonlyMap<string, string> {
  const checks = usePlanState((state) => state.checks);
  const [issues, setIssues] = useState<ReadonlyMap<string, string>>(NO_ISSUES);
  useEffect(() => {
    if (!sheet) return;
    let live = true;
    afterPaint(() => live && setIssues(cellIssues(checks, sheet)));
    return () => {
      live = false;
    };
  }, [checks, sheet]);
  return issues;
}
