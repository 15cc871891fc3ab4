import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { SheetInfo } from '../../../../../shared/contract/contract';
import { api } from '../../../data/api';
import { AllocationPanel } from '../AllocationPanel';
import { ChecksPanel } from '../ChecksPanel';
import { Dashboard } from '../Dashboard';
import { DeclareCheckForm } from '../DeclareCheckForm';
import { DepartmentView } from '../DepartmentView';
import { RollupPanel } from '../RollupPanel';
import '../../../app/styles.css';

/**
 * A bare page that mounts the checks components on their own, for the end-to-end test
 * (tests/e2e/checks.test.ts builds it with Vite and serves it with the browser edition's server).
 * It is not part of the app's build. ?view= picks the component; "刷新" bumps refreshKey as the
 * app does after an edit; the row a component asks to go to is shown in #went-to.
 */

function Harness() {
  const view = new URLSearchParams(window.location.search).get('view') ?? 'checks';
  const [refreshKey, setRefreshKey] = useState(0);
  const [wentTo, setWentTo] = useState('');
  const [sheets, setSheets] = useState<SheetInfo[] | null>(null);
  useEffect(() => {
    api['plan.get']({}).then((plan) => setSheets(plan.sheets));
  }, []);
  if (!sheets) return null;
  const sheetId = (kind: SheetInfo['kind']) => sheets.find((sheet) => sheet.kind === kind)?.id ?? 0;
  const goTo = (sheet: number, row: number, column?: string) => setWentTo(`${sheet}:${row}:${column ?? ''}`);
  const refresh = () => setRefreshKey((key) => key + 1);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <div style={{ padding: 6, display: 'flex', gap: 12 }}>
        <button data-testid="refresh" onClick={refresh}>
          刷新
        </button>
        <output data-testid="went-to">{wentTo}</output>
      </div>
      <div style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        {view === 'checks' && <ChecksPanel onGoToRow={goTo} refreshKey={refreshKey} />}
        {view === 'dashboard' && <Dashboard refreshKey={refreshKey} />}
        {view === 'rollup' && (
          <RollupPanel sheetId={sheetId('projects')} refreshKey={refreshKey} onSheetCreated={refresh} />
        )}
        {view === 'department' && (
          <DepartmentView onGoToRow={goTo} refreshKey={refreshKey} initialDepartment="市资规局" />
        )}
        {view === 'allocation' && (
          <>
            <AllocationPanel
              sheetId={sheetId('allocation')}
              refreshKey={refreshKey}
              onChanged={refresh}
              onGoToRow={goTo}
            />
            <DeclareCheckForm sheetId={sheetId('allocation')} onAdded={refresh} />
          </>
        )}
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
