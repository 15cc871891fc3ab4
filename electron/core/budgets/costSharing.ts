import { SHARING_LEVELS, readSharingRule, splitByRule } from '../../../shared/rules/budgets/sharingRule';
import { SHARING_RULE_KEY, SHARING_SPENDING_KEY } from '../../../shared/model/budgetSheets';
import { PlanbenchError } from '../../../shared/contract/errors';
import { decimalToFen, fenToDecimal } from '../../../shared/values/money';
import type { PlanStore } from '../store/planStore';
import { rowLabel, topRows } from './sheetValues';

/**
 * Splitting each 共同财政事权 item's spending into the levels' shares by its rule, to the 元 by
 * the largest remainder, written as one undoable action. Items without a rule, with an unreadable
 * one, under 因素法 (allocated on a factor sheet instead) or without a spending are left alone and
 * listed with the reason.
 */
export function applyCostSharing(store: PlanStore, sheetId: number) {
  const { name: sheet, columns } = store.getSheet(sheetId);
  const spending = columns.find((column) => column.key === SHARING_SPENDING_KEY);
  const ruleColumn = columns.find((column) => column.key === SHARING_RULE_KEY);
  const levelColumns = SHARING_LEVELS.filter((level) => columns.some((column) => column.key === level.key));
  if (!spending || !ruleColumn || levelColumns.length === 0) {
    throw PlanbenchError.of(
      'invalid_input',
      `工作表“${sheet}”不是共同财政事权分担表（需要“分担方式”“支出”和各级承担列）`,
      `sheet "${sheet}" is not a cost-sharing sheet (it needs 分担方式, 支出 and the levels' share columns)`,
      { sheet },
    );
  }
  const unit = spending.settings.moneyUnit ?? '万元';
  const edits: { rowId: number; columnKey: string; text: string }[] = [];
  const skipped: { rowId: number; label: string; reasonZh: string; reasonEn: string }[] = [];
  let split = 0;
  topRows(store, sheetId).forEach((row, index) => {
    const label = rowLabel(columns, row, index + 1);
    const skip = (reasonZh: string, reasonEn: string) => skipped.push({ rowId: row.id, label, reasonZh, reasonEn });
    const rule = readSharingRule(row.cells[SHARING_RULE_KEY]?.text ?? '');
    if (rule.kind === 'none') return skip('未填分担方式', 'no sharing rule');
    if (rule.kind === 'invalid') return skip(rule.reasonZh, rule.reasonEn);
    if (rule.kind === 'factor') return skip('因素法：在资金分配表中分配', 'factor method: allocated on a factor sheet');
    const value = row.cells[SHARING_SPENDING_KEY]?.value;
    const fen = typeof value === 'string' ? decimalToFen(value, unit) : null;
    if (fen === null || fen < 0n) return skip('支出未填或未知', 'no spending given');
    const missing = rule.parts.find(({ level }) => !levelColumns.some((column) => column.level === level));
    if (missing)
      return skip(`表中没有${missing.level}级承担列`, `the sheet has no column for the ${missing.level} level`);
    const shares = splitByRule(fen, rule);
    for (const level of levelColumns) {
      const share = shares.get(level.level);
      edits.push({ rowId: row.id, columnKey: level.key, text: share === undefined ? '' : fenToDecimal(share, unit) });
    }
    split++;
  });
  const { actionId } =
    edits.length > 0
      ? store.inAction({ source: 'user', label: '按分担方式计算各级承担' }, () =>
          store.updateCells(sheetId, edits, { source: 'user' }, 'abort'),
        )
      : { actionId: null };
  return { actionId, split, skipped };
}
