import { useState } from 'react';
import type { CellHistoryEntry } from '../../../../shared/contract/calls/versions';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { localTime } from '../../app/files';
import { useLoad } from '../checks/useLoad';
import './history.css';

/**
 * A cell's history (right-click → 单元格历史…): every change from the change log — when, who
 * (the user, the imported file, the department and the file it returned), old → new, undone
 * steps marked — and 恢复此值 to set an earlier value back as a new undoable action.
 */

export interface CellHistoryDialogProps {
  sheetId: number;
  rowId: number;
  columnKey: string;
  columnName: string;
  readOnly: boolean;
  onClose(): void;
}

const EVENT_TEXT: Record<CellHistoryEntry['event'], string> = {
  edit: '修改',
  rowAdded: '新增行',
  rowRemoved: '删除行',
};

export function CellHistoryDialog({
  sheetId,
  rowId,
  columnKey,
  columnName,
  readOnly,
  onClose,
}: CellHistoryDialogProps) {
  const [restored, setRestored] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const history = useLoad(
    () => api['cell.history']({ sheetId, rowId, columnKey }),
    [sheetId, rowId, columnKey, restored],
  );

  const restore = (entry: CellHistoryEntry) => {
    api['cell.restore']({ sheetId, rowId, columnKey, changeId: entry.changeId }).then(() => {
      setError(null);
      setRestored((count) => count + 1);
    }, setError);
  };

  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog hv-history"
        role="dialog"
        aria-label="单元格历史"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <header className="hv-header">
          <h2>单元格历史 · {columnName}</h2>
          <button type="button" onClick={onClose} aria-label="关闭">
            ×
          </button>
        </header>
        <ErrorBanner error={error ?? history.error} />
        {history.data && <p>现为：{history.data.current || '（空）'}</p>}
        {history.data?.entries.length === 0 && <p className="hv-muted">变更记录中没有这个单元格的修改。</p>}
        <ol className="hv-list hv-steps">
          {history.data?.entries
            .slice()
            .reverse()
            .map((entry) => (
              <li key={entry.changeId} className={entry.state === 'undone' ? 'hv-step hv-undone' : 'hv-step'}>
                <span className="hv-muted">{localTime(entry.at)}</span> <span className="hv-who">{entry.who.zh}</span>{' '}
                {EVENT_TEXT[entry.event]}：<span className="hv-before">{entry.before ?? ''}</span> →{' '}
                <span className="hv-after">{entry.after ?? ''}</span>
                {entry.state === 'undone' && <span className="hv-muted">（已撤销）</span>}
                {entry.after !== null && entry.after !== history.data?.current && (
                  <button type="button" disabled={readOnly} onClick={() => restore(entry)}>
                    恢复此值
                  </button>
                )}
              </li>
            ))}
        </ol>
      </div>
    </div>
  );
}
