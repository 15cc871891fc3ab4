import { useCallback, useEffect, useState } from 'react';
import { SHEET_KIND_LABELS } from '../../../shared/model/columnTypes';
import { api } from '../data/api';
import { planModel } from '../data/planModel';
import { followLiveUpdates } from '../data/liveUpdates';
import { usePlanState } from '../data/usePlan';
import { askText, DialogHost } from '../dialogs/askUser';
import { ErrorBanner } from './ErrorBanner';
import { firstSheet, sheetFromHash } from './firstScreen';
import { ExportButton } from '../panels/exchange/ExportButton';
import { ExportWordButton } from '../panels/word/ExportWordButton';
import {
  AllocationPanel,
  ChecksPanel,
  CollectDialog,
  Dashboard,
  DepartmentView,
  FactorAllocationPanel,
  ImportWizard,
  Loading,
  NewSheetDialog,
  PlanFileDialog,
  ReturnsStatus,
  RollupPanel,
  SendOutDialog,
  SupervisionPanel,
  VersionSheetView,
  VersionsPanel,
} from './lazyParts';
import type { GoToRow } from './SheetView';
import { SheetView } from './SheetView';

/** The side panel beside the grid. */
type Panel = 'checks' | 'rollup' | 'departments' | 'allocation' | 'factors' | 'returns' | 'supervision' | 'versions';

const PANEL_LABELS: Record<Panel, string> = {
  checks: '检查',
  rollup: '汇总',
  departments: '按单位',
  allocation: '分解矩阵',
  factors: '因素法分配',
  returns: '回收情况',
  supervision: '督查',
  versions: '版本',
};

/** Dialogs over the workbench: bringing data in and sending it out. */
type Dialog = 'import' | 'sendout' | 'collect' | 'newSheet' | 'planFile';

