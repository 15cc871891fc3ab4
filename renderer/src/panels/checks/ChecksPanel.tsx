import { useMemo, useState } from 'react';
import type { CheckResult, CheckStatus } from '../../../../shared/contract/calls/checks';
import { CHECK_STATUS_LABELS } from '../../../../shared/contract/calls/checks';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { groupThousands, signedText } from './format';
import { useLoad } from './useLoad';
import './checks.css';

/**
 * The checks panel: every failing check first, with what was stated, what the rows give, the
 * exact difference and the rows involved (click one to go there). It re-runs whenever
 * `refreshKey` changes — the host bumps it after every edit — without blocking typing: the
 * previous list stays until the new one arrives.
 */

export interface ChecksPanelProps {
  /** Sheets whose checks to list; every sheet (and plan-wide checks) when absent. */
  sheetIds?: readonly number[];
  onGoToRow(sheetId: number, rowId: number, columnKey?: string): void;
  /** Changes after every edit, so the checks run again. */
  refreshKey: number;
}

const ORDER: readonly CheckStatus[] = ['fail', 'warn', 'notEvaluable', 'info', 'pass'];
const SHOWN_BY_DEFAULT: ReadonlySet<CheckStatus> = new Set(['fail', 'warn', 'notEvaluable']);
const ROWS_SHOWN = 8;

function Figures({ result }: { result: CheckResult }) {
  if (result.expected === null && result.computed === null) return null;
  const unit = result.unit ?? '';
  const figure = (text: string) => (/^-?\d+(\.\d+)?$/.test(text) ? `${groupThousands(text)}${unit}` : text);
  return (
    <div className="check-figures">
      {result.expected !== null && (
        <span>
          {result.kind === 'indicatorStatus' ? '记录' : '声明'} <b>{figure(result.expected)}</b>
        </span>
      )}
      {result.computed !== null && (
        <span>
          计算 <b>{figure(result.computed)}</b>
        </span>
      )}
      {result.difference !== null && result.difference !== '0' && (
        <span className={result.match === 'rounded' ? 'check-diff rounded' : 'check-diff'}>
          差 {signedText(result.difference)}
          {unit}
          {result.match === 'rounded' && '（四舍五入后相符）'}
        </span>
      )}
    </div>
  );
}

function CheckItem({
  result,
  sheetNames,
  onGoToRow,
}: {
  result: CheckResult;
  sheetNames: ReadonlyMap<number, string>;
  onGoToRow: ChecksPanelProps['onGoToRow'];
}) {
  const [allRows, setAllRows] = useState(false);
  const rows = allRows ? result.rows : result.rows.slice(0, ROWS_SHOWN);
  const hidden = result.rows.length - rows.length + result.rowsOmitted;
  return (
    <li className={`check check-${result.status}`} data-check-id={result.id}>
      <div className="check-head">
        <span className="check-status">{CHECK_STATUS_LABELS[result.status]}</span>
        <span className="check-label">{result.label}</span>
        {result.sheetId !== null && <span className="check-sheet">{sheetNames.get(result.sheetId)}</span>}
      </div>
      <div className="check-message">{result.messageZh}</div>
      <Figures result={result} />
      {rows.length > 0 && (
        <div className="check-rows">
          {rows.map((row) => (
            <button
              key={`${row.rowId}:${row.columnKey ?? ''}`}
              className="check-row-link"
              title={`转到 ${sheetNames.get(row.sheetId) ?? ''} 第 ${row.rowNumber} 行`}
              onClick={() => onGoToRow(row.sheetId, row.rowId, row.columnKey)}
            >
              第{row.rowNumber}行{row.label ? ` ${row.label}` : ''}
            </button>
          ))}
          {hidden > 0 &&
            (result.rows.length > rows.length ? (
              <button className="check-more" onClick={() => setAllRows(true)}>
                另有 {hidden} 行…
              </button>
            ) : (
              <span className="check-more">另有 {hidden} 行</span>
            ))}
        </div>
      )}
      {result.source && (
        <details className="check-source">
          <summary>出处</summary>
          {result.source}
        </details>
      )}
    </li>
  );
}

export function ChecksPanel({ sheetIds, onGoToRow, refreshKey }: ChecksPanelProps) {
  const only = sheetIds?.length === 1 ? sheetIds[0] : undefined;
  const { data, error, loading } = useLoad(
    () => Promise.all([api['checks.run'](only === undefined ? {} : { sheetId: only }), api['plan.get']({})]),
    [refreshKey, only],
  );
  const [shown, setShown] = useState<ReadonlySet<CheckStatus>>(SHOWN_BY_DEFAULT);
  const wanted = useMemo(() => (sheetIds ? new Set(sheetIds) : null), [sheetIds]);
  const results = useMemo(
    () =>
      (data?.[0].results ?? []).filter((result) => !wanted || (result.sheetId !== null && wanted.has(result.sheetId))),
    [data, wanted],
  );
  const sheetNames = useMemo(() => new Map((data?.[1].sheets ?? []).map((sheet) => [sheet.id, sheet.name])), [data]);
  const counts = useMemo(() => {
    const tally = new Map<CheckStatus, number>();
    for (const result of results) tally.set(result.status, (tally.get(result.status) ?? 0) + 1);
    return tally;
  }, [results]);
  const toggle = (status: CheckStatus) =>
    setShown((current) => {
      const next = new Set(current);
      if (next.has(status)) next.delete(status);
      else next.add(status);
      return next;
    });
  const visible = ORDER.flatMap((status) =>
    shown.has(status) ? results.filter((result) => result.status === status) : [],
  );

  return (
    <section className="checks-panel" aria-label="检查" aria-busy={loading}>
      <header className="checks-header">
        <h2>检查</h2>
        <div className="checks-filters" role="group" aria-label="按结果筛选">
          {ORDER.map((status) => (
            <button
              key={status}
              className={`checks-filter check-${status}${shown.has(status) ? ' on' : ''}`}
              aria-pressed={shown.has(status)}
              onClick={() => toggle(status)}
            >
              {CHECK_STATUS_LABELS[status]} <span className="checks-count">{counts.get(status) ?? 0}</span>
            </button>
          ))}
        </div>
        {loading && <span className="checks-loading">检查中…</span>}
      </header>
      <ErrorBanner error={error} />
      {data && visible.length === 0 && (
        <p className="checks-empty">
          {(counts.get('fail') ?? 0) === 0 ? '没有未通过的检查。' : '所选类别下没有检查。'}
        </p>
      )}
      <ul className="checks-list">
        {visible.map((result) => (
          <CheckItem key={result.id} result={result} sheetNames={sheetNames} onGoToRow={onGoToRow} />
        ))}
      </ul>
    </section>
  );
}
