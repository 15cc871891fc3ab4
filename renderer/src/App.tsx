import { useCallback, useEffect, useState } from 'react';
import type { ApiOutput } from '../../shared/api/contract';
import { SHEET_KIND_LABELS } from '../../shared/domain/columns';
import { api } from './api';
import { ErrorBanner } from './ErrorBanner';
import { SheetView } from './SheetView';

type Plan = ApiOutput<'plan.get'>;

/** The sheet shown is kept in the URL (#sheet=N), so a reload returns to it. */
function sheetFromHash(): number | null {
  const match = /sheet=(\d+)/.exec(window.location.hash);
  return match ? Number(match[1]) : null;
}

export function App() {
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sheetId, setSheetId] = useState<number | null>(sheetFromHash);

  const loadPlan = useCallback(() => {
    api['plan.get']({}).then((loaded) => {
      setPlan(loaded);
      document.title = `${loaded.meta.title} — 规划工作台`;
      setSheetId((current) =>
        current !== null && loaded.sheets.some((sheet) => sheet.id === current) ? current : (loaded.sheets[0]?.id ?? null),
      );
    }, setError);
  }, []);

  useEffect(loadPlan, [loadPlan]);

  const selectSheet = useCallback((id: number) => {
    setSheetId(id);
    window.history.replaceState(null, '', `#sheet=${id}`);
  }, []);

  const sheet = plan?.sheets.find((candidate) => candidate.id === sheetId) ?? null;
  const meta = plan?.meta;
  return (
    <div className="app">
      <header className="app-header">
        <div className="app-brand">规划工作台</div>
        {meta && (
          <div className="plan-title">
            <h1>{meta.title}</h1>
            <span className="plan-meta">
              {[
                meta.issuer,
                meta.docNumber,
                meta.periodStart && meta.periodEnd ? `规划期 ${meta.periodStart}—${meta.periodEnd}年` : '',
                `金额单位：${meta.moneyUnit}`,
                plan.fileName,
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </div>
        )}
      </header>
      <ErrorBanner error={error} />
      {plan && (
        <nav className="sheet-tabs" role="tablist" aria-label="工作表">
          {plan.sheets.map((candidate) => (
            <button
              key={candidate.id}
              role="tab"
              aria-selected={candidate.id === sheetId}
              className={candidate.id === sheetId ? 'sheet-tab active' : 'sheet-tab'}
              title={`${SHEET_KIND_LABELS[candidate.kind]} · ${candidate.description}`}
              onClick={() => selectSheet(candidate.id)}
            >
              {candidate.name}
              <span className="sheet-tab-count">{candidate.rowCount}</span>
            </button>
          ))}
        </nav>
      )}
      <main className="sheet-area">
        {sheet && <SheetView key={sheet.id} sheetId={sheet.id} onPlanChanged={loadPlan} onShowSheet={selectSheet} />}
      </main>
    </div>
  );
}
