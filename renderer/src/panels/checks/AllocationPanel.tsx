import { useState } from 'react';
import type { AllocationMatrix } from '../../../../shared/contract/calls/checks';
import { CHECK_STATUS_LABELS } from '../../../../shared/contract/calls/checks';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useLoad } from './useLoad';
import './checks.css';

/**
 * An allocation matrix (units or districts × periods) with row, column and grand totals against
 * their targets, reconciled live, and a tool to spread a total over cells — evenly or in
 * proportion to another row or column, in whole units, as one undoable action.
 */

export interface AllocationPanelProps {
  sheetId: number;
  /** Changes after every edit. */
  refreshKey: number;
  /** Called after a spread wrote cells (the plan model has already applied what it changed). */
  onChanged?(): void;
  onGoToRow?(sheetId: number, rowId: number, columnKey?: string): void;
}

type Scope = { kind: 'all' } | { kind: 'row'; rowId: number } | { kind: 'column'; columnKey: string };
type Basis = { kind: 'row'; rowId: number } | { kind: 'column'; columnKey: string };

function targetClass(status: 'pass' | 'fail' | 'none'): string {
  return status === 'none' ? '' : status === 'pass' ? 'target-pass' : 'target-fail';
}

function Target({ target, status }: { target: string | null; status: 'pass' | 'fail' | 'none' }) {
  if (target === null) return null;
  return (
    <span className={`target ${targetClass(status)}`} title={status === 'pass' ? '与目标一致' : '与目标不符'}>
      目标 {target}
    </span>
  );
}

function cellsFor(matrix: AllocationMatrix, scope: Scope): { rowId: number; columnKey: string }[] {
  return matrix.rows
    .filter((row) => scope.kind !== 'row' || row.rowId === scope.rowId)
    .flatMap((row) =>
      matrix.periods
        .filter((period) => scope.kind !== 'column' || period.columnKey === scope.columnKey)
        .map((period) => ({ rowId: row.rowId, columnKey: period.columnKey })),
    );
}

