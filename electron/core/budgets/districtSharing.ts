import type { FactorAllocationSettings } from '../../../shared/contract/calls/budgets';
import { PlanbenchError } from '../../../shared/contract/errors';
import {
  DISTRICT_SHARING_SETTING,
  districtShareColumns,
  districtShareKey,
  SHARING_RULE_KEY,
  SHARING_SPENDING_KEY,
} from '../../../shared/model/budgetSheets';
import { allocateByFactors } from '../../../shared/rules/budgets/factorAllocation';
import { readSharingRule, splitByRule } from '../../../shared/rules/budgets/sharingRule';
import { decimalToFen, fenToDecimal } from '../../../shared/values/money';
import type { ActionOrigin, PlanStore } from '../store/planStore';
import { readWeight, savedFactorSettings } from './factorSheet';
import { columnNamed, factorMatrix, rowLabel, topRows } from './sheetValues';
import { sheetScope } from '../store/settings';

/**
 * 共同财政事权 down to the districts: each item's 区级 part (its rule's split of the spending) is
 * shared among the districts of another sheet (a 资金分配表: one row per district) — by the
 * weighted factors saved with that sheet (因素法), or by one of its columns alone (each district's
 * own amount) — to the 元 by the largest remainder, so each item's district parts add up to its
 * 区级承担 exactly. The result is a matrix sheet item × district, made or made again as one action.
 */

export type DistrictBasis = { kind: 'factors' } | { kind: 'column'; column: string };

export interface DistrictSharingLink {
  sourceSheetId: number;
  districtSheetId: number;
  basis: DistrictBasis;
}

function invalid(zh: string, en: string, sheet: string): PlanbenchError {
  return PlanbenchError.of('invalid_input', zh, en, { sheet });
}

/** The districts and how they weigh: the factor settings of their sheet, or one column. */
function districtWeights(store: PlanStore, districtSheetId: number, basis: DistrictBasis) {
  const sheet = store.getSheet(districtSheetId);
  let weights: FactorAllocationSettings['weights'];
  if (basis.kind === 'column') weights = [{ column: basis.column, weight: '1' }];
  else {
    const saved = savedFactorSettings(store, districtSheetId);
    if (!saved) {
      throw invalid(
        `工作表“${sheet.name}”还没有因素法分配的设置（因素和权重）；请先在其中做一次因素法分配，或用一列（如常住人口）按各区自身数额分担`,
        `sheet "${sheet.name}" has no factor allocation (factors and weights) yet; allocate on it once, or share by one of its columns`,
        sheet.name,
      );
    }
    weights = saved.weights;
  }
  const factors = weights.map(({ column }) => columnNamed(sheet.columns, column, sheet.name));
  const rows = topRows(store, districtSheetId);
  const names = rows.map((row, index) => rowLabel(sheet.columns, row, index + 1));
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) {
    throw invalid(
      `工作表“${sheet.name}”中地区“${duplicate}”出现不止一次`,
      `district "${duplicate}" appears more than once in sheet "${sheet.name}"`,
      sheet.name,
    );
  }
  const values = factorMatrix(rows, factors, names, sheet.name);
  return {
    names,
    factors: values,
    factorNames: factors.map((factor) => factor.name),
    weights: weights.map(({ weight }) => readWeight(weight)!),
  };
}

export interface DistrictItem {
  label: string;
  rule: string;
  districtFen: bigint;
  shares: bigint[];
}

