import { useState } from 'react';
import { describeError, PlanbenchError } from '../../../../shared/contract/errors';
import { api } from '../../data/api';
import { download } from '../../app/files';
import './exchange.css';

export interface ExportButtonProps {
  /** The sheet to export; null exports the whole plan (one worksheet per sheet). */
  sheetId: number | null;
  /** Button text; defaults to 导出 Excel / 导出整个规划. */
  label?: string;
  /** Protect the exported sheets against edits (no password). */
  protect?: boolean;
}

/** Downloads the sheet (or the plan) as a formatted .xlsx. */
export function ExportButton({ sheetId, label, protect = false }: ExportButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api['export.sheet']({
        ...(sheetId === null ? {} : { sheetId }),
        options: { protect, totals: true },
      });
      download(result);
    } catch (failure) {
      setError(failure instanceof PlanbenchError ? describeError(failure.body) : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="xc-export">
      <button
        type="button"
        onClick={run}
        disabled={busy}
        title="导出为 Excel 工作簿（.xlsx），含标题、表头、合计行和打印设置"
      >
        {busy ? '正在导出…' : (label ?? (sheetId === null ? '导出整个规划' : '导出 Excel'))}
      </button>
      {error && (
        <span className="xc-inline-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
