import { useCallback, useEffect, useRef, useState } from 'react';
import type { SheetDetail, SheetView as SheetViewSettings } from '../../../shared/contract/contract';
import { describeError, PlanbenchError } from '../../../shared/contract/errors';
import { SHEET_KIND_LABELS } from '../../../shared/model/columnTypes';
import type { MoneyUnit } from '../../../shared/values/money';
import { MONEY_UNITS } from '../../../shared/values/money';
import { api } from '../data/api';
import { onWaitingEdits } from '../data/transport';
import { askConfirm } from '../dialogs/askUser';
import { ErrorBanner } from './ErrorBanner';
import { planModel } from '../data/planModel';
import { useCellIssues } from '../data/useCellIssues';
import { usePlanState } from '../data/usePlan';
import { openSheet } from './firstScreen';
import { FirstScreenTable } from '../grid/FirstScreenTable';
import type { EditMode } from '../grid/editing/keys';
import { ContextMenu, SEPARATOR } from '../grid/ContextMenu';
import type { SheetGridHandle } from '../grid/SheetGrid';
import { CellHistoryDialog, ColumnDialog, CommentEditor, Loading, PrintPreview, SheetGrid } from './lazyParts';
import type { CommentTarget } from '../panels/comments/commentMenu';
import { commentMenuItems } from '../panels/comments/commentMenu';
import { useSheetComments } from '../panels/comments/useSheetComments';

const NO_UNDO = { undo: null, redo: null };

/** A request to show a row, e.g. from the checks panel; the nonce makes a repeat request new. */
export interface GoToRow {
  sheetId: number;
  rowId: number;
  columnKey?: string;
  nonce: number;
}

export interface SheetViewProps {
  sheetId: number;
  goTo: GoToRow | null;
  /** Undo or redo touched another sheet: show it. */
  onShowSheet(sheetId: number): void;
  /** The plan is open read-only: the buttons that would change it are disabled, and the status says so. */
  readOnly?: boolean;
}

function errorText(error: unknown): string {
  return error instanceof PlanbenchError ? describeError(error.body) : String(error);
}

/** What others did, as the status bar says it: “李四（另一窗口）：编辑单元格”. */
function othersSaid(actions: readonly { author: string; label: string; source: string }[]): string {
  const last = actions[actions.length - 1]!;
  const who = last.author ? `${last.author}（另一窗口）` : '另一窗口';
  const more = actions.length > 1 ? ` 等 ${actions.length} 项修改` : '';
  return `${who}：${last.label || last.source}${more}`;
}

