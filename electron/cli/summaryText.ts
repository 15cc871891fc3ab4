import type { PlanSummary } from '../../shared/contract/contract';
import { SHEET_KIND_LABELS } from '../../shared/model/columns';
import { decimalToFen, formatMoney } from '../../shared/values/money';

/** `planbench summary` for people: sheets, exact totals with known/unknown counts, categories. */
export function summaryText(summary: PlanSummary): string {
  const lines: string[] = [];
  lines.push(`${summary.meta.title}（${summary.fileName}）`);
  const period =
    summary.meta.periodStart && summary.meta.periodEnd
      ? `${summary.meta.periodStart}—${summary.meta.periodEnd}年`
      : '未设定';
  lines.push(
    `规划期 ${period}；金额单位 ${summary.meta.moneyUnit}；责任单位 ${summary.departments} 个；声明的核对项 ${summary.declaredChecks} 条`,
  );
  for (const sheet of summary.sheets) {
    lines.push('');
    const levels = sheet.childRows > 0 ? `（其中 ${sheet.topLevelRows} 项 + ${sheet.childRows} 项子项）` : '';
    lines.push(`■ ${sheet.name}  [${SHEET_KIND_LABELS[sheet.kind]}]  ${sheet.rows} 行${levels}`);
    for (const total of sheet.totals) {
      const amount =
        total.type === 'money' && total.moneyUnit
          ? `${formatMoney(decimalToFen(total.sum, total.moneyUnit) ?? 0n, total.moneyUnit, 2)} ${total.moneyUnit}`
          : total.sum;
      lines.push(
        `  ${total.columnName} 合计 ${amount}（${total.known}/${total.known + total.unknown} 有值，${total.unknown} 未知）`,
      );
    }
    if (sheet.allocationTotal !== null) lines.push(`  分解总数 ${sheet.allocationTotal}`);
    const money = sheet.totals.find((total) => total.type === 'money');
    for (const category of sheet.categories) {
      let amount = '';
      if (category.sum !== null && money?.moneyUnit) {
        // No known amount is not an amount of 0: say so instead of printing 0.00.
        amount =
          category.known === 0
            ? `，金额均未知（${category.unknown} 项）`
            : `，${formatMoney(decimalToFen(category.sum, money.moneyUnit) ?? 0n, money.moneyUnit, 2)} ${money.moneyUnit}（${category.unknown} 项未知）`;
      }
      lines.push(`    · ${category.category || '（无分类）'} ${category.count} 项${amount}`);
    }
  }
  return lines.join('\n');
}
