import { useState } from 'react';
import { describeError, PlanbenchError } from '../../../../shared/contract/errors';
import { api } from '../../data/api';
import { download } from '../../app/files';
import '../exchange/exchange.css';

/**
 * 导出 Word: downloads the sheet as a Word attachment table (.docx) — 附件1, the title, the
 * header repeated on every page — with the columns, rows and title of the sheet's print setup.
 */
export function ExportWordButton({ sheetId }: { sheetId: number }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      download(await api['export.word']({ sheetId }));
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
        title="导出为 Word 附件表格（.docx）：附件1、标题，表头每页重复，行不跨页；列与标题按打印设置"
      >
        {busy ? '正在导出…' : '导出 Word'}
      </button>
      {error && (
        <span className="xc-inline-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
