import type { ColumnTotal } from '../../../shared/contract/contract';
import type { GroupGridRow } from './gridRows';
import { knownText } from './cellDisplay';

/**
 * What totals and group rows show in their cells, drawn the same way by the grid's cell
 * renderers (columnDefs.tsx) and by the first-screen table.
 */

/** A total or subtotal: the exact sum, and below it how many rows have a value. */
export function TotalFigure({
  text,
  total,
  visible,
  visibleText,
}: {
  text: string;
  total: ColumnTotal | undefined;
  /** While a filter or find hides rows: the shown rows' total, beside the whole sheet's. */
  visible?: ColumnTotal;
  visibleText?: string;
}) {
  return (
    <div className="total-cell">
      {visible && visibleText !== undefined && (
        <span className="total-visible" title="筛选后显示的行的合计 / total of the rows shown">
          筛选 {visibleText}（{knownText(visible)}）
        </span>
      )}
      <span className="total-amount">{text}</span>
      {total && <span className="total-known">{knownText(total)}</span>}
    </div>
  );
}

/** A group row's label: a toggle, the group value and its count. */
export function GroupLabel({ row }: { row: GroupGridRow }) {
  return (
    <span
      className="group-label"
      style={{ paddingLeft: row.level * 18 }}
      role="button"
      aria-expanded={!row.collapsed}
      title={row.collapsed ? '展开' : '折叠'}
    >
      <span className="group-toggle" aria-hidden>
        {row.collapsed ? '▸' : '▾'}
      </span>
      {row.label}
      <span className="group-count">（{row.count} 项）</span>
    </span>
  );
}
