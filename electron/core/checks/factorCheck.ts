import type { CheckResult } from '../../../shared/contract/calls/checks';
import { PlanbenchError } from '../../../shared/contract/errors';
import { computeFactorAllocation, savedFactorSettings } from '../budgets/factorSheet';
import type { PlanStore } from '../store/planStore';
import { makeResult, rowLabel, rowRefs } from './results';
import type { SheetState } from './snapshot';

/**
 * A sheet that keeps a factor allocation (因素法): are the shares in it still what its factors
 * give? A changed factor re-allocates by itself, so a difference means a share was typed over or
 * the factors can no longer be allocated (a factor cleared, weights off): said, never hidden.
 */
export function factorAllocationResults(store: PlanStore, sheet: SheetState): CheckResult[] {
  const settings = savedFactorSettings(store, sheet.info.id);
  if (!settings) return [];
  const base = {
    id: `factorAllocation:${sheet.info.id}`,
    kind: 'factorAllocation' as const,
    label: '分配额与因素法计算结果一致',
    sheetId: sheet.info.id,
  };
  let edits: { rowId: number; columnKey: string; text: string }[];
  try {
    edits = computeFactorAllocation(store, sheet.info.id, settings).edits;
  } catch (error) {
    if (!(error instanceof PlanbenchError)) throw error;
    return [
      makeResult({
        ...base,
        status: 'fail',
        messageZh: `因素法分配无法计算：${error.body.messageZh}`,
        messageEn: `the factor allocation cannot be computed: ${error.body.messageEn}`,
      }),
    ];
  }
  const off = edits.filter((edit) => {
    const value = sheet.rows.get(edit.rowId)?.cells[edit.columnKey]?.value;
    return (value === null || value === undefined ? '' : String(value)) !== edit.text;
  });
  const ids = off.map((edit) => edit.rowId);
  const listed = ids
    .slice(0, 5)
    .map((id) => rowLabel(sheet, id))
    .join('、');
  return [
    makeResult({
      ...base,
      status: off.length ? 'fail' : 'pass',
      computed: String(off.length),
      unit: '行',
      messageZh: off.length
        ? `${off.length} 行的分配额与按因素法计算的结果不符（可能被手工改动）：${listed}${ids.length > 5 ? '…' : ''}；重新分配即可更正`
        : `分配额均为按因素法（资金总额 ${settings.total}）计算的结果`,
      messageEn: off.length
        ? `${off.length} rows' shares differ from the factor method's (typed over?); allocate again to correct them`
        : `every share is the factor method's (total ${settings.total})`,
      ...rowRefs(sheet, ids, off[0]?.columnKey),
    }),
  ];
}