function SpreadTool({ matrix, onDone }: { matrix: AllocationMatrix; onDone(message: string): void }) {
  const [total, setTotal] = useState(matrix.grandTotal.target ?? matrix.grandTotal.total);
  const [mode, setMode] = useState<'even' | 'proportional'>('even');
  const [scope, setScope] = useState<Scope>({ kind: 'all' });
  const [basis, setBasis] = useState<Basis>({ kind: 'column', columnKey: matrix.periods[0]?.columnKey ?? '' });
  const [error, setError] = useState<unknown>(null);
  const scopeValue =
    scope.kind === 'all' ? 'all' : scope.kind === 'row' ? `row:${scope.rowId}` : `column:${scope.columnKey}`;
  const basisValue = basis.kind === 'row' ? `row:${basis.rowId}` : `column:${basis.columnKey}`;
  const parse = (value: string): Scope => {
    const [kind, key = ''] = value.split(':');
    return kind === 'row'
      ? { kind: 'row', rowId: Number(key) }
      : kind === 'column'
        ? { kind: 'column', columnKey: key }
        : { kind: 'all' };
  };
  const submit = () => {
    setError(null);
    const cells = cellsFor(matrix, scope);
    api['allocation.spread']({
      sheetId: matrix.sheetId,
      total: total.trim(),
      mode,
      cells,
      ...(mode === 'proportional'
        ? { basis: basis.kind === 'row' ? { rowId: basis.rowId } : { columnKey: basis.columnKey } }
        : {}),
    }).then((result) => onDone(`已分摊到 ${result.cells.length} 格。${result.ruleZh}`), setError);
  };
  return (
    <form
      className="spread-tool"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label>
        分摊总数
        <input value={total} onChange={(event) => setTotal(event.target.value)} inputMode="decimal" className="short" />
      </label>
      <label>
        范围
        <select value={scopeValue} onChange={(event) => setScope(parse(event.target.value))}>
          <option value="all">全部单元格</option>
          {matrix.rows.map((row) => (
            <option key={row.rowId} value={`row:${row.rowId}`}>
              {row.label}（整行）
            </option>
          ))}
          {matrix.periods.map((period) => (
            <option key={period.columnKey} value={`column:${period.columnKey}`}>
              {period.name}（整列）
            </option>
          ))}
        </select>
      </label>
      <label>
        方式
        <select value={mode} onChange={(event) => setMode(event.target.value as 'even' | 'proportional')}>
          <option value="even">平均分摊</option>
          <option value="proportional">按比例</option>
        </select>
      </label>
      {mode === 'proportional' && (
        <label>
          依据
          <select value={basisValue} onChange={(event) => setBasis(parse(event.target.value) as Basis)}>
            {matrix.periods.map((period) => (
              <option key={period.columnKey} value={`column:${period.columnKey}`}>
                按“{period.name}”列
              </option>
            ))}
            {matrix.rows.map((row) => (
              <option key={row.rowId} value={`row:${row.rowId}`}>
                按“{row.label}”行
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit">分摊</button>
      <ErrorBanner error={error} />
    </form>
  );
}

export function AllocationPanel({ sheetId, refreshKey, onChanged, onGoToRow }: AllocationPanelProps) {
  const { data: matrix, error } = useLoad(() => api['allocation.get']({ sheetId }), [sheetId, refreshKey]);
  const [message, setMessage] = useState<string | null>(null);
  if (!matrix) return <ErrorBanner error={error} />;
  return (
    <section className="allocation-panel" aria-label="分解矩阵">
      <header className="panel-header">
        <h2>{matrix.sheetName}</h2>
        <span className={matrix.reconciled ? 'reconciled yes' : 'reconciled no'}>
          {matrix.reconciled ? '各项合计与目标一致' : '合计与目标不一致'}
        </span>
      </header>
      <ErrorBanner error={error} />
      <table className="allocation-table">
        <thead>
          <tr>
            <th>{matrix.labelColumn?.name ?? ''}</th>
            {matrix.periods.map((period) => (
              <th key={period.columnKey}>{period.name}</th>
            ))}
            <th>合计</th>
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => (
            <tr key={row.rowId}>
              <th scope="row">
                {onGoToRow ? (
                  <button className="check-row-link" onClick={() => onGoToRow(sheetId, row.rowId)}>
                    {row.label}
                  </button>
                ) : (
                  row.label
                )}
              </th>
              {row.cells.map((cell) => (
                <td key={cell.columnKey} className="num">
                  {cell.text}
                </td>
              ))}
              <td className={`num total ${targetClass(row.status)}`}>
                {row.total} <Target target={row.target} status={row.status} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">合计</th>
            {matrix.columnTotals.map((total) => (
              <td key={total.columnKey} className={`num total ${targetClass(total.status)}`}>
                {total.total} <Target target={total.target} status={total.status} />
              </td>
            ))}
            <td className={`num total ${targetClass(matrix.grandTotal.status)}`}>
              {matrix.grandTotal.total} <Target target={matrix.grandTotal.target} status={matrix.grandTotal.status} />
            </td>
          </tr>
        </tfoot>
      </table>
      <ul className="allocation-checks">
        {matrix.checks
          .filter((check) => check.status !== 'pass' || check.kind === 'rule')
          .map((check) => (
            <li key={check.id} className={`check-${check.status}`}>
              <span className="check-status">{CHECK_STATUS_LABELS[check.status]}</span> {check.label}：{check.messageZh}
            </li>
          ))}
      </ul>
      <SpreadTool
        key={`${sheetId}:${matrix.grandTotal.target ?? ''}`}
        matrix={matrix}
        onDone={(text) => {
          setMessage(text);
          onChanged?.();
        }}
      />
      {message && <p className="panel-note">{message}</p>}
    </section>
  );
}
