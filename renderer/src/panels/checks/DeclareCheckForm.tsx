import { useState } from 'react';
import type { AddDeclaredInput } from '../../../../shared/contract/calls/checks';
import type { MoneyUnit } from '../../../../shared/values/money';
import { MONEY_UNITS } from '../../../../shared/values/money';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useLoad } from './useLoad';
import './checks.css';

/**
 * Add a figure the plan text states ("生态安全类24项，投资104.3亿元", "总计30个", "2026年底前
 * 全部完成") as a declared check; the checks panel then compares it with the rows.
 */

export interface DeclareCheckFormProps {
  sheetId: number;
  onAdded(): void;
}

type Kind = Exclude<AddDeclaredInput['kind'], 'rule'> | 'completeBy' | 'sceneShareMin';

const KINDS: readonly [Kind, string][] = [
  ['rowCount', '项数'],
  ['columnTotal', '列合计'],
  ['categoryTotal', '某一大类的项数和金额'],
  ['allocationRowTotal', '分解表：某行合计'],
  ['allocationColumnTotal', '分解表：某列合计'],
  ['allocationGrandTotal', '分解表：总计'],
  ['completeBy', '规则：期限前全部完成'],
  ['sceneShareMin', '规则：若干行合计比重不低于'],
];

export function DeclareCheckForm({ sheetId, onAdded }: DeclareCheckFormProps) {
  const sheet = useLoad(() => api['sheet.get']({ sheetId }), [sheetId]);
  const [kind, setKind] = useState<Kind>('columnTotal');
  const [column, setColumn] = useState('');
  const [expected, setExpected] = useState('');
  const [unit, setUnit] = useState<MoneyUnit | ''>('');
  const [approximate, setApproximate] = useState(false);
  const [category, setCategory] = useState('');
  const [count, setCount] = useState('');
  const [label, setLabel] = useState('');
  const [source, setSource] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const columns = sheet.data?.columns ?? [];
  const numeric = columns.filter((candidate) => candidate.type === 'money' || candidate.type === 'number');
  const columnKey = column || numeric[0]?.key || '';
  const decimals = expected.includes('.') ? expected.split('.')[1]!.length : 0;

  const input = (): AddDeclaredInput => {
    const common = {
      sheetId,
      ...(label.trim() ? { label: label.trim() } : {}),
      ...(source.trim() ? { source: source.trim() } : {}),
    };
    const money = unit ? { unit } : {};
    switch (kind) {
      case 'rowCount':
        return { ...common, kind, spec: { expected: Number(expected) } };
      case 'columnTotal':
        return {
          ...common,
          kind,
          spec: { column: columnKey, expected, ...money, ...(approximate ? { approximate: true, decimals } : {}) },
        };
      case 'categoryTotal':
        return {
          ...common,
          kind,
          spec: {
            column: columnKey,
            category,
            ...(count ? { count: Number(count) } : {}),
            ...(expected ? { amount: expected, ...money, decimals } : {}),
          },
        };
      case 'allocationRowTotal':
        return { ...common, kind, spec: { district: category, expected } };
      case 'allocationColumnTotal':
        return { ...common, kind, spec: { column: columnKey, expected } };
      case 'allocationGrandTotal':
        return { ...common, kind, spec: { expected } };
      case 'completeBy':
        return { ...common, kind: 'rule', spec: { rule: 'completeBy', deadline: expected } };
      case 'sceneShareMin':
        return {
          ...common,
          kind: 'rule',
          spec: {
            rule: 'sceneShareMin',
            scenes: category
              .split(/[、,，]/)
              .map((scene) => scene.trim())
              .filter(Boolean),
            minShare: Number(expected) / 100,
          },
        };
      default:
        throw new Error(`unknown kind ${String(kind)}`);
    }
  };

  const submit = () => {
    setError(null);
    setDone(null);
    api['checks.addDeclared'](input()).then((result) => {
      setDone(`已添加：${result.check.label}`);
      onAdded();
    }, setError);
  };

  const needsColumn = kind === 'columnTotal' || kind === 'categoryTotal' || kind === 'allocationColumnTotal';
  const needsName = kind === 'categoryTotal' || kind === 'allocationRowTotal' || kind === 'sceneShareMin';
  const figureLabel =
    kind === 'completeBy'
      ? '期限（YYYY-MM-DD）'
      : kind === 'sceneShareMin'
        ? '最低比重（%）'
        : kind === 'categoryTotal'
          ? '金额（可空）'
          : '声明的数';

  return (
    <form
      className="declare-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label>
        类型
        <select value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
          {KINDS.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      {needsColumn && (
        <label>
          列
          <select value={columnKey} onChange={(event) => setColumn(event.target.value)}>
            {numeric.map((candidate) => (
              <option key={candidate.key} value={candidate.key}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {needsName && (
        <label>
          {kind === 'categoryTotal'
            ? '大类'
            : kind === 'allocationRowTotal'
              ? '行（地区/单位）'
              : '行或类别（用顿号分隔）'}
          <input value={category} onChange={(event) => setCategory(event.target.value)} />
        </label>
      )}
      {kind === 'categoryTotal' && (
        <label>
          项数
          <input
            value={count}
            onChange={(event) => setCount(event.target.value)}
            inputMode="numeric"
            className="short"
          />
        </label>
      )}
      <label>
        {figureLabel}
        <input value={expected} onChange={(event) => setExpected(event.target.value)} />
      </label>
      {(kind === 'columnTotal' || kind === 'categoryTotal') && (
        <>
          <label>
            单位
            <select value={unit} onChange={(event) => setUnit(event.target.value as MoneyUnit | '')}>
              <option value="">（列的单位）</option>
              {MONEY_UNITS.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {candidate}
                </option>
              ))}
            </select>
          </label>
          {kind === 'columnTotal' && (
            <label>
              <input type="checkbox" checked={approximate} onChange={(event) => setApproximate(event.target.checked)} />
              约（四舍五入的数）
            </label>
          )}
        </>
      )}
      <label>
        说明
        <input value={label} onChange={(event) => setLabel(event.target.value)} placeholder="可空，自动生成" />
      </label>
      <label>
        出处
        <input value={source} onChange={(event) => setSource(event.target.value)} placeholder="文件、页码或原文" />
      </label>
      <button type="submit">添加检查</button>
      {done && <span className="panel-done">{done}</span>}
      <ErrorBanner error={sheet.error ?? error} />
    </form>
  );
}
