import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import type { ImportPreview, ImportResult, ImportTarget, PreviewRow } from '../../../../shared/contract/calls/importing';
import type { ApiOutput } from '../../../../shared/contract/contract';
import type { SheetKind } from '../../../../shared/model/columns';
import { SHEET_KIND_LABELS, SHEET_KINDS } from '../../../../shared/model/columnTypes';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { HeaderMapping } from './HeaderMapping';
import { fixKey, PreviewGrid } from './PreviewGrid';
import { PreviewSummary } from './PreviewSummary';
import type { PickedFile } from '../../app/files';
import { baseName, uploadPickedFile } from '../../app/files';
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

type Sheets = ApiOutput<'plan.get'>['sheets'];
type TargetKind = ImportTarget['kind'];

const PAGE = 200;
const ACCEPT = '.xlsx,.xlsm,.csv,.txt,.tsv,.xls,.et';
const FILTERS: { value: 'all' | 'problems' | 'changes'; label: string }[] = [
  { value: 'all', label: '全部行' },
  { value: 'problems', label: '仅有问题的行' },
  { value: 'changes', label: '仅要写入的行' },
];

/** A sheet name the plan does not have yet: the file's name, or the file's name with （2）, （3）… */
function freeName(base: string, sheets: Sheets): string {
  const taken = new Set(sheets.map((sheet) => sheet.name));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}（${n}）`;
  return name;
}

export function ImportWizard({ open, onClose, onImported, initialFile }: ImportWizardProps) {
  const [file, setFile] = useState<PickedFile | null>(null);
  const [sheets, setSheets] = useState<Sheets>([]);
  const [targetKind, setTargetKind] = useState<TargetKind>('new');
  const [sheetKind, setSheetKind] = useState<SheetKind>('table');
  const [newName, setNewName] = useState('');
  const [sheetId, setSheetId] = useState<number | null>(null);
  const [keyColumns, setKeyColumns] = useState<{ key: string; name: string }[]>([]);
  const [keyColumn, setKeyColumn] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [rows, setRows] = useState<PreviewRow[]>([]);
  const [rowTotal, setRowTotal] = useState(0);
  const [offset, setOffset] = useState(0);
  const [filter, setFilter] = useState<'all' | 'problems' | 'changes'>('all');
  const [fixes, setFixes] = useState<Map<string, string>>(new Map());
  const [mapping, setMapping] = useState<Map<number, string | null>>(new Map());
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const ticket = useRef(0);
  /** The user chose the target sheet; until then it follows the sheet the file fits best. */
  const sheetChosen = useRef(false);

  const reset = useCallback(() => {
    setFile(null);
    setPreview(null);
    setRows([]);
    setFixes(new Map());
    setMapping(new Map());
    setError(null);
    setDone(null);
    setOffset(0);
    sheetChosen.current = false;
  }, []);

  useEffect(() => {
    if (!open) return;
    api['plan.get']({}).then((plan) => {
      setSheets(plan.sheets);
      setSheetId((current) => current ?? plan.sheets[0]?.id ?? null);
    }, setError);
  }, [open]);

  useEffect(() => {
    if (targetKind !== 'update' || sheetId === null) return;
    api['sheet.get']({ sheetId }).then((sheet) => {
      const columns = sheet.columns.map((column) => ({ key: column.key, name: column.name }));
      setKeyColumns(columns);
      const preferred = sheet.columns.find((column) => column.role === 'seq') ?? sheet.columns.find((column) => column.role === 'name') ?? sheet.columns[0];
      setKeyColumn((current) => (columns.some((column) => column.key === current) ? current : (preferred?.key ?? '')));
    }, setError);
  }, [targetKind, sheetId]);

  // An append or update goes by default to the sheet whose columns the file's columns fit best
  // (not the plan's first sheet), until the user picks one.
  const bestSheet = preview?.sheetFits.find((fit) => fit.matched > 0)?.sheetId ?? null;
  useEffect(() => {
    if (bestSheet !== null && !sheetChosen.current) setSheetId(bestSheet);
  }, [bestSheet]);

  const target = useCallback((picked?: PickedFile): ImportTarget | null => {
    const source = picked ?? file;
    if (targetKind === 'new') return { kind: 'new', sheetKind, name: newName.trim() || freeName(source ? baseName(source.fileName) : '导入', sheets) };
    if (sheetId === null) return null;
    if (targetKind === 'append') return { kind: 'append', sheetId };
    return keyColumn ? { kind: 'update', sheetId, keyColumn } : null;
  }, [targetKind, sheetKind, newName, file, sheets, sheetId, keyColumn]);

  /** Preview again: the same file (by its preview id once there is one) with the current choices. */
  const runPreview = useCallback(
    async (changes: { header?: { row: number; rows: 1 | 2 }; sheetName?: string; mapping?: Map<number, string | null>; picked?: PickedFile } = {}) => {
      const chosen = target(changes.picked);
      const picked = changes.picked ?? file;
      if (!chosen || !picked) return;
      const mine = ++ticket.current;
      setBusy('正在读取并解析文件…');
      setError(null);
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
        setPreview(result);
        setRows(result.rows);
        setRowTotal(result.rowCount);
        setOffset(0);
        setFilter('all');
      } catch (failure) {
        if (mine === ticket.current) setError(failure);
      } finally {
        if (mine === ticket.current) setBusy(null);
      }
    },
    [target, file, preview, mapping],
  );

  const pick = useCallback(
    async (picked: File) => {
      reset();
      setBusy('正在读取文件…');
      try {
        const read = await uploadPickedFile(picked);
        setFile(read);
        setNewName(freeName(baseName(read.fileName), sheets));
        await runPreview({ picked: read });
      } catch (failure) {
        setError(failure);
        setBusy(null);
      }
    },
    [reset, runPreview, sheets],
  );

  // A change of where the file goes is previewed again after a short pause (the file is not sent
  // again: the preview id stands for it). A preview already made for these choices is kept.
  const latestRun = useRef(runPreview);
  latestRun.current = runPreview;
  useEffect(() => {
    if (!preview) return;
    const wanted = target();
    const shown = preview.target;
    if (
      !wanted ||
      (wanted.kind === shown.kind &&
        (wanted.kind !== 'new' || (wanted.name === shown.sheetName && wanted.sheetKind === shown.sheetKind)) &&
        (wanted.kind === 'new' || wanted.sheetId === shown.sheetId) &&
        (wanted.kind !== 'update' || wanted.keyColumn === shown.keyColumn))
    ) {
      return;
    }
    const timer = window.setTimeout(() => void latestRun.current(), 400);
    return () => window.clearTimeout(timer);
  }, [target, preview]);

  // Only a newly dropped file starts a new import (not a new `pick`).
  const startImport = useEffectEvent((file: File) => void pick(file));
  useEffect(() => {
    if (open && initialFile) startImport(initialFile);
  }, [open, initialFile]);

  const page = useCallback(
    async (nextOffset: number, nextFilter: typeof filter) => {
      if (!preview) return;
      try {
        const window = await api['import.rows']({ previewId: preview.previewId, offset: nextOffset, limit: PAGE, filter: nextFilter });
        setRows(window.rows);
        setRowTotal(window.total);
        setOffset(nextOffset);
        setFilter(nextFilter);
      } catch (failure) {
        setError(failure);
      }
    },
    [preview],
  );

  const close = useCallback(() => {
    if (preview) void api['import.cancel']({ previewId: preview.previewId }).catch(() => {});
    reset();
    onClose();
  }, [preview, reset, onClose]);

  const commit = useCallback(async () => {
    if (!preview) return;
    setBusy('正在导入…');
    setError(null);
    try {
      const result = await api['import.commit']({
        previewId: preview.previewId,
        fixes: [...fixes].map(([key, text]) => {
          const at = key.indexOf(':');
          return { r: Number(key.slice(0, at)), columnKey: key.slice(at + 1), text };
        }),
      });
      setDone(result);
      setPreview(null);
      onImported(result.sheetId);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  }, [preview, fixes, onImported]);

  if (!open) return null;

  // Cells the column cannot take that the user has not corrected: they import as empty.
  const invalidCells = (preview?.problems ?? [])
    .filter((problem) => problem.kind === 'invalid')
    .map((problem) => fixKey(problem.r, preview!.target.columns.find((column) => column.name === problem.columnName)?.key ?? ''));
  const unfixed = preview ? invalidCells.filter((key) => !fixes.has(key)).length + Math.max(0, preview.summary.invalid - invalidCells.length) : 0;
  const writes = preview ? (preview.target.kind === 'update' ? preview.summary.update : preview.summary.insert) : 0;

  return (
    <div
      className={`import-wizard${dragging ? ' dragging' : ''}`}
      role="dialog"
      aria-modal="true"
      aria-label="导入"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const dropped = event.dataTransfer.files[0];
        if (dropped) void pick(dropped);
      }}
    >
      <header className="import-bar">
        <h2>导入</h2>
        <span className="import-file">{file ? `${file.fileName}（${(file.size / 1024).toFixed(0)} KB）` : '未选择文件'}</span>
        {preview && (
          <span className="import-format">
            {preview.format === 'csv' ? `CSV · ${preview.encoding ?? ''}` : `${preview.format}${preview.application ? ` · ${preview.application}` : ''}`}
          </span>
        )}
        <span className="import-status" role="status">
          {busy ?? (done ? `已导入到“${done.sheetName}”：新增 ${done.inserted} 行，更新 ${done.updated} 行` : '')}
        </span>
        <button onClick={close}>{done ? '关闭' : '取消'}</button>
        <button className="primary" disabled={!preview || busy !== null || writes === 0 || preview.refusal !== null} onClick={() => void commit()}>
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
              把 Excel（.xlsx、.xls）、WPS（.et）或 CSV 文件拖到这里，或点击选择文件
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
                <select value={preview.sheetName} aria-label="文件中的工作表" onChange={(event) => void runPreview({ sheetName: event.target.value })}>
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
                <input type="radio" name="import-target" checked={targetKind === kind} onChange={() => setTargetKind(kind)} />
                {kind === 'new' ? '新建工作表' : kind === 'append' ? '追加到已有工作表末尾' : '按键列更新已有行'}
              </label>
            ))}
            {targetKind === 'new' ? (
              <>
                <label>
                  类型
                  <select value={sheetKind} aria-label="类型" onChange={(event) => setSheetKind(event.target.value as SheetKind)}>
                    {SHEET_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {SHEET_KIND_LABELS[kind]}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  名称
                  <input value={newName} aria-label="名称" onChange={(event) => setNewName(event.target.value)} />
                </label>
              </>
            ) : (
              <label>
                工作表
                <select
                  value={sheetId ?? ''}
                  aria-label="目标工作表"
                  onChange={(event) => {
                    sheetChosen.current = true;
                    setSheetId(Number(event.target.value));
                  }}
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
                <select value={keyColumn} aria-label="按此列匹配" onChange={(event) => setKeyColumn(event.target.value)}>
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
                  const next = new Map(mapping).set(source, key);
                  setMapping(next);
                  void runPreview({ mapping: next });
                }}
              />
              <div className="import-rows-bar">
                <select value={filter} onChange={(event) => void page(0, event.target.value as typeof filter)} aria-label="显示哪些行">
                  {FILTERS.map((item) => (
                    <option key={item.value} value={item.value}>
                      {item.label}
                    </option>
                  ))}
                </select>
                <span>
                  第 {rowTotal === 0 ? 0 : offset + 1}–{Math.min(offset + PAGE, rowTotal)} 行，共 {rowTotal} 行；问题 {preview.problemCount} 处
                </span>
                <button disabled={offset === 0} onClick={() => void page(Math.max(0, offset - PAGE), filter)}>
                  上一页
                </button>
                <button disabled={offset + PAGE >= rowTotal} onClick={() => void page(offset + PAGE, filter)}>
                  下一页
                </button>
                <span className="import-legend">
                  <i className="mark-info" />提示 <i className="mark-warning" />需核对 <i className="mark-error" />无法读取（点击修改） <i className="carried" />合并带入
                </span>
              </div>
              <PreviewGrid
                columns={preview.target.columns}
                rows={rows}
                fixes={fixes}
                onFix={(r, columnKey, text) => {
                  const next = new Map(fixes);
                  if (text === null) next.delete(fixKey(r, columnKey));
                  else next.set(fixKey(r, columnKey), text);
                  setFixes(next);
                }}
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
