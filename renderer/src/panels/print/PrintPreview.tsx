import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PrintOptions } from '../../../../shared/contract/calls/printing';
import type { ApiOutput } from '../../../../shared/contract/contract';
import { api } from '../../data/api';
import { download } from '../../app/files';
import { useEscape } from '../../app/useEscape';
import { ErrorBanner } from '../../app/ErrorBanner';
import { PrintOptionsPanel } from './PrintOptionsPanel';
import './printPreview.css';

/**
 * Print preview of one sheet: the pages exactly as they print (the same HTML the PDF is made
 * from, shown in a sandboxed frame that runs no script), the print setup beside them, and
 * Export PDF — plus Print, which opens the system dialog, in the desktop app.
 */

export interface PrintPreviewProps {
  sheetId: number;
  onClose(): void;
}

type Setup = ApiOutput<'print.options.get'>;
type Preview = ApiOutput<'print.preview'>;

const ZOOMS = [0.5, 0.75, 1, 1.25] as const;
/** Options changes are previewed after a short pause, not on every keystroke. */
const PREVIEW_DELAY_MS = 350;

export function PrintPreview({ sheetId, onClose }: PrintPreviewProps) {
  const [setup, setSetup] = useState<Setup | null>(null);
  const [options, setOptions] = useState<PrintOptions | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [busy, setBusy] = useState<'pdf' | 'print' | 'save' | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [zoom, setZoom] = useState<number>(0.75);
  const [dirty, setDirty] = useState(false);
  const request = useRef(0);

  useEffect(() => {
    api['print.options.get']({ sheetId }).then((loaded) => {
      setSetup(loaded);
      setOptions(loaded.options);
    }, setError);
  }, [sheetId]);

  // Preview the current setup; a slower, older answer never replaces a newer one.
  useEffect(() => {
    if (!options) return;
    const ticket = ++request.current;
    setPreviewing(true);
    const timer = window.setTimeout(() => {
      api['print.preview']({ sheetId, options: complete(options) }).then(
        (result) => {
          if (ticket !== request.current) return;
          setPreview(result);
          setError(null);
          setPreviewing(false);
        },
        (failure: unknown) => {
          if (ticket !== request.current) return;
          setError(failure);
          setPreviewing(false);
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [sheetId, options]);

  useEscape(onClose);

  const change = useCallback((next: PrintOptions) => {
    setOptions(next);
    setDirty(true);
  }, []);

  /** The setup is saved with the sheet whenever it is used for a PDF or a print, and on request. */
  const save = useCallback(
    async (current: PrintOptions) => {
      await api['print.options.save']({ sheetId, options: complete(current) });
      setDirty(false);
    },
    [sheetId],
  );

  const run = useCallback(
    async (kind: 'pdf' | 'print' | 'save') => {
      if (!options) return;
      setBusy(kind);
      setError(null);
      try {
        await save(options);
        if (kind === 'pdf') {
          const pdf = await api['print.pdf']({ sheetId, options: complete(options) });
          download(pdf);
          setStatus(`已导出 ${pdf.fileName}（${pdf.pages} 页）`);
        } else if (kind === 'print') {
          const result = await api['print.system']({ sheetId, options: complete(options) });
          setStatus(result.printed ? `已发送到打印机（${result.pages} 页）` : '已取消打印');
        } else {
          setStatus('打印设置已随工作表保存');
        }
      } catch (failure) {
        setError(failure);
      } finally {
        setBusy(null);
      }
    },
    [options, save, sheetId],
  );

  const frameDocument = useMemo(() => (preview ? withZoom(preview.html, zoom) : ''), [preview, zoom]);
  const desktop = typeof window.planbench !== 'undefined';

  return (
    <div className="print-preview" role="dialog" aria-modal="true" aria-label="打印预览">
      <header className="print-preview-bar">
        <h2>打印预览</h2>
        <span className="print-preview-info">
          {preview ? `${preview.pages} 页 · ${preview.rows} 行` : ''}
          {previewing ? ' · 正在排版…' : ''}
        </span>
        <label>
          缩放
          <select value={zoom} onChange={(event) => setZoom(Number(event.target.value))}>
            {ZOOMS.map((value) => (
              <option key={value} value={value}>
                {Math.round(value * 100)}%
              </option>
            ))}
          </select>
        </label>
        <span className="print-preview-status">{status}</span>
        <button type="button" disabled={!options || busy !== null || !dirty} onClick={() => void run('save')}>
          保存设置
        </button>
        <button type="button" className="primary" disabled={!options || busy !== null} onClick={() => void run('pdf')}>
          {busy === 'pdf' ? '正在导出…' : '导出 PDF'}
        </button>
        {desktop && (
          <button
            type="button"
            className="primary"
            disabled={!options || busy !== null}
            onClick={() => void run('print')}
          >
            {busy === 'print' ? '正在打印…' : '打印…'}
          </button>
        )}
        <button type="button" onClick={onClose} title="关闭（Esc）">
          关闭
        </button>
      </header>
      <ErrorBanner error={error} />
      <div className="print-preview-body">
        {setup && options && (
          <PrintOptionsPanel
            options={options}
            columns={setup.columns}
            planDocNumber={setup.planDocNumber}
            onChange={change}
          />
        )}
        <div className="print-preview-pages">
          {preview && preview.warnings.length > 0 && (
            <ul className="print-warnings">
              {preview.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          {preview ? (
            // sandbox="" : the pages run no script and reach nothing; they only show.
            <iframe className="print-frame" title="打印页面" sandbox="" srcDoc={frameDocument} />
          ) : (
            <div className="loading">正在排版…</div>
          )}
        </div>
      </div>
    </div>
  );
}

/** The setup as the API takes it: a filter whose values are not chosen yet filters nothing. */
function complete(options: PrintOptions): PrintOptions {
  return { ...options, filters: options.filters.filter((filter) => filter.values.length > 0) };
}

/** The pages at a zoom: a style added to the document's head (its CSP allows inline styles). */
function withZoom(html: string, zoom: number): string {
  return html.replace('</head>', `<style>html { zoom: ${zoom}; }</style></head>`);
}
