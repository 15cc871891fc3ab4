import { useMemo, useState } from 'react';
import type { CollectCell, CollectPreview, CollectResult } from '../../../../shared/contract/calls/exchange';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { localTime, uploadPickedFile } from '../../app/files';
import { useEscape } from '../../app/useEscape';
import { CollectCommentRows } from '../comments/CollectCommentRows';
import './exchange.css';

export interface CollectDialogProps {
  /** The sheet in view (informative: a returned file names its own sheet). */
  sheetId?: number;
  onClose(): void;
  /** Called after changes were applied, so the grid and totals refresh. */
  onApplied?(): void;
}

const KIND_LABELS: Record<CollectCell['kind'], string> = {
  proposed: '提议修改',
  conflict: '冲突',
  locked: '锁定列被改',
  invalid: '不能采用',
};

/**
 * Collect a returned workbook: pick or drop the file; Planbench checks its stamp and shows, row
 * by row and cell by cell, what the department changed — proposed changes (ticked), conflicts
 * with edits made here since sending (side by side, unticked), edits to locked columns
 * (unticked), rows it added, rows it deleted (never deleted here). Accept all proposals, or
 * tick rows and cells; applying is one action in the change log (undo with Ctrl+Z).
 */
export function CollectDialog({ onClose, onApplied }: CollectDialogProps) {
  useEscape(onClose);
  const [preview, setPreview] = useState<CollectPreview | null>(null);
  const [cells, setCells] = useState<Set<string>>(new Set());
  const [rows, setRows] = useState<Set<string>>(new Set());
  const [comments, setComments] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [result, setResult] = useState<CollectResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const open = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      const picked = await uploadPickedFile(file);
      const read = await api['collect.preview']({ file: { upload: picked.upload } });
      setPreview(read);
      setComments(new Set(read.comments.map((comment) => comment.id)));
      // A value beyond a stated bound (完成投资 over 投资匡算) is offered, not ticked: the user
      // accepts it knowingly.
      setCells(
        new Set(
          read.rows.flatMap((row) =>
            row.cells.filter((cell) => cell.kind === 'proposed' && !cell.warnings).map((cell) => cell.id),
          ),
        ),
      );
      setRows(
        new Set(
          read.inserts.filter((insert) => insert.reasonZh === null && !insert.warnings).map((insert) => insert.id),
        ),
      );
    } catch (failure) {
      setPreview(null);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const apply = async (accept: 'all' | 'selected') => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const done = await api['collect.apply']({
        previewId: preview.previewId,
        accept: accept === 'all' ? 'all' : { cells: [...cells], rows: [...rows], comments: [...comments] },
      });
      setResult(done);
      setPreview(null);
      onApplied?.();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (set: Set<string>, update: (next: Set<string>) => void, ids: readonly string[], on: boolean) => {
    const next = new Set(set);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    update(next);
  };

  const selectable = useMemo(
    () =>
      new Set(
        preview?.rows.flatMap((row) => row.cells.filter((cell) => cell.kind !== 'invalid').map((cell) => cell.id)) ??
          [],
      ),
    [preview],
  );
  const selectedCount = cells.size + rows.size + comments.size;

  return (
    <div className="xc-overlay" role="presentation">
      <div className="xc-dialog xc-wide" role="dialog" aria-label="收回填报表">
        <header className="xc-header">
          <h2>收回填报表{preview ? `：${preview.department}` : ''}</h2>
          <button type="button" className="xc-close" onClick={onClose} aria-label="关闭">
            ×
          </button>
        </header>
        <ErrorBanner error={error} />
        {result && (
          <div className="xc-body">
            <p className="xc-done" data-testid="collect-result">
              已合并 {result.applied.cells} 个单元格、{result.applied.inserts} 行新增
              {result.applied.comments > 0 ? `、${result.applied.comments} 条批注` : ''}
              {result.applied.columnsAdded.length > 0 ? `，新建列：${result.applied.columnsAdded.join('、')}` : ''}
              。未采用：提议 {result.left.proposed}、冲突 {result.left.conflicts}、锁定列 {result.left.locked}、不能采用{' '}
              {result.left.invalid}；单位删除的 {result.left.deleted} 行保留未删。可用“撤销”还原这次合并。
            </p>
          </div>
        )}
        {!preview && (
          <div
            className={`xc-drop${dragging ? ' xc-dragging' : ''}`}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(event) => {
              event.preventDefault();
              setDragging(false);
              void open(event.dataTransfer.files[0]);
            }}
          >
            <p>把单位交回的 .xlsx（或另存的 .xls、.et）文件拖到这里，或</p>
            <label className="xc-file">
              选择文件…
              <input
                type="file"
                accept=".xlsx,.xls,.et,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
                onChange={(event) => void open(event.target.files?.[0])}
                disabled={busy}
              />
            </label>
            {busy && <p className="xc-muted">正在读取…</p>}
          </div>
        )}
        {preview && (
          <div className="xc-body">
            <p className="xc-summary" data-testid="collect-summary">
              {preview.fileName}：{preview.department} 交回的“{preview.sheetName}”（{localTime(preview.sentAt)}{' '}
              下发）。提议修改 {preview.counts.proposed}，冲突 {preview.counts.conflicts}，锁定列被改{' '}
              {preview.counts.locked}，不能采用 {preview.counts.invalid}，新增行 {preview.counts.inserts}，删除行{' '}
              {preview.counts.deleted}，未改动 {preview.counts.unchangedRows} 行。
              {preview.columnsToAdd.length > 0 && ` 采用后将新建列：${preview.columnsToAdd.join('、')}。`}
            </p>
            {preview.notes.map((note) => (
              <p key={note.zh} className={note.level === 'warning' ? 'xc-warning' : 'xc-muted'}>
                {note.zh}
              </p>
            ))}
            <div className="xc-scroll">
              <table className="xc-table xc-changes">
                <thead>
                  <tr>
                    <th />
                    <th>行</th>
                    <th>列</th>
                    <th>类别</th>
                    <th>下发时</th>
                    <th>单位填报</th>
                    <th>规划现值</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((row) => {
                    const ids = row.cells.filter((cell) => selectable.has(cell.id)).map((cell) => cell.id);
                    const all = ids.length > 0 && ids.every((id) => cells.has(id));
                    return row.cells.map((cell, index) => (
                      <tr key={cell.id} className={`xc-${cell.kind}`} data-kind={cell.kind}>
                        {index === 0 && (
                          <td rowSpan={row.cells.length} className="xc-rowhead">
                            <input
                              type="checkbox"
                              aria-label={`整行 ${row.label}`}
                              checked={all}
                              disabled={ids.length === 0}
                              onChange={(event) => toggle(cells, setCells, ids, event.target.checked)}
                            />
                          </td>
                        )}
                        {index === 0 && (
                          <td rowSpan={row.cells.length} className="xc-rowhead">
                            {row.label}
                            <span className="xc-muted">（文件第 {row.fileRow} 行）</span>
                          </td>
                        )}
                        <td>
                          <label>
                            <input
                              type="checkbox"
                              aria-label={`${row.label} ${cell.header}`}
                              checked={cells.has(cell.id)}
                              disabled={cell.kind === 'invalid'}
                              onChange={(event) => toggle(cells, setCells, [cell.id], event.target.checked)}
                            />{' '}
                            {cell.header}
                          </label>
                        </td>
                        <td title={cell.reasonZh ?? ''}>
                          {KIND_LABELS[cell.kind]}
                          {cell.kind === 'invalid' && cell.reasonZh ? `：${cell.reasonZh}` : ''}
                          <Warnings warnings={cell.warnings} />
                        </td>
                        <td className="xc-text">{cell.sent}</td>
                        <td className="xc-text xc-returned">{cell.returned}</td>
                        <td className="xc-text">
                          {cell.kind === 'conflict' || cell.kind === 'locked' ? cell.current : ''}
                        </td>
                      </tr>
                    ));
                  })}
                  {preview.inserts.map((insert) => (
                    <tr key={insert.id} className={insert.reasonZh ? 'xc-invalid' : 'xc-insert'} data-kind="insert">
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`新增行 ${insert.label}`}
                          checked={rows.has(insert.id)}
                          disabled={insert.reasonZh !== null}
                          onChange={(event) => toggle(rows, setRows, [insert.id], event.target.checked)}
                        />
                      </td>
                      <td>
                        {insert.label}
                        <span className="xc-muted">（文件第 {insert.fileRow} 行）</span>
                      </td>
                      <td colSpan={2}>
                        {insert.reasonZh ? `新增行，不能采用：${insert.reasonZh}` : '单位新增的行'}
                        <Warnings warnings={insert.warnings} />
                      </td>
                      <td colSpan={3} className="xc-text">
                        {insert.cells.map((cell) => `${cell.header}：${cell.text}`).join('；')}
                      </td>
                    </tr>
                  ))}
                  <CollectCommentRows
                    comments={preview.comments}
                    selected={comments}
                    onToggle={(id, on) => toggle(comments, setComments, [id], on)}
                  />
                  {preview.deleted.map((row) => (
                    <tr key={`deleted-${row.rowId}`} className="xc-deleted" data-kind="deleted">
                      <td />
                      <td>{row.label}</td>
                      <td colSpan={5}>单位删除了这一行（不会自动删除，如需删除请在表格中操作）</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <footer className="xc-footer">
              <button type="button" onClick={onClose} disabled={busy}>
                不采用，关闭
              </button>
              <button
                type="button"
                onClick={() => void apply('all')}
                disabled={busy || preview.counts.proposed + preview.counts.inserts + preview.comments.length === 0}
                title="采用全部提议修改、可读的新增行和单位的批注；冲突和锁定列不采用"
              >
                全部采用提议
              </button>
              <button
                type="button"
                className="xc-primary"
                onClick={() => void apply('selected')}
                disabled={busy || selectedCount === 0}
              >
                采用所选（{selectedCount}）
              </button>
            </footer>
          </div>
        )}
      </div>
    </div>
  );
}

/** Values beyond a bound the fill-in sheet states: shown beside the cell, in Chinese and English. */
function Warnings({ warnings }: { warnings: readonly { zh: string; en: string }[] | undefined }) {
  if (!warnings) return null;
  return (
    <>
      {warnings.map((warning) => (
        <span key={warning.zh} className="xc-cell-warning" data-testid="collect-warning" title={warning.en}>
          超出限度：{warning.zh}
        </span>
      ))}
    </>
  );
}
