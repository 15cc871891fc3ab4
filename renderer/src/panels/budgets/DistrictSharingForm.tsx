import { useState } from 'react';
import type { ApiOutput, SheetDetail } from '../../../../shared/contract/contract';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useLoad } from '../checks/useLoad';

/**
 * 共同财政事权 down to the districts, from a cost-sharing sheet: pick the sheet of districts (a
 * 资金分配表) and how they weigh — its saved 因素法 weights, or one of its columns (each district's
 * own amount) — and the workbench makes the matrix item × district (one undoable action).
 */

type Result = ApiOutput<'costSharing.districts'>;

const FACTORS = '';
const NUMERIC = new Set(['money', 'number', 'percent']);

export function DistrictSharingForm({
  sheet,
  onSheetCreated,
}: {
  sheet: SheetDetail;
  onSheetCreated?: (sheetId: number) => void;
}) {
  // Sheets of districts: those with a factor allocation (a 资金分配表) first, then allocation matrices.
  const plan = useLoad(async () => {
    const { sheets } = await api['plan.get']({});
    const others = sheets.filter(
      (other) => other.id !== sheet.id && (other.kind === 'allocation' || other.kind === 'budget'),
    );
    const saved = await Promise.all(
      others.map(async (other) => (await api['allocation.factors.get']({ sheetId: other.id })).settings !== null),
    );
    return [
      ...others.filter((_, at) => saved[at]),
      ...others.filter((other, at) => !saved[at] && other.kind === 'allocation'),
    ];
  }, []);
  const candidates = plan.data ?? [];
  const [chosen, setChosen] = useState<number | null>(null);
  const districtSheetId = chosen ?? candidates[0]?.id ?? null;
  const districts = useLoad(
    () => (districtSheetId === null ? Promise.resolve(null) : api['sheet.get']({ sheetId: districtSheetId })),
    [districtSheetId],
  );
  const [basis, setBasis] = useState(FACTORS);
  const [name, setName] = useState(`${sheet.name}分区承担`);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = () => {
    if (districtSheetId === null) return;
    setError(null);
    setResult(null);
    api['costSharing.districts']({
      sheetId: sheet.id,
      districtSheetId,
      by: basis === FACTORS ? { kind: 'factors' } : { kind: 'column', column: basis },
      name: name.trim(),
    }).then(setResult, setError);
  };
  const columns = (districts.data?.columns ?? []).filter((column) => NUMERIC.has(column.type));
  return (
    <form
      className="spread-tool factor-form"
      aria-label="分区承担"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <p className="factor-rule">把每个事项的区级承担分到各地区（最大余额法，到元），生成“事项×地区”表。</p>
      <label>
        地区表
        <select value={districtSheetId ?? ''} onChange={(event) => setChosen(Number(event.target.value))}>
          {candidates.map((other) => (
            <option key={other.id} value={other.id}>
              {other.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        分配依据
        <select value={basis} onChange={(event) => setBasis(event.target.value)}>
          <option value={FACTORS}>该表的因素法权重</option>
          {columns.map((column) => (
            <option key={column.key} value={column.key}>
              按“{column.name}”
            </option>
          ))}
        </select>
      </label>
      <label>
        生成表名
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <button type="submit" disabled={districtSheetId === null}>
        分到各区
      </button>
      <ErrorBanner error={error ?? plan.error} />
      {result && (
        <div className="factor-result" role="status">
          <p>
            已生成“{name.trim()}”：{result.items.length} 项 × {result.districts.length} 个地区（可撤销）。
          </p>
          {result.skipped.length > 0 && (
            <p className="factor-rule">
              {result.skipped.length} 项未分：
              {result.skipped
                .slice(0, 5)
                .map((item) => `${item.label}（${item.reasonZh}）`)
                .join('；')}
              {result.skipped.length > 5 ? '……' : ''}
            </p>
          )}
          {onSheetCreated && (
            <button type="button" onClick={() => onSheetCreated(result.sheetId)}>
              打开该表
            </button>
          )}
        </div>
      )}
    </form>
  );
}