/** A sheet: its toolbar (rows, columns, grouping, unit, freeze, find, undo/redo), the grid, a status line. */
export function SheetView({ sheetId, goTo, onShowSheet, readOnly = false }: SheetViewProps) {
  /** The sheet as the plan model holds it: its columns, name and row count follow every change. */
  const sheet = usePlanState((state) => state.details.get(sheetId)) ?? null;
  const [view, setView] = useState<SheetViewSettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<{ text: string; tone: 'info' | 'error' } | null>(null);
  const [findText, setFindText] = useState('');
  const undoState = usePlanState((state) => state.undo) ?? NO_UNDO;
  const [columnDialog, setColumnDialog] = useState<{ columnKey: string | null } | null>(null);
  const [printing, setPrinting] = useState(false);
  /** Rows shown while a filter or find hides some (null: none hidden). */
  const [visibleRows, setVisibleRows] = useState<number | null>(null);
  /** 计数 / 求和 / 平均值 of a selection of several cells. */
  const [selectionStats, setSelectionStats] = useState<string | null>(null);
  const [editMode, setEditMode] = useState<EditMode | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const [cellHistory, setCellHistory] = useState<{ rowId: number; columnKey: string } | null>(null);
  const [commentTarget, setCommentTarget] = useState<CommentTarget | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const grid = useRef<SheetGridHandle>(null);
  const findInput = useRef<HTMLInputElement>(null);
  /** What shows the sheet, asked for as the view opens (on page load, answered by the prefetch). */
  const [screen] = useState(() => openSheet(api, sheetId));
  /** The first-screen table has painted the first rows: the grid is built now (see FirstScreenTable). */
  const [tableShown, setTableShown] = useState(false);
  const onTableShown = useCallback(() => setTableShown(true), []);
  /** False until the grid has painted its rows; the first-screen table shows them meanwhile. */
  const [gridReady, setGridReady] = useState(false);
  /** The cell clicked in the first-screen table: the grid starts there. */
  const picked = useRef<{ rowId: number; columnKey: string } | null>(null);

  const showSheet = useCallback(async (detail: Promise<SheetDetail>, settings: Promise<SheetViewSettings>) => {
    try {
      const [shownDetail, shownSettings] = await Promise.all([detail, settings]);
      planModel.setDetail(shownDetail);
      setView(shownSettings);
    } catch (failure) {
      setError(failure);
    }
  }, []);

  const onGridReady = useCallback(() => {
    setGridReady(true);
    const cell = picked.current;
    picked.current = null;
    if (cell) grid.current?.goToRow(cell.rowId, cell.columnKey, 'asIs');
  }, []);

  const cellIssues = useCellIssues(sheet);
  const comments = useSheetComments(sheet);

  // A row asked for (from the checks panel, the by-department view): select it once shown.
  useEffect(() => {
    if (!goTo || goTo.sheetId !== sheetId) return;
    let tries = 0;
    const attempt = () => {
      if (grid.current?.goToRow(goTo.rowId, goTo.columnKey)) return;
      if (++tries < 40) timer = window.setTimeout(attempt, 100);
      else setMessage({ text: '该行当前未显示（可能被查找或分组折叠隐藏）', tone: 'info' });
    };
    let timer = window.setTimeout(attempt, 0);
    return () => window.clearTimeout(timer);
  }, [goTo, sheetId]);

  useEffect(() => {
    void showSheet(screen.detail, screen.view);
    planModel.readUndo().catch(() => undefined);
  }, [screen, showSheet]);

  const onMessage = useCallback((text: string, tone: 'info' | 'error') => setMessage({ text, tone }), []);

  // Edits typed while the server cannot be reached are kept and sent again (transport.ts): the
  // status bar says how many wait, and when they are saved.
  useEffect(() => {
    let most = 0;
    return onWaitingEdits((count) => {
      most = Math.max(most, count);
      if (count > 0)
        onMessage(
          `与规划服务的连接已断开：${count} 项修改尚未保存，连接恢复后自动重发，请勿关闭此窗口（connection lost: ${count} edits wait to be sent）`,
          'error',
        );
      else if (most > 0) {
        onMessage(`连接已恢复，${most} 项修改已保存（connection back: ${most} edits saved）`, 'info');
        most = 0;
      }
    });
  }, [onMessage]);

  // Someone else changed the plan (another window, a colleague, an import): their cells on this
  // sheet are marked for a moment, and the status bar says who did what.
  useEffect(
    () =>
      planModel.onOthersChange(({ changes, actions }) => {
        const here = changes.sheets.find((candidate) => candidate.sheetId === sheetId);
        if (here && !here.rowsChanged) grid.current?.flashCells(here.cells);
        if (actions.length > 0) onMessage(othersSaid(actions), 'info');
      }),
    [sheetId, onMessage],
  );

  const saveView = (patch: Partial<SheetViewSettings>) => {
    if (!view) return;
    const next = { ...view, ...patch };
    setView(next);
    // A read-only plan keeps the grouping or freezing chosen for this session only: it cannot be saved.
    if (readOnly) return;
    api['sheet.view.save']({ sheetId, view: next }).catch((failure: unknown) => onMessage(errorText(failure), 'error'));
  };

  const run = async (work: () => Promise<unknown>, done?: string) => {
    try {
      // What the call changed comes back with it and is applied by the plan model.
      await work();
      if (done) onMessage(done, 'info');
    } catch (failure) {
      onMessage(errorText(failure), 'error');
    }
  };

  const undoOrRedo = useCallback(
    async (direction: 'undo' | 'redo') => {
      const call = (overwrite: boolean) => api[direction === 'undo' ? 'history.undo' : 'history.redo']({ overwrite });
      try {
        let outcome;
        try {
          outcome = await call(false);
        } catch (failure) {
          // Someone else changed the same cells since: ask before overwriting their work.
          if (!(failure instanceof PlanbenchError) || failure.body.code !== 'conflict') throw failure;
          const sure = await askConfirm({
            title: direction === 'undo' ? '撤销会覆盖他人的修改' : '重做会覆盖他人的修改',
            message: `${failure.body.messageZh}\n${failure.body.messageEn}`,
            confirmLabel: direction === 'undo' ? '仍然撤销' : '仍然重做',
          });
          if (!sure) return;
          outcome = await call(true);
        }
        if (!outcome) {
          onMessage(direction === 'undo' ? '没有可撤销的操作' : '没有可重做的操作', 'info');
          return;
        }
        onMessage(`${direction === 'undo' ? '已撤销' : '已重做'}：${outcome.label}`, 'info');
        if (!outcome.sheetIds.includes(sheetId) && outcome.sheetIds[0] !== undefined) onShowSheet(outcome.sheetIds[0]);
      } catch (failure) {
        onMessage(errorText(failure), 'error');
      }
    },
    [sheetId, onMessage, onShowSheet],
  );

  // Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) anywhere but inside a text field; Ctrl+F to find.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const ctrl = event.ctrlKey || event.metaKey;
      if (!ctrl) return;
      const target = event.target as HTMLElement | null;
      const inField =
        !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      const key = event.key.toLowerCase();
      if (key === 'p') {
        event.preventDefault();
        setPrinting(true);
        return;
      }
      if (key === 'f') {
        event.preventDefault();
        findInput.current?.focus();
        findInput.current?.select();
        return;
      }
      if (inField) return;
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        void undoOrRedo('undo');
      } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
        event.preventDefault();
        void undoOrRedo('redo');
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [undoOrRedo]);

  if (error) return <ErrorBanner error={error} />;
  if (!sheet || !view) return <div className="loading">正在载入……</div>;

  const selected = () => grid.current?.selectedRowIds() ?? [];
  const active = () => grid.current?.activeRowId() ?? null;
  const hasMoney = sheet.columns.some((column) => column.type === 'money');
  const seqColumn = sheet.columns.find((column) => column.role === 'seq');
  const groupable = sheet.columns.filter(
    (column) => ['text', 'choice', 'status', 'department', 'year'].includes(column.type) && !column.hidden,
  );
  const roleDefault = (role: string) => sheet.columns.find((column) => column.role === role)?.key;

  const insert = (at: 'before' | 'after') => {
    const rowId = active();
    // The new row takes the 序号 and 大类/小类 of its place; the rows after it keep their numbers.
    const said = seqColumn && rowId ? '已插入一行（其后各行序号未改，可用“重排序号”重新编号）' : '已插入一行';
    void run(() => api['rows.insert']({ sheetId, place: rowId ? { at, rowId } : { at: 'end' } }), said);
  };
  const remove = async () => {
    const rowIds = selected();
    if (rowIds.length === 0) return onMessage('请先选择要删除的行', 'info');
    if (rowIds.length > 1) {
      const sure = await askConfirm({
        title: '删除行',
        message: `确定删除选中的 ${rowIds.length} 行？可以撤销。\nDelete ${rowIds.length} rows? This can be undone.`,
        confirmLabel: '删除',
      });
      if (!sure) return;
    }
    void run(() => api['rows.delete']({ sheetId, rowIds }), `已删除 ${rowIds.length} 行`);
  };
  const duplicate = () => {
    const rowIds = selected();
    if (rowIds.length === 0) return onMessage('请先选择要复制的行', 'info');
    void run(() => api['rows.duplicate']({ sheetId, rowIds }), `已复制 ${rowIds.length} 行`);
  };
  const renumber = async () => {
    if (!seqColumn) return;
    const sure = await askConfirm({
      title: '重排序号',
      message: `将按当前顺序把「${seqColumn.name}」重新编为 1、2、3……，可以撤销。\nRenumber「${seqColumn.name}」1, 2, 3… in the current order? This can be undone.`,
      confirmLabel: '重排',
    });
    if (!sure) return;
    void run(() => api['rows.renumber']({ sheetId, columnKey: seqColumn.key }), '已重新编排序号');
  };

  return (
    <section className="sheet-view" aria-label={sheet.name}>
      <div className="sheet-caption">
        <span className="sheet-name">{sheet.name}</span>
        <span className="sheet-kind">{SHEET_KIND_LABELS[sheet.kind]}</span>
        <span className="sheet-description">{sheet.description}</span>
        <span className="sheet-count" data-testid="row-count">
          {visibleRows === null ? `共 ${sheet.rowCount} 行` : `筛选后显示 ${visibleRows} 行 / 共 ${sheet.rowCount} 行`}
        </span>
      </div>
      <div className="toolbar" role="toolbar" aria-label="表格工具">
        <button
          onClick={() => void undoOrRedo('undo')}
          disabled={readOnly || !undoState.undo}
          title={undoState.undo ? `撤销：${undoState.undo.label}（Ctrl+Z）` : '撤销（Ctrl+Z）'}
        >
          ↶ 撤销
        </button>
        <button
          onClick={() => void undoOrRedo('redo')}
          disabled={readOnly || !undoState.redo}
          title={undoState.redo ? `重做：${undoState.redo.label}（Ctrl+Y）` : '重做（Ctrl+Y）'}
        >
          ↷ 重做
        </button>
        <span className="toolbar-sep" />
        <button onClick={() => insert('before')} disabled={readOnly}>
          上方插入行
        </button>
        <button onClick={() => insert('after')} disabled={readOnly}>
          下方插入行
        </button>
        <button onClick={duplicate} disabled={readOnly}>
          复制行
        </button>
        <button onClick={() => void remove()} disabled={readOnly}>
          删除行
        </button>
        {seqColumn && (
          <button onClick={() => void renumber()} disabled={readOnly}>
            重排序号
          </button>
        )}
        <span className="toolbar-sep" />
        <button onClick={() => setColumnDialog({ columnKey: null })} disabled={readOnly}>
          添加列
        </button>
        <button onClick={() => setColumnDialog({ columnKey: sheet.columns[0]?.key ?? null })} disabled={readOnly}>
          列设置
        </button>
        <span className="toolbar-sep" />
        <button onClick={() => setPrinting(true)} title="打印预览、导出 PDF（Ctrl+P）">
          打印…
        </button>
        <span className="toolbar-sep" />
        <label>
          分组
          <select
            aria-label="分组"
            value={view.groupBy.join('|')}
            onChange={(event) => saveView({ groupBy: event.target.value ? event.target.value.split('|') : [] })}
          >
            <option value="">不分组</option>
            {roleDefault('category') && (
              <option value={[roleDefault('category'), roleDefault('subcategory')].filter(Boolean).join('|')}>
                按大类{roleDefault('subcategory') ? '、小类' : ''}
              </option>
            )}
            {groupable.map((column) => (
              <option key={column.key} value={column.key}>
                按{column.name}
              </option>
            ))}
          </select>
        </label>
        {hasMoney && (
          <label>
            金额单位
            <select
              aria-label="金额单位"
              value={view.moneyUnit ?? ''}
              onChange={(event) => saveView({ moneyUnit: (event.target.value || null) as MoneyUnit | null })}
            >
              <option value="">按列设置</option>
              {MONEY_UNITS.map((unit) => (
                <option key={unit} value={unit}>
                  {unit}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          冻结
          <select
            aria-label="冻结列"
            value={view.freeze}
            onChange={(event) => saveView({ freeze: Number(event.target.value) })}
          >
            {[0, 1, 2, 3, 4].map((count) => (
              <option key={count} value={count}>
                {count === 0 ? '不冻结' : `前 ${count} 列`}
              </option>
            ))}
          </select>
        </label>
        <input
          ref={findInput}
          className="find-input"
          type="search"
          placeholder="查找（Ctrl+F）"
          aria-label="查找"
          value={findText}
          onChange={(event) => setFindText(event.target.value)}
        />
      </div>
      <div className="grid-stack">
        <Loading fallback={null}>
          {tableShown && (
            <SheetGrid
              ref={grid}
              sheet={sheet}
              view={view}
              screen={screen}
              findText={findText}
              cellIssues={cellIssues}
              onMessage={onMessage}
              onVisibleRows={setVisibleRows}
              onSelectionStats={setSelectionStats}
              onEditMode={setEditMode}
              onMenu={(x, y) => setMenu({ x, y })}
              cellComments={comments.tooltips}
              onComment={() => !readOnly && setCommentTarget(grid.current?.activeCell() ?? null)}
              onReady={onGridReady}
            />
          )}
        </Loading>
        {!gridReady && (
          <FirstScreenTable
            sheet={sheet}
            view={view}
            screen={screen}
            onPick={(rowId, columnKey) => {
              picked.current = { rowId, columnKey };
            }}
            onShown={onTableShown}
          />
        )}
      </div>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          onClose={closeMenu}
          items={[
            {
              label: '复制',
              shortcut: 'Ctrl+C',
              run: () => {
                const text = grid.current?.copy();
                if (text != null)
                  navigator.clipboard.writeText(text).catch(() => onMessage('无法写入剪贴板，请用 Ctrl+C', 'error'));
              },
            },
            {
              label: '粘贴',
              shortcut: 'Ctrl+V',
              disabled: readOnly,
              run: () => {
                navigator.clipboard.readText().then(
                  (text) => grid.current?.paste(text),
                  () => onMessage('浏览器不允许读取剪贴板，请用 Ctrl+V 粘贴', 'error'),
                );
              },
            },
            { label: '清除内容', shortcut: 'Delete', disabled: readOnly, run: () => void grid.current?.clear() },
            { label: '向下填充', shortcut: 'Ctrl+D', disabled: readOnly, run: () => void grid.current?.fillDown() },
            SEPARATOR,
            { label: '上方插入行', disabled: readOnly, run: () => insert('before') },
            { label: '下方插入行', disabled: readOnly, run: () => insert('after') },
            { label: '复制行', disabled: readOnly, run: duplicate },
            { label: '删除行', disabled: readOnly, run: () => void remove() },
            SEPARATOR,
            { label: '单元格历史…', run: () => setCellHistory(grid.current?.activeCell() ?? null) },
            SEPARATOR,
            ...commentMenuItems(
              sheet,
              grid.current?.activeCell() ?? null,
              comments,
              readOnly,
              setCommentTarget,
              (failure) => onMessage(errorText(failure), 'error'),
            ),
          ]}
        />
      )}
      <div className="status-bar">
        <div className={`status-line ${message?.tone ?? ''}`} role="status" data-testid="status">
          {message?.text ??
            (readOnly
              ? '只读：可以查看、检查、导出和打印，不能修改（原因见页首）。'
              : '就绪：单击单元格后直接输入即可修改，每次修改都会立即保存。')}
        </div>
        {selectionStats && (
          <div className="status-stats" data-testid="selection-stats">
            {selectionStats}
          </div>
        )}
        {editMode && (
          <div
            className="status-mode"
            data-testid="edit-mode"
            title="输入：方向键确认并移动；编辑：方向键移动光标（F2 切换）"
          >
            {editMode === 'enter' ? '输入' : '编辑'}
          </div>
        )}
      </div>
      <Loading>
        {printing && <PrintPreview sheetId={sheetId} onClose={() => setPrinting(false)} />}
        {cellHistory && (
          <CellHistoryDialog
            sheetId={sheet.id}
            {...cellHistory}
            columnName={
              sheet.columns.find((column) => column.key === cellHistory.columnKey)?.name ?? cellHistory.columnKey
            }
            readOnly={readOnly}
            onClose={() => setCellHistory(null)}
          />
        )}
        {commentTarget && (
          <CommentEditor
            sheet={sheet}
            target={commentTarget}
            comments={comments}
            onClose={() => {
              setCommentTarget(null);
              grid.current?.goToRow(commentTarget.rowId, commentTarget.columnKey, 'asIs');
            }}
          />
        )}
        {columnDialog && (
          <ColumnDialog
            sheet={sheet}
            columnKey={columnDialog.columnKey}
            onClose={() => setColumnDialog(null)}
            onSaved={(text) => {
              setColumnDialog(null);
              onMessage(text, 'info');
            }}
            onError={(failure) => onMessage(errorText(failure), 'error')}
          />
        )}
      </Loading>
    </section>
  );
}
