import { useCallback, useEffect, useEffectEvent, useReducer, useRef, useState } from 'react';
import type { SheetKind } from '../../../../shared/model/columns';
import { SHEET_KIND_LABELS, SHEET_KINDS } from '../../../../shared/model/columnTypes';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { HeaderMapping } from './HeaderMapping';
import { PreviewGrid } from './PreviewGrid';
import { PreviewSummary } from './PreviewSummary';
import { DocumentImport } from '../documents/DocumentImport';
import { isPolicyDocument, isProseText } from '../documents/documentRows';
import type { PickedFile } from '../../app/files';
import { uploadPickedFile } from '../../app/files';
import type { RowFilter } from './importState';
import {
  chosenTarget,
  fixKey,
  importReducer,
  INITIAL_IMPORT_STATE,
  previewIsCurrent,
  rowsToWrite,
  unfixedCells,
} from './importState';
import './importWizard.css';

/**
 * Import… : pick or drop a workbook or CSV file, choose where it goes (a new sheet of a kind, the
 * end of an existing sheet, or an update of existing rows matched on a key), check the header and
 * the column mapping, look through the parsed rows with every issue marked, correct what cannot
 * be read, and import — all of it as one action, or nothing.
 */

export interface ImportWizardProps {
  open: boolean;
  onClose(): void;
  onImported(sheetId: number): void;
  /** A file dropped on the window, to start with. */
  initialFile?: File | null;
}

const PAGE = 200;
const ACCEPT = '.xlsx,.xlsm,.csv,.txt,.tsv,.xls,.et,.docx,.doc,.pdf';
const FILTERS: { value: RowFilter; label: string }[] = [
  { value: 'all', label: '全部行' },
  { value: 'problems', label: '仅有问题的行' },
  { value: 'changes', label: '仅要写入的行' },
];