export function App() {
  /** The plan as the plan model holds it: every change anyone makes is applied there (data/). */
  const plan = usePlanState((state) => state.plan);
  /** How many changes the plan has had: the panels that show views of it read them again. */
  const changes = usePlanState((state) => state.changes);
  /** How many checks fail, for the 检查 button. */
  const failing = usePlanState((state) => state.checks?.summary.fail ?? null);
  const [error, setError] = useState<unknown>(null);
  const [sheetId, setSheetId] = useState<number | null>(sheetFromHash);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [dashboard, setDashboard] = useState(false);
  const [goTo, setGoTo] = useState<GoToRow | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [droppedFile, setDroppedFile] = useState<File | null>(null);
  /** A saved version shown read-only beside the current sheet. */
  const [openVersion, setOpenVersion] = useState<string | null>(null);

  const loadPlan = useCallback(() => {
    planModel.loadPlan().then((loaded) => setSheetId((current) => firstSheet(loaded, current)), setError);
  }, []);

  useEffect(loadPlan, [loadPlan]);
  // The window's title follows the plan's: also when another window or an undo changes it.
  const windowTitle = plan ? `${plan.meta.title}${plan.readOnly ? '（只读）' : ''} — 规划工作台` : null;
  useEffect(() => {
    if (windowTitle) document.title = windowTitle;
  }, [windowTitle]);
  // Others' changes to the plan (another tab, another program) arrive as they happen.
  useEffect(() => followLiveUpdates(), []);

  const selectSheet = useCallback((id: number) => {
    setSheetId(id);
    window.history.replaceState(null, '', `#sheet=${id}`);
  }, []);

  // The 检查 button says how many checks fail, so problems show without opening the panel.
  // The first run reads the whole plan (seconds at 100,000 rows) on the plan's read thread
  // (core/api/readThread.ts), so it is asked at once: the grid's first screen (asked in the sheet
  // view's effect, which runs before this one) and every edit go on beside it. Later runs come
  // with each change (the change envelope carries the checks).
  useEffect(() => {
    void planModel.runChecks();
  }, []);

  // A workbook dropped anywhere on the window opens the import wizard with it.
  useEffect(() => {
    const onDragOver = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      event.preventDefault();
      setDroppedFile(file);
      setDialog('import');
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  /** Double-click a tab to rename the sheet (undoable). */
  const renameSheet = async (id: number, current: string) => {
    if (readOnly) return;
    const name = await askText({ title: '重命名工作表', label: '工作表名称 / Sheet name', initial: current });
    if (!name || name === current) return;
    api['sheets.rename']({ sheetId: id, name }).catch(setError);
  };

  const goToRow = useCallback(
    (target: number, rowId: number, columnKey?: string) => {
      setDashboard(false);
      selectSheet(target);
      setGoTo({ sheetId: target, rowId, ...(columnKey ? { columnKey } : {}), nonce: Date.now() });
    },
    [selectSheet],
  );

  const sheet = plan?.sheets.find((candidate) => candidate.id === sheetId) ?? null;
  const panels: Panel[] = [
    'checks',
    'rollup',
    'departments',
    ...(sheet?.kind === 'allocation' ? (['allocation'] as const) : []),
    ...(sheet?.kind === 'allocation' || sheet?.kind === 'budget' ? (['factors'] as const) : []),
    'returns',
    ...(sheet?.kind === 'tasks' || sheet?.kind === 'projects' ? (['supervision'] as const) : []),
    'versions',
  ];
  const shownPanel = panel && panels.includes(panel) ? panel : null;
  const meta = plan?.meta;
  // A read-only plan (its file or folder cannot be written) can be read, checked, exported and
  // printed; what would change it is disabled here, and the main side refuses it anyway.
  const readOnly = plan?.readOnly ?? false;
  const metaLine = meta
    ? [
        meta.issuer,
        meta.docNumber,
        meta.periodStart && meta.periodEnd ? `规划期 ${meta.periodStart}—${meta.periodEnd}年` : '',
        `金额单位：${meta.moneyUnit}`,
        plan?.fileName,
      ]
        .filter(Boolean)
        .join(' · ')
    : '';
  const readOnlyTitle =
    plan?.readOnlyNote ??
    '只读：规划文件或所在文件夹不可写，可查看、检查、导出和打印，不能修改 / read-only: the plan cannot be written';
  return (
    <div className="app">
      <DialogHost />
      <header className="app-header">
        <div className="app-brand">规划工作台</div>
        {meta && (
          <div className="plan-title">
            <h1 title={meta.title}>{meta.title}</h1>
            <span className="plan-meta" title={metaLine}>
              {metaLine}
            </span>
          </div>
        )}
        {readOnly && (
          <span className="read-only-badge" role="status" title={readOnlyTitle}>
            只读
          </span>
        )}
        <nav className="app-data" aria-label="数据">
          <button
            onClick={() => setDialog('import')}
            disabled={readOnly}
            title={readOnly ? readOnlyTitle : '从 Excel/CSV 导入（也可把文件拖到窗口上）'}
          >
            导入…
          </button>
          <ExportButton sheetId={sheet?.id ?? null} />
          {sheet && <ExportWordButton sheetId={sheet.id} />}
          {sheet && (
            <button
              onClick={() => setDialog('sendout')}
              disabled={readOnly}
              title={readOnly ? readOnlyTitle : undefined}
            >
              分发…
            </button>
          )}
          <button onClick={() => setDialog('collect')} disabled={readOnly} title={readOnly ? readOnlyTitle : undefined}>
            收回…
          </button>
          <button onClick={() => setDialog('planFile')} title="规划名称、发文机关、文号、规划期；另存为；自动备份">
            规划文件…
          </button>
        </nav>
        <nav className="app-views" aria-label="视图">
          {panels.map((candidate) => (
            <button
              key={candidate}
              className={!dashboard && shownPanel === candidate ? 'active' : ''}
              aria-pressed={!dashboard && shownPanel === candidate}
              onClick={() => {
                setDashboard(false);
                setPanel(shownPanel === candidate ? null : candidate);
              }}
            >
              {PANEL_LABELS[candidate]}
              {candidate === 'checks' && failing !== null && failing > 0 && (
                <span className="fail-badge" title={`${failing} 项检查未通过`}>
                  {failing}
                </span>
              )}
            </button>
          ))}
          <button
            className={dashboard ? 'active' : ''}
            aria-pressed={dashboard}
            onClick={() => setDashboard(!dashboard)}
          >
            仪表盘
          </button>
        </nav>
      </header>
      {readOnly && plan?.readOnlyNote && (
        <div className="read-only-banner" role="status">
          {plan.readOnlyNote}
        </div>
      )}
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
              onClick={() => {
                setDashboard(false);
                selectSheet(candidate.id);
              }}
              onDoubleClick={() => void renameSheet(candidate.id, candidate.name)}
            >
              {candidate.name}
              <span className="sheet-tab-count">{candidate.rowCount}</span>
            </button>
          ))}
          <button
            className="sheet-tab sheet-tab-add"
            title={readOnly ? readOnlyTitle : '新建工作表'}
            aria-label="新建工作表"
            disabled={readOnly}
            onClick={() => setDialog('newSheet')}
          >
            ＋
          </button>
        </nav>
      )}
      <main className="sheet-area">
        {dashboard ? (
          <div className="dashboard-area">
            <Loading>
              <Dashboard refreshKey={changes} />
            </Loading>
          </div>
        ) : (
          <>
            {sheet && (
              <SheetView key={sheet.id} sheetId={sheet.id} goTo={goTo} onShowSheet={selectSheet} readOnly={readOnly} />
            )}
            {sheet && openVersion !== null && (
              <Loading>
                <VersionSheetView
                  key={`${openVersion}:${sheet.id}`}
                  version={openVersion}
                  sheetId={sheet.id}
                  refreshKey={changes}
                  onClose={() => setOpenVersion(null)}
                />
              </Loading>
            )}
            {sheet && shownPanel && (
              <aside className="side-panel" aria-label={PANEL_LABELS[shownPanel]}>
                <Loading>
                  {shownPanel === 'checks' && <ChecksPanel onGoToRow={goToRow} refreshKey={changes} />}
                  {shownPanel === 'rollup' && (
                    <RollupPanel key={sheet.id} sheetId={sheet.id} refreshKey={changes} onSheetCreated={selectSheet} />
                  )}
                  {shownPanel === 'departments' && <DepartmentView onGoToRow={goToRow} refreshKey={changes} />}
                  {shownPanel === 'returns' && <ReturnsStatus refreshKey={changes} />}
                  {shownPanel === 'factors' && (
                    <FactorAllocationPanel
                      key={sheet.id}
                      sheetId={sheet.id}
                      refreshKey={changes}
                      onSheetCreated={selectSheet}
                    />
                  )}
                  {shownPanel === 'supervision' && (
                    <SupervisionPanel key={sheet.id} sheetId={sheet.id} refreshKey={changes} onGoToRow={goToRow} />
                  )}
                  {shownPanel === 'versions' && (
                    <VersionsPanel
                      onGoToRow={goToRow}
                      refreshKey={changes}
                      readOnly={readOnly}
                      onOpenVersion={setOpenVersion}
                    />
                  )}
                  {shownPanel === 'allocation' && (
                    <AllocationPanel key={sheet.id} sheetId={sheet.id} refreshKey={changes} onGoToRow={goToRow} />
                  )}
                </Loading>
              </aside>
            )}
          </>
        )}
      </main>
      <Loading>
        {dialog === 'import' && (
          <ImportWizard
            open
            initialFile={droppedFile}
            onClose={() => {
              setDialog(null);
              setDroppedFile(null);
            }}
            onImported={selectSheet}
          />
        )}
        {dialog === 'sendout' && sheet && <SendOutDialog sheetId={sheet.id} onClose={() => setDialog(null)} />}
        {dialog === 'newSheet' && (
          <NewSheetDialog
            onClose={() => setDialog(null)}
            onError={setError}
            onCreated={(id) => {
              setDialog(null);
              selectSheet(id);
            }}
          />
        )}
        {dialog === 'collect' && <CollectDialog sheetId={sheet?.id} onClose={() => setDialog(null)} />}
        {dialog === 'planFile' && meta && (
          <PlanFileDialog meta={meta} readOnly={readOnly} onClose={() => setDialog(null)} onChanged={loadPlan} />
        )}
      </Loading>
    </div>
  );
}
