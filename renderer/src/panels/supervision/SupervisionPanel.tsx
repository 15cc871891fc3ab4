import { useEffect, useState } from 'react';
import type { Round, RoundStatus, SheetProgress } from '../../../../shared/contract/calls/supervision';
import { SUPERVISION_STATUS_LABELS, SUPERVISION_STATUSES } from '../../../../shared/rules/supervision/status';
import { api } from '../../data/api';
import { download } from '../../app/files';
import { ErrorBanner } from '../../app/ErrorBanner';
import { showEveryStatus, showRound, toggleShownStatus, useStatusView } from './statusView';
import { ThresholdsForm } from './ThresholdsForm';
import './supervision.css';

export interface SupervisionPanelProps {
  sheetId: number;
  /** Bump to reload (after any change to the plan). */
  refreshKey?: number;
  onGoToRow(sheetId: number, rowId: number, columnKey?: string): void;
}

/**
 * 督查: each row's status (coloured as supervision offices mark them) as of today or as a
 * reporting round gave it, a filter by status, the round's 回收情况 with its late departments
 * (催报), and the 通报 as a PDF.
 */
export function SupervisionPanel({ sheetId, refreshKey = 0, onGoToRow }: SupervisionPanelProps) {
  const [rounds, setRounds] = useState<Round[]>([]);
  // The round and the status filter are the grid's too (its 状态 column): one choice for both.
  const view = useStatusView(sheetId);
  const [progress, setProgress] = useState<SheetProgress | null>(null);
  const [returns, setReturns] = useState<RoundStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const roundId = view.roundId ?? undefined;

  useEffect(() => {
    api['rounds.list']({ sheetId }).then((listed) => setRounds(listed.rounds), setError);
  }, [sheetId, refreshKey]);
  useEffect(() => {
    setError(null);
    api['supervision.progress']({ sheetId, ...(roundId === undefined ? {} : { roundId }) }).then(
      setProgress,
      (failure) => {
        setProgress(null);
        setError(failure);
      },
    );
    if (roundId === undefined) setReturns(null);
    else api['rounds.status']({ roundId }).then(setReturns, setError);
  }, [sheetId, roundId, refreshKey]);

  const report = async (format: 'pdf' | 'docx') => {
    setBusy(true);
    try {
      download(await api['supervision.report']({ sheetId, format, ...(roundId === undefined ? {} : { roundId }) }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const chaseList = async (format: 'pdf' | 'xlsx') => {
    if (roundId === undefined) return;
    setBusy(true);
    try {
      download(await api['rounds.chaseList']({ roundId, format }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const rows = progress?.rows.filter((row) => view.shown.size === 0 || view.shown.has(row.status)) ?? [];
  return (
    <section className="sv-panel" aria-label="督查">
      <div className="sv-bar">
        <label>
          轮次{' '}
          <select
            aria-label="报送轮次"
            value={view.roundId === null ? '' : String(view.roundId)}
            onChange={(event) => showRound(sheetId, event.target.value === '' ? null : Number(event.target.value))}
          >
            <option value="">截至今天（当前数据）</option>
            {rounds.map((round) => (
              <option key={round.id} value={String(round.id)}>
                {round.name}
              </option>
            ))}
          </select>
        </label>
        <span>
          <button type="button" onClick={() => void report('pdf')} disabled={busy || progress === null}>
            {busy ? '正在生成…' : '通报'}
          </button>{' '}
          <button
            type="button"
            title="通报的 Word 版（.docx）"
            onClick={() => void report('docx')}
            disabled={busy || progress === null}
          >
            Word 版
          </button>
        </span>
      </div>
      <ErrorBanner error={error} />
      {progress && (
        <>
          <ThresholdsForm thresholds={progress.thresholds} onError={setError} />
          <p className="sv-muted">
            截至 {progress.asOf}
            {progress.previousRound ? `，对比${progress.previousRound}` : ''}
          </p>
          <div className="sv-counts" role="group" aria-label="按状态筛选">
            {SUPERVISION_STATUSES.map((status) => (
              <button
                key={status}
                type="button"
                className={`sv-chip sv-${status}`}
                aria-pressed={view.shown.has(status)}
                onClick={() => toggleShownStatus(sheetId, status)}
              >
                {SUPERVISION_STATUS_LABELS[status]} {progress.counts[status] ?? 0}
              </button>
            ))}
            {view.shown.size > 0 && (
              <button type="button" className="sv-chip" onClick={() => showEveryStatus(sheetId)}>
                全部
              </button>
            )}
          </div>
          <table className="sv-table">
            <thead>
              <tr>
                <th>序号</th>
                <th>事项</th>
                <th>完成率</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.rowId} onClick={() => onGoToRow(sheetId, row.rowId, progress.columns.rate ?? undefined)}>
                  <td>{row.seq}</td>
                  <td title={row.note}>{row.title}</td>
                  <td className="sv-num">
                    {row.progress === null ? '—' : `${row.progress}%`}
                    {row.previousProgress !== null && (
                      <span className="sv-muted">（上轮 {row.previousProgress}%）</span>
                    )}
                  </td>
                  <td>
                    <span className={`sv-status sv-${row.status}`}>{SUPERVISION_STATUS_LABELS[row.status]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {returns && (
        <div className="sv-returns" aria-label="回收情况">
          <h3>
            回收情况：已报 {returns.departments.filter((department) => department.returned).length}/
            {returns.departments.length}，报送截止 {returns.round.due}
          </h3>
          {returns.departments.length === 0 && <p className="sv-muted">本轮尚未下发。</p>}
          {returns.departments.some((department) => department.late) && (
            <div className="sv-bar">
              <span>催报清单：</span>
              <button type="button" disabled={busy} onClick={() => void chaseList('pdf')}>
                打印页（PDF）
              </button>
              <button type="button" disabled={busy} onClick={() => void chaseList('xlsx')}>
                Excel
              </button>
            </div>
          )}
          <ul>
            {returns.departments.map((department) => (
              <li key={department.department} className={department.late ? 'sv-late' : ''}>
                {department.department}：{department.returned ? '已报' : department.late ? '逾期未报（催报）' : '未报'}
                {department.late && department.contact && <span className="sv-muted">（{department.contact}）</span>}
                {department.late && department.overdueRows.length > 0 && (
                  <span className="sv-muted">
                    {' '}
                    逾期或严重滞后：{department.overdueRows.map((row) => row.seq).join('、')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
