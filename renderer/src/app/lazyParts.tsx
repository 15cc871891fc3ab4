import type { ReactNode } from 'react';
import { Component, lazy, Suspense } from 'react';

/**
 * The parts of the workbench that are not on its first screen — panels, dialogs, the dashboard,
 * print preview — each in its own chunk, loaded the first time it is opened. The first screen
 * (tabs, toolbar, grid) then parses and runs less code before the rows can show.
 */
/**
 * The grid, and AG Grid with it (most of the workbench's code by size). Asked for once the first
 * screen's rows have been painted in a plain table (see FirstScreenTable): loading, compiling and
 * running it earlier would hold those rows up.
 */
export const SheetGrid = lazy(() => import('../grid/SheetGrid').then((module) => ({ default: module.SheetGrid })));
export const ImportWizard = lazy(() =>
  import('../panels/import/ImportWizard').then((module) => ({ default: module.ImportWizard })),
);
export const SendOutDialog = lazy(() =>
  import('../panels/exchange/SendOutDialog').then((module) => ({ default: module.SendOutDialog })),
);
export const CollectDialog = lazy(() =>
  import('../panels/exchange/CollectDialog').then((module) => ({ default: module.CollectDialog })),
);
export const ReturnsStatus = lazy(() =>
  import('../panels/exchange/ReturnsStatus').then((module) => ({ default: module.ReturnsStatus })),
);
export const SupervisionPanel = lazy(() =>
  import('../panels/supervision/SupervisionPanel').then((module) => ({ default: module.SupervisionPanel })),
);
export const NewSheetDialog = lazy(() =>
  import('../dialogs/NewSheetDialog').then((module) => ({ default: module.NewSheetDialog })),
);
export const PlanFileDialog = lazy(() =>
  import('../dialogs/planFile/PlanFileDialog').then((module) => ({ default: module.PlanFileDialog })),
);
export const ColumnDialog = lazy(() =>
  import('../dialogs/ColumnDialog').then((module) => ({ default: module.ColumnDialog })),
);
export const PrintPreview = lazy(() =>
  import('../panels/print/PrintPreview').then((module) => ({ default: module.PrintPreview })),
);
export const Dashboard = lazy(() =>
  import('../panels/checks/Dashboard').then((module) => ({ default: module.Dashboard })),
);
export const ChecksPanel = lazy(() =>
  import('../panels/checks/ChecksPanel').then((module) => ({ default: module.ChecksPanel })),
);
export const RollupPanel = lazy(() =>
  import('../panels/checks/RollupPanel').then((module) => ({ default: module.RollupPanel })),
);
export const DepartmentView = lazy(() =>
  import('../panels/checks/DepartmentView').then((module) => ({ default: module.DepartmentView })),
);
export const CommentEditor = lazy(() =>
  import('../panels/comments/CommentEditor').then((module) => ({ default: module.CommentEditor })),
);
export const CellHistoryDialog = lazy(() =>
  import('../panels/history/CellHistoryDialog').then((module) => ({ default: module.CellHistoryDialog })),
);
export const VersionSheetView = lazy(() =>
  import('../panels/history/VersionSheetView').then((module) => ({ default: module.VersionSheetView })),
);
export const VersionsPanel = lazy(() =>
  import('../panels/history/VersionsPanel').then((module) => ({ default: module.VersionsPanel })),
);
export const AllocationPanel = lazy(() =>
  import('../panels/checks/AllocationPanel').then((module) => ({ default: module.AllocationPanel })),
);
export const FactorAllocationPanel = lazy(() =>
  import('../panels/budgets/FactorAllocationPanel').then((module) => ({ default: module.FactorAllocationPanel })),
);

/**
 * While a part's chunk loads (a moment, from the app's own files) — and if it cannot be loaded
 * (the browser edition's server was stopped before the part was first opened) or fails to
 * render, a message in its place instead of a blank window.
 */
export function Loading({
  children,
  fallback = <div className="lazy-loading">加载中…</div>,
}: {
  children: ReactNode;
  fallback?: ReactNode;
}) {
  return (
    <ChunkFailure>
      <Suspense fallback={fallback}>{children}</Suspense>
    </ChunkFailure>
  );
}

class ChunkFailure extends Component<{ children: ReactNode }, { failed: unknown }> {
  override state = { failed: null as unknown };

  static getDerivedStateFromError(failed: unknown) {
    return { failed };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="error-banner" role="alert">
        无法显示此部分界面；如果规划工作台已停止运行，请重新启动后刷新页面。 （This part of the workbench could not be
        shown; if Planbench has stopped, start it again and reload the page.）
        {String(this.state.failed)}
      </div>
    );
  }
}