export function ImportWizard({ open, onClose, onImported, initialFile }: ImportWizardProps) {
  const [state, dispatch] = useReducer(importReducer, INITIAL_IMPORT_STATE);
  const {
    file,
    sheets,
    targetKind,
    sheetKind,
    newName,
    sheetId,
    keyColumns,
    keyColumn,
    preview,
    rows,
    rowTotal,
    offset,
    filter,
    fixes,
    mapping,
    busy,
    error,
    done,
    dragging,
  } = state;
  const input = useRef<HTMLInputElement>(null);
  /** A policy document (.docx/.doc/.pdf, or prose in a .txt) goes to its task breakdown instead (panels/documents). */
  const [policyFile, setPolicyFile] = useState<File | null>(null);
  /** The newest preview asked for: an answer to an older one is dropped. */
  const ticket = useRef(0);
  const failed = useCallback((failure: unknown) => dispatch({ type: 'failed', error: failure }), []);

  useEffect(() => {
    if (!open) return;
    api['plan.get']({}).then((plan) => dispatch({ type: 'planRead', sheets: plan.sheets }), failed);
  }, [open, failed]);

  useEffect(() => {
    if (targetKind !== 'update' || sheetId === null) return;
    api['sheet.get']({ sheetId }).then((sheet) => {
      const preferred =
        sheet.columns.find((column) => column.role === 'seq') ??
        sheet.columns.find((column) => column.role === 'name') ??
        sheet.columns[0];
      dispatch({
        type: 'keyColumnsRead',
        columns: sheet.columns.map((column) => ({ key: column.key, name: column.name })),
        preferred: preferred?.key ?? '',
      });
    }, failed);
  }, [targetKind, sheetId, failed]);

  // An append or update goes by default to the sheet whose columns the file's columns fit best
  // (not the plan's first sheet), until the user picks one.
  const bestSheet = preview?.sheetFits.find((fit) => fit.matched > 0)?.sheetId ?? null;
  useEffect(() => {
    if (bestSheet !== null) dispatch({ type: 'bestSheetFound', sheetId: bestSheet });
  }, [bestSheet]);

  /** Preview again: the same file (by its preview id once there is one) with the current choices. */
  const runPreview = useCallback(
    async (
      changes: {
        header?: { row: number; rows: 1 | 2 };
        sheetName?: string;
        mapping?: ReadonlyMap<number, string | null>;
        picked?: PickedFile;
      } = {},
    ) => {
      const chosen = chosenTarget(state, changes.picked);
      const picked = changes.picked ?? file;
      if (!chosen || !picked) return;
      const mine = ++ticket.current;
      dispatch({ type: 'previewStarted' });
      try {
        const overrides = [...(changes.mapping ?? mapping)].map(([source, key]) => ({ source, target: key }));
        // A new file starts on its first sheet; otherwise the sheet shown stays unless changed.
        const sheetName = changes.sheetName ?? (preview && !changes.picked ? preview.sheetName : undefined);
        const result = await api['import.preview']({
          file: preview && !changes.picked ? { previewId: preview.previewId } : { upload: picked.upload },
          target: chosen,
          ...(sheetName ? { sheetName } : {}),
          ...(changes.header ? { header: changes.header } : {}),
          ...(overrides.length ? { mapping: overrides } : {}),
          rowLimit: PAGE,
        });
        if (mine !== ticket.current) return;
        dispatch({ type: 'previewed', preview: result });
        dispatch({ type: 'settled' });
      } catch (failure) {
        if (mine === ticket.current) failed(failure);
      }
    },
    [state, file, preview, mapping, failed],
  );

  const pick = useCallback(
    async (picked: File) => {
      if (isPolicyDocument(picked.name) || (await isProseText(picked))) {
        setPolicyFile(picked);
        return;
      }
      dispatch({ type: 'fileReading' });
      try {
        const read = await uploadPickedFile(picked);
        dispatch({ type: 'fileRead', file: read });
        await runPreview({ picked: read });
      } catch (failure) {
        failed(failure);
      }
    },
    [runPreview, failed],
  );

  // A change of where the file goes is previewed again after a short pause (the file is not sent
  // again: the preview id stands for it). A preview already made for these choices is kept.
  const latestRun = useRef(runPreview);
  latestRun.current = runPreview;
  const current = previewIsCurrent(state);
  const wanted = JSON.stringify(chosenTarget(state));
  useEffect(() => {
    if (current) return;
    const timer = window.setTimeout(() => void latestRun.current(), 400);
    return () => window.clearTimeout(timer);
  }, [current, wanted, preview]);

  // Only a newly dropped file starts a new import: pick is read as it is then, not a reason to run.
  const pickDropped = useEffectEvent((file: File) => void pick(file));
  useEffect(() => {
    if (open && initialFile) pickDropped(initialFile);
  }, [open, initialFile]);

  const page = useCallback(
    async (nextOffset: number, nextFilter: RowFilter) => {
      if (!preview) return;
      try {
        const window = await api['import.rows']({
          previewId: preview.previewId,
          offset: nextOffset,
          limit: PAGE,
          filter: nextFilter,
        });
        dispatch({ type: 'rowsPaged', rows: window.rows, total: window.total, offset: nextOffset, filter: nextFilter });
      } catch (failure) {
        failed(failure);
      }
    },
    [preview, failed],
  );

  const close = useCallback(() => {
    if (preview) void api['import.cancel']({ previewId: preview.previewId }).catch(() => {});
    dispatch({ type: 'closed' });
    onClose();
  }, [preview, onClose]);

  const commit = useCallback(async () => {
    if (!preview) return;
    dispatch({ type: 'committing' });
    try {
      const result = await api['import.commit']({
        previewId: preview.previewId,
        fixes: [...fixes].map(([key, text]) => {
          const at = key.indexOf(':');
          return { r: Number(key.slice(0, at)), columnKey: key.slice(at + 1), text };
        }),
      });
      dispatch({ type: 'committed', result });
      onImported(result.sheetId);
    } catch (failure) {
      failed(failure);
    }
  }, [preview, fixes, onImported, failed]);

  if (!open) return null;
  if (policyFile)
    return (
      <DocumentImport
        file={policyFile}
        onClose={() => {
          setPolicyFile(null);
          close();
        }}
        onImported={onImported}
      />
    );

  // Cells the column cannot take that the user has not corrected: they import as empty.
  const unfixed = unfixedCells(state);
  const writes = rowsToWrite(preview);

  return (
    <div
      className={`import-wizard${dragging ? ' dragging' : ''}`}
      role="dialog"
      aria-modal="true"
      aria-label="导入"
      onDragOver={(event) => {
        event.preventDefault();
        dispatch({ type: 'dragging', on: true });
      }}
      onDragLeave={() => dispatch({ type: 'dragging', on: false })}
      onDrop={(event) => {
        event.preventDefault();
        dispatch({ type: 'dragging', on: false });
        const dropped = event.dataTransfer.files[0];
        if (dropped) void pick(dropped);
      }}
    >
      <header className="import-bar">
        <h2>导入</h2>
        <span className="import-file">
          {file ? `${file.fileName}（${(file.size / 1024).toFixed(0)} KB）` : '未选择文件'}
        </span>
        {preview && (
          <span className="import-format">
            {preview.format === 'csv'
              ? `CSV · ${preview.encoding ?? ''}`
              : `${preview.format}${preview.application ? ` · ${preview.application}` : ''}`}
          </span>
        )}
        <span className="import-status" role="status">
          {busy ?? (done ? `已导入到“${done.sheetName}”：新增 ${done.inserted} 行，更新 ${done.updated} 行` : '')}
        </span>
        <button onClick={close}>{done ? '关闭' : '取消'}</button>
        <button
          className="primary"
          disabled={!preview || busy !== null || writes === 0 || preview.refusal !== null}
          onClick={() => void commit()}
        >
          {preview ? `导入 ${writes} 行${unfixed > 0 ? `（${unfixed} 格留空）` : ''}` : '导入'}
        </button>
      </header>
      <ErrorBanner error={error} />
      {preview?.refusal && (
        <div className="import-refusal" role="alert">
          不能按此更新：{preview.refusal.zh}
          <br />
          <span lang="en">Cannot update this way: {preview.refusal.en}</span>
        </div>
      )}
      <div className="import-body">
        <aside className="import-side">
          <fieldset>
            <legend>文件</legend>
            <div
              className="import-drop"
              role="button"
              tabIndex={0}
              onClick={() => input.current?.click()}
              onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && input.current?.click()}
            >
              把 Excel（.xlsx、.xls）、WPS（.et）或 CSV
              文件拖到这里，或点击选择文件；政策文件（.docx、.doc、.pdf、.txt）会分解为任务分解表
            </div>
            <input
              ref={input}
              type="file"
              accept={ACCEPT}
              hidden
              aria-label="选择要导入的文件"
              onChange={(event) => {
                const chosen = event.target.files?.[0];
                event.target.value = '';
                if (chosen) void pick(chosen);
              }}
            />
            {preview && preview.sheets.length > 1 && (
              <label>
                工作表
                <select
                  value={preview.sheetName}
                  aria-label="文件中的工作表"
                  onChange={(event) => void runPreview({ sheetName: event.target.value })}
                >
                  {preview.sheets.map((sheet) => (
                    <option key={sheet.name} value={sheet.name}>
                      {sheet.name}
                      {sheet.hidden ? '（隐藏）' : ''}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </fieldset>
          <fieldset>
            <legend>导入到</legend>
            {(['new', 'append', 'update'] as const).map((kind) => (
              <label key={kind} className="radio">
                <input
                  type="radio"
                  name="import-target"
                  checked={targetKind === kind}
                  onChange={() => dispatch({ type: 'targetKindChosen', kind })}
                />
                {kind === 'new' ? '新建工作表' : kind === 'append' ? '追加到已有工作表末尾' : '按键列更新已有行'}
              </label>
            ))}
            {targetKind === 'new' ? (
              <>
                <label>
                  类型
                  <select
                    value={sheetKind}
                    aria-label="类型"
                    onChange={(event) => dispatch({ type: 'sheetKindChosen', kind: event.target.value as SheetKind })}
                  >
                    {SHEET_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {SHEET_KIND_LABELS[kind]}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  名称
                  <input
                    value={newName}
                    aria-label="名称"
                    onChange={(event) => dispatch({ type: 'newNameTyped', name: event.target.value })}
                  />
                </label>
              </>
            ) : (
              <label>
                工作表
                <select
                  value={sheetId ?? ''}
                  aria-label="目标工作表"
                  onChange={(event) => dispatch({ type: 'sheetChosen', sheetId: Number(event.target.value) })}
                >
                  {sheets.map((sheet) => (
                    <option key={sheet.id} value={sheet.id}>
                      {sheet.name}（{sheet.rowCount} 行）
                    </option>
                  ))}
                </select>
              </label>
            )}
            {targetKind === 'update' && (
              <label>
                按此列匹配
                <select
                  value={keyColumn}
                  aria-label="按此列匹配"
                  onChange={(event) => dispatch({ type: 'keyColumnChosen', key: event.target.value })}
                >
                  {keyColumns.map((column) => (
                    <option key={column.key} value={column.key}>
                      {column.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button disabled={!file || busy !== null} onClick={() => void runPreview()}>
              重新预览
            </button>
          </fieldset>
          {preview && <PreviewSummary preview={preview} />}
        </aside>
        <main className="import-main">
          {preview ? (
            <>
              <HeaderMapping
                preview={preview}
                onHeader={(row, height) => void runPreview({ header: { row, rows: height } })}
                onMap={(source, key) => {
                  dispatch({ type: 'mapped', source, key });
                  void runPreview({ mapping: new Map(mapping).set(source, key) });
                }}
              />
              <div className="import-rows-bar">
                <select
                  value={filter}
                  onChange={(event) => void page(0, event.target.value as RowFilter)}
                  aria-label="显示哪些行"
                >
                  {FILTERS.map((item) => (
                    <option key={item.value} value={item.value}>
                      {item.label}
                    </option>
                  ))}
                </select>
                <span>
                  第 {rowTotal === 0 ? 0 : offset + 1}–{Math.min(offset + PAGE, rowTotal)} 行，共 {rowTotal} 行；问题{' '}
                  {preview.problemCount} 处
                </span>
                <button disabled={offset === 0} onClick={() => void page(Math.max(0, offset - PAGE), filter)}>
                  上一页
                </button>
                <button disabled={offset + PAGE >= rowTotal} onClick={() => void page(offset + PAGE, filter)}>
                  下一页
                </button>
                <span className="import-legend">
                  <i className="mark-info" />
                  提示 <i className="mark-warning" />
                  需核对 <i className="mark-error" />
                  无法读取（点击修改） <i className="carried" />
                  合并带入
                </span>
              </div>
              <PreviewGrid
                columns={preview.target.columns}
                rows={rows}
                fixes={fixes}
                onFix={(r, columnKey, text) => dispatch({ type: 'fixed', key: fixKey(r, columnKey), text })}
              />
            </>
          ) : (
            <div className="import-empty">{done ? '导入完成。' : '选择或拖入文件后，这里显示将导入的内容。'}</div>
          )}
        </main>
      </div>
    </div>
  );
}