/** Each shareable item's 区级 part split among the districts; the items left out, with why. */
export function computeDistrictShares(store: PlanStore, link: DistrictSharingLink) {
  const source = store.getSheet(link.sourceSheetId);
  const spending = source.columns.find((column) => column.key === SHARING_SPENDING_KEY);
  if (!spending || !source.columns.some((column) => column.key === SHARING_RULE_KEY)) {
    throw invalid(
      `工作表“${source.name}”不是共同财政事权分担表（需要“分担方式”和“支出”列）`,
      `sheet "${source.name}" is not a cost-sharing sheet (it needs 分担方式 and 支出)`,
      source.name,
    );
  }
  const districts = districtWeights(store, link.districtSheetId, link.basis);
  const unit = spending.settings.moneyUnit ?? '万元';
  const items: DistrictItem[] = [];
  const skipped: { label: string; reasonZh: string; reasonEn: string }[] = [];
  topRows(store, link.sourceSheetId).forEach((row, index) => {
    const label = rowLabel(source.columns, row, index + 1);
    const ruleText = row.cells[SHARING_RULE_KEY]?.text ?? '';
    const rule = readSharingRule(ruleText);
    const value = row.cells[SHARING_SPENDING_KEY]?.value;
    const fen = typeof value === 'string' ? decimalToFen(value, unit) : null;
    const skip = (reasonZh: string, reasonEn: string) => skipped.push({ label, reasonZh, reasonEn });
    if (rule.kind !== 'ratio') return skip('没有按比例的分担方式', 'no sharing ratio');
    if (!rule.parts.some(({ level }) => level === '区')) return skip('区级不承担', 'no district part');
    if (fen === null || fen < 0n) return skip('支出未填或未知', 'no spending given');
    const districtFen = splitByRule(fen, rule).get('区') ?? 0n;
    // To the 元, as the levels' split; to the 分 only when the part itself has 分.
    const step = districtFen % 100n === 0n ? 100n : 1n;
    const result = allocateByFactors({
      total: districtFen / step,
      factors: districts.factors,
      weights: districts.weights,
      factorNames: districts.factorNames,
      rowNames: districts.names,
    });
    if (!result.ok) throw invalid(result.reasonZh, result.reasonEn, store.getSheet(link.districtSheetId).name);
    items.push({ label, rule: ruleText, districtFen, shares: result.shares.map((units) => units * step) });
  });
  return { districts: districts.names, items, skipped };
}

/**
 * Make (or make again) the matrix sheet `name` as one undoable action: a sheet of that name made
 * by this before is refilled; any other sheet of that name is refused, never overwritten.
 */
export function writeDistrictShares(store: PlanStore, link: DistrictSharingLink, name: string) {
  const computed = computeDistrictShares(store, link);
  const existing = store.listSheets().find((sheet) => sheet.name === name);
  if (existing && !store.getSetting(sheetScope(existing.id), DISTRICT_SHARING_SETTING)) {
    throw invalid(
      `已有名为“${name}”的工作表，且不是分区承担表；请换一个名称`,
      `a sheet named "${name}" already exists and is not a district-share sheet; choose another name`,
      name,
    );
  }
  const origin: ActionOrigin = { source: 'user', label: `计算“${name}”` };
  const yuan = (fen: bigint) => fenToDecimal(fen, '元');
  const rows = computed.items.map((item, index) => ({
    cells: {
      seq: String(index + 1),
      item: item.label,
      [SHARING_RULE_KEY]: item.rule,
      shareDistrict: yuan(item.districtFen),
      ...Object.fromEntries(item.shares.map((share, at) => [districtShareKey(at), yuan(share)])),
    },
  }));
  const columns = districtShareColumns(computed.districts);
  const { value: sheetId, actionId } = store.inAction(origin, () => {
    let sheetId: number;
    if (existing) {
      sheetId = existing.id;
      const had = store.columns(sheetId).map((column) => column.key);
      const fits = had.length === columns.length && columns.every((column, at) => column.key === had[at]);
      if (!fits) {
        throw invalid(
          `“${name}”的地区列与“${store.getSheet(link.districtSheetId).name}”的地区不再一致；请删除该表或换一个名称后重新计算`,
          `the district columns of "${name}" no longer match the districts; delete it or choose another name`,
          name,
        );
      }
      const old = topRows(store, sheetId).map((row) => row.id);
      if (old.length > 0) store.deleteRows(sheetId, old, origin);
    } else {
      sheetId = store.createSheet({
        name,
        kind: 'budget',
        description: `由“${store.getSheet(link.sourceSheetId).name}”的区级承担按${
          link.basis.kind === 'factors' ? '因素法' : `“${link.basis.column}”`
        }分到各区（最大余额法，到元）`,
        columns,
      });
    }
    if (rows.length > 0) store.insertRows(sheetId, rows, origin);
    store.setSheetSetting(sheetId, DISTRICT_SHARING_SETTING, link, origin);
    return sheetId;
  });
  return { sheetId, actionId, districts: computed.districts, items: computed.items, skipped: computed.skipped };
}
