import { useState } from 'react';
import type { ApiOutput, FactorAllocationSettings, SheetDetail } from '../../../../shared/contract/contract';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useLoad } from '../checks/useLoad';
import '../checks/checks.css';
import { isDistrictShareKey, SHARING_RULE_KEY, SHARING_SPENDING_KEY } from '../../../../shared/model/budgetSheets';
import { DistrictSharingForm } from './DistrictSharingForm';
import './budgets.css';

/**
 * 因素法分配 on the open sheet: the fund, the rounding, the column the shares go into, a weight
 * per factor column, optional 保底 and cap columns. Allocating writes the shares as one undoable
 * action and keeps the settings with the sheet, so a changed factor re-allocates by itself.
 */

export interface FactorAllocationPanelProps {
  sheetId: number;
  /** Bumped after every change to the plan: an undo or another window may have changed the settings. */
  refreshKey?: number;
  onSheetCreated?: (sheetId: number) => void;
}

type Run = ApiOutput<'allocation.factors.run'>;

const AMOUNT_TYPES = new Set(['money', 'number']);
const FACTOR_TYPES = new Set(['money', 'number', 'percent']);

/** A saved reference (key or name) as the column's key. */
function keyOf(sheet: SheetDetail, ref: string | null | undefined): string {
  if (!ref) return '';
  return sheet.columns.find((column) => column.key === ref || column.name === ref)?.key ?? '';
}

/** Settings compared by what they say (the plan returns them in its own key order). */
function settingsKey(settings: FactorAllocationSettings | null): string {
  if (!settings) return '';
  const { total, unit, into, weights, floorColumn, capColumn } = settings;
  return JSON.stringify([
    total,
    unit,
    into,
    weights.map(({ column, weight }) => [column, weight]),
    floorColumn,
    capColumn,
  ]);
}

function FactorForm({ sheet, saved }: { sheet: SheetDetail; saved: FactorAllocationSettings | null }) {
  const amountColumns = sheet.columns.filter((column) => AMOUNT_TYPES.has(column.type));
  const fields = (from: FactorAllocationSettings | null) => ({
    total: from?.total ?? '',
    unit: from?.unit ?? ('元' as const),
    into: keyOf(sheet, from?.into) || (amountColumns.at(-1)?.key ?? ''),
    floor: keyOf(sheet, from?.floorColumn),
    cap: keyOf(sheet, from?.capColumn),
    weights: Object.fromEntries((from?.weights ?? []).map(({ column, weight }) => [keyOf(sheet, column), weight])),
  });
  const [total, setTotal] = useState(() => fields(saved).total);
  const [unit, setUnit] = useState<'元' | '万元'>(() => fields(saved).unit);
  const [into, setInto] = useState(() => fields(saved).into);
  const [floor, setFloor] = useState(() => fields(saved).floor);
  const [cap, setCap] = useState(() => fields(saved).cap);
  const [weights, setWeights] = useState<Record<string, string>>(() => fields(saved).weights);
  const [result, setResult] = useState<Run | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [submitted, setSubmitted] = useState('');
  // The settings are in the change log: after an undo or a colleague's allocation the form shows
  // them anew (and an earlier result that is no longer in force goes).
  const [shownKey, setShownKey] = useState(() => settingsKey(saved));
  if (shownKey !== settingsKey(saved)) {
    setShownKey(settingsKey(saved));
    const next = fields(saved);
    setTotal(next.total);
    setUnit(next.unit);
    setInto(next.into);
    setFloor(next.floor);
    setCap(next.cap);
    setWeights(next.weights);
    if (submitted !== settingsKey(saved)) setResult(null);
  }
  const factors = sheet.columns.filter(
    (column) => FACTOR_TYPES.has(column.type) && column.key !== into && column.key !== floor && column.key !== cap,
  );
  const submit = () => {
    setError(null);
    setResult(null);
    const chosen = factors
      .filter((column) => (weights[column.key] ?? '').trim() !== '')
      .map((column) => ({ column: column.key, weight: weights[column.key]!.trim() }));
    const settings = {
      total: total.trim(),
      unit,
      into,
      weights: chosen,
      floorColumn: floor || null,
      capColumn: cap || null,
    };
    setSubmitted(settingsKey(settings));
    api['allocation.factors.run']({ sheetId: sheet.id, settings }).then(setResult, setError);
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

/** A 共同财政事权 sheet: its items' 区级 parts go to the districts rather than a fund to its rows. */
const isCostSharing = (sheet: SheetDetail) =>
  [SHARING_RULE_KEY, SHARING_SPENDING_KEY].every((key) => sheet.columns.some((column) => column.key === key));

export function FactorAllocationPanel({ sheetId, refreshKey, onSheetCreated }: FactorAllocationPanelProps) {
  const { data, error } = useLoad(
    () => Promise.all([api['sheet.get']({ sheetId }), api['allocation.factors.get']({ sheetId })]),
    [sheetId, refreshKey],
  );
  if (!data) return <ErrorBanner error={error} />;
  const [sheet, { settings }] = data;
  return (
    <section className="factor-panel" aria-label="因素法分配">
      <header className="panel-header">
        <h2>
          {sheet.name}：{isCostSharing(sheet) ? '区级承担分到各区' : '因素法分配'}
        </h2>
      </header>
      {sheet.columns.some((column) => isDistrictShareKey(column.key)) ? (
        <p className="factor-rule" role="note">
          此表由共同财政事权表“区级承担分到各区”生成（最大余额法，到元）。支出或分担方式改动后，在该表的本面板中再算一次，此表即按新数重新填写。
        </p>
      ) : isCostSharing(sheet) ? (
        <DistrictSharingForm sheet={sheet} onSheetCreated={onSheetCreated} />
      ) : (
        <FactorForm key={sheet.id} sheet={sheet} saved={settings} />
      )}
    </section>
  );
}
