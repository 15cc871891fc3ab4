import { useState } from 'react';
import type { ApiOutput, FactorAllocationSettings, SheetDetail } from '../../../../shared/contract/contract';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useLoad } from '../checks/useLoad';
import '../checks/checks.css';
import './budgets.css';

/**
 * 因素法分配 on the open sheet: the fund, the rounding, the column the shares go into, a weight
 * per factor column, optional 保底 and cap columns. Allocating writes the shares as one undoable
 * action and keeps the settings with the sheet, so a changed factor re-allocates by itself.
 */

export interface FactorAllocationPanelProps {
  sheetId: number;
}

type Run = ApiOutput<'allocation.factors.run'>;

const AMOUNT_TYPES = new Set(['money', 'number']);
const FACTOR_TYPES = new Set(['money', 'number', 'percent']);

/** A saved reference (key or name) as the column's key. */
function keyOf(sheet: SheetDetail, ref: string | null | undefined): string {
  if (!ref) return '';
  return sheet.columns.find((column) => column.key === ref || column.name === ref)?.key ?? '';
}

function FactorForm({ sheet, saved }: { sheet: SheetDetail; saved: FactorAllocationSettings | null }) {
  const amountColumns = sheet.columns.filter((column) => AMOUNT_TYPES.has(column.type));
  const [total, setTotal] = useState(saved?.total ?? '');
  const [unit, setUnit] = useState<'元' | '万元'>(saved?.unit ?? '元');
  const [into, setInto] = useState(keyOf(sheet, saved?.into) || (amountColumns.at(-1)?.key ?? ''));
  const [floor, setFloor] = useState(keyOf(sheet, saved?.floorColumn));
  const [cap, setCap] = useState(keyOf(sheet, saved?.capColumn));
  const [weights, setWeights] = useState<Record<string, string>>(() =>
    Object.fromEntries((saved?.weights ?? []).map(({ column, weight }) => [keyOf(sheet, column), weight])),
  );
  const [result, setResult] = useState<Run | null>(null);
  const [error, setError] = useState<unknown>(null);
  const factors = sheet.columns.filter(
    (column) => FACTOR_TYPES.has(column.type) && column.key !== into && column.key !== floor && column.key !== cap,
  );
  const submit = () => {
    setError(null);
    setResult(null);
    const chosen = factors
      .filter((column) => (weights[column.key] ?? '').trim() !== '')
      .map((column) => ({ column: column.key, weight: weights[column.key]!.trim() }));
    api['allocation.factors.run']({
      sheetId: sheet.id,
      settings: {
        total: total.trim(),
        unit,
        into,
        weights: chosen,
        floorColumn: floor || null,
        capColumn: cap || null,
      },
    }).then(setResult, setError);
  };
  const columnChoice = (value: string, onChange: (key: string) => void, label: string, none: string | null) => (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {none !== null && <option value="">{none}</option>}
        {amountColumns.map((column) => (
          <option key={column.key} value={column.key}>
            {column.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form
      className="spread-tool factor-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label>
        资金总额
        <input value={total} onChange={(event) => setTotal(event.target.value)} placeholder="如 1000万" />
      </label>
      <label>
        取整到
        <select value={unit} onChange={(event) => setUnit(event.target.value as '元' | '万元')}>
          <option value="元">元</option>
          <option value="万元">万元</option>
        </select>
      </label>
      {columnChoice(into, setInto, '写入列', null)}
      {columnChoice(floor, setFloor, '保底列', '（无）')}
      {columnChoice(cap, setCap, '上限列', '（无）')}
      <table className="factor-weights">
        <thead>
          <tr>
            <th>因素</th>
            <th>权重</th>
          </tr>
        </thead>
        <tbody>
          {factors.map((column) => (
            <tr key={column.key}>
              <th scope="row">{column.name}</th>
              <td>
                <input
                  aria-label={`${column.name}的权重`}
                  value={weights[column.key] ?? ''}
                  placeholder="如 50%"
                  onChange={(event) => setWeights({ ...weights, [column.key]: event.target.value })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit">分配</button>
      <ErrorBanner error={error} />
      {result && (
        <div className="factor-result" role="status">
          <p>
            已分配 {result.total}
            {result.unit}，写入“{sheet.columns.find((column) => column.key === into)?.name}”（可撤销）。
          </p>
          <ul>
            {result.rows.map((row) => (
              <li key={row.rowId}>
                {row.label}：{row.share}
                {result.unit}
              </li>
            ))}
          </ul>
          <p className="factor-rule">{result.ruleZh}</p>
        </div>
      )}
    </form>
  );
}

export function FactorAllocationPanel({ sheetId }: FactorAllocationPanelProps) {
  const { data, error } = useLoad(
    () => Promise.all([api['sheet.get']({ sheetId }), api['allocation.factors.get']({ sheetId })]),
    [sheetId],
  );
  if (!data) return <ErrorBanner error={error} />;
  const [sheet, { settings }] = data;
  return (
    <section className="factor-panel" aria-label="因素法分配">
      <header className="panel-header">
        <h2>{sheet.name}：因素法分配</h2>
      </header>
      <FactorForm key={sheet.id} sheet={sheet} saved={settings} />
    </section>
  );
}
