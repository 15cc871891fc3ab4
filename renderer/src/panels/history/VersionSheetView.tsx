import { useState } from 'react';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { localTime } from '../../app/files';
import { useLoad } from '../checks/useLoad';
import './versionSheet.css';

/**
 * A saved version shown read-only beside the current sheet: the version's rows page by page in a
 * plain table (nothing in it can be typed into, and no call writes to a version), under a grey
 * banner "只读：版本 …". A cell that differs now is marked, and says what it is now; a row deleted
 * since is struck through.
 */

export interface VersionSheetViewProps {
  version: string;
  /** The sheet shown first (the current sheet, when the version has it). */
  sheetId: number;
  /** Changes after every edit: the marks are made again. */
  refreshKey: number;
  onClose(): void;
}

const PAGE_ROWS = 200;

export function VersionSheetView({ version, sheetId, refreshKey, onClose }: VersionSheetViewProps) {
  const [shownSheet, setShownSheet] = useState(sheetId);
  const [offset, setOffset] = useState(0);
  const page = useLoad(
    () =>
      api['versions.sheet']({ version, sheetId: shownSheet, offset, limit: PAGE_ROWS }).catch(() =>
        // A sheet made after the version: show the version's first sheet instead.
        api['versions.sheet']({ version, offset, limit: PAGE_ROWS }),
      ),
    [version, shownSheet, offset, refreshKey],
  );
  const data = page.data;
  return (
    <section className="vs-view" aria-label={`版本 ${version}（只读）`}>
      <header className="vs-banner" role="status">
        <strong>只读：版本 {version}</strong>
        {data && <span>保存于 {localTime(data.version.at)}</span>}
        {data && data.sheets.length > 1 && (
          <select
            aria-label="版本中的工作表"
            value={data.sheet.id}
            onChange={(event) => {
              setShownSheet(Number(event.target.value));
              setOffset(0);
            }}
          >
            {data.sheets.map((sheet) => (
              <option key={sheet.id} value={sheet.id}>
                {sheet.name}
              </option>
            ))}
          </select>
        )}
        <span className="vs-legend">
          <span className="vs-changed">有改动</span> 现已改动 · <span className="vs-deleted-mark">删除线</span> 现已删除
          {data && data.addedSince > 0 && ` · 此后新增 ${data.addedSince} 行`}
        </span>
        <button type="button" onClick={onClose} aria-label="关闭版本">
          关闭
        </button>
      </header>
      <ErrorBanner error={page.error} />
      {data && (
        <>
          <div className="vs-scroll">
            <table className="vs-table">
              <thead>
                <tr>
                  {data.columns.map((column) => (
                    <th key={column.key}>{column.name}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.rowId} className={row.deleted ? 'vs-deleted' : undefined}>
                    {data.columns.map((column) => {
                      const now = row.now[column.key];
                      return (
                        <td
                          key={column.key}
                          className={now !== undefined ? 'vs-changed' : undefined}
                          title={now !== undefined ? `现为：${now || '（空）'}` : undefined}
                        >
                          {row.cells[column.key] ?? ''}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <footer className="vs-pages">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_ROWS))}>
              上一页
            </button>
            <span>
              第 {data.total === 0 ? 0 : offset + 1}–{Math.min(offset + PAGE_ROWS, data.total)} 行，共 {data.total} 行
            </span>
            <button
              type="button"
              disabled={offset + PAGE_ROWS >= data.total}
              onClick={() => setOffset(offset + PAGE_ROWS)}
            >
              下一页
            </button>
          </footer>
        </>
      )}
    </section>
  );
}
