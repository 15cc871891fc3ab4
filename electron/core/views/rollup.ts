import type { Rollup, RollupGroup } from '../../../shared/contract/calls/checks';
import type { RowData } from '../../../shared/contract/contract';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { ColumnDef } from '../../../shared/model/columns';
import { isDepartmentType } from '../../../shared/model/columns';
import type { Dec } from '../../../shared/values/exactDecimal';
import { add, divide, shift, toFixedText, toText, ZERO } from '../../../shared/values/exactDecimal';
import type { MoneyUnit } from '../../../shared/values/money';
import { parseYearRange } from '../../../shared/values/periods';
import type { ColumnInit, PlanStore } from '../store/planStore';
import type { CheckEngine } from '../checks/engine';
import { cellNumber } from '../checks/indexes/totals';
import { amountColumn } from '../checks/rowChecks';
import type { SheetState } from '../checks/snapshot';

/**
 * Roll-ups: per value of a column (大类, 小类, a unit column, start or end year, status…) the
 * number of items, how many have an amount, the exact total, and the share of the whole.
 * Items are top-level rows (a sub-indicator is part of its indicator). A row listing several
 * units counts for each of them.
 */

export interface RollupRequest {
  sheetId: number;
  columnKey: string;
  part?: 'start' | 'end' | undefined;
  valueColumnKey?: string | undefined;
}

const EMPTY = '（空）';
const UNDATED = '（未注明年份）';

function isPeriod(column: ColumnDef): boolean {
  return column.type === 'yearRange' || column.role === 'period';
}

/** The groups a row falls in for the column. */
function groupsOf(row: RowData, column: ColumnDef, part: 'start' | 'end'): string[] {
  const cell = row.cells[column.key];
  if (isDepartmentType(column.type)) {
    const names = Array.isArray(cell?.value) ? cell.value : [];
    return names.length > 0 ? names : [cell?.text.trim() || EMPTY];
  }
  const text = cell?.text.trim() ?? '';
  if (isPeriod(column)) {
    const span = parseYearRange(text);
    return [span ? String(part === 'start' ? span.start : span.end) : text === '' ? EMPTY : UNDATED];
  }
  return [text === '' ? EMPTY : text];
}

function percent(part: Dec, whole: Dec): string {
  return whole.digits === 0n ? '0.00' : toFixedText(shift(divide(part, whole, 6), 2), 2);
}

function resolve(
  engine: CheckEngine,
  request: RollupRequest,
): { sheet: SheetState; column: ColumnDef; value: ColumnDef | undefined } {
  engine.sync();
  const sheet = engine.sheet(request.sheetId);
  if (!sheet)
    throw PlanbenchError.of('not_found', `找不到工作表（${request.sheetId}）`, `no such sheet (${request.sheetId})`);
  const column = sheet.columnsByKey.get(request.columnKey);
  if (!column)
    throw PlanbenchError.of('not_found', `找不到列（${request.columnKey}）`, `no such column (${request.columnKey})`, {
      sheet: sheet.info.name,
    });
  let value: ColumnDef | undefined;
  if (request.valueColumnKey !== undefined) {
    value = sheet.columnsByKey.get(request.valueColumnKey);
    if (!value) {
      throw PlanbenchError.of(
        'not_found',
        `找不到列（${request.valueColumnKey}）`,
        `no such column (${request.valueColumnKey})`,
        { sheet: sheet.info.name },
      );
    }
    if (value.type !== 'money' && value.type !== 'number') {
      throw PlanbenchError.of(
        'invalid_value',
        `“${value.name}”不是金额或数值列，不能合计`,
        `"${value.name}" is not a money or number column`,
        {
          sheet: sheet.info.name,
          column: value.name,
        },
      );
    }
  } else {
    value = amountColumn(sheet);
  }
  return { sheet, column, value };
}

export function rollup(engine: CheckEngine, request: RollupRequest): Rollup {
  const { sheet, column, value } = resolve(engine, request);
  const part = request.part ?? 'start';
  const groups = new Map<string, { count: number; known: number; sum: Dec }>();
  let items = 0;
  let known = 0;
  let whole = ZERO;
  let multiValued = false;
  for (const row of sheet.inOrder()) {
    if (row.parentId !== null) continue;
    items++;
    const amount = value ? cellNumber(row, value) : null;
    if (amount !== null) {
      known++;
      whole = add(whole, amount);
    }
    const labels = [...new Set(groupsOf(row, column, part))];
    if (labels.length > 1) multiValued = true;
    for (const label of labels) {
      const group = groups.get(label) ?? { count: 0, known: 0, sum: ZERO };
      group.count++;
      if (amount !== null) {
        group.known++;
        group.sum = add(group.sum, amount);
      }
      groups.set(label, group);
    }
  }
  const ordered = [...groups.entries()];
  const special = (label: string) => (label === EMPTY || label === UNDATED ? 1 : 0);
  if (isPeriod(column) || column.type === 'year')
    ordered.sort(([a], [b]) => special(a) - special(b) || Number(a) - Number(b));
  else ordered.sort(([a], [b]) => special(a) - special(b));
  const unit = value?.type === 'money' ? (value.settings.moneyUnit ?? '万元') : null;
  const result: RollupGroup[] = ordered.map(([label, group]) => ({
    label,
    count: group.count,
    known: group.known,
    unknown: group.count - group.known,
    sum: value ? toText(group.sum) : null,
    countSharePercent: percent({ digits: BigInt(group.count), scale: 0 }, { digits: BigInt(items), scale: 0 }),
    sumSharePercent: value ? percent(group.sum, whole) : null,
  }));
  const by = isPeriod(column) ? `${column.name}的${part === 'start' ? '起始' : '结束'}年份` : `“${column.name}”`;
  const rule = [
    `按${by}分组，统计项目数（不含分项）${value ? `、有“${value.name}”的项目数和精确合计（未知金额不计为 0）` : ''}`,
    `占比的分母为全部 ${items} 项${value ? `和全部已知金额 ${toText(whole)}${unit ?? ''}` : ''}`,
    multiValued ? '一行列有多个单位时计入每个单位，各组之和会超过总数' : '',
  ].filter(Boolean);
  return {
    sheetId: sheet.info.id,
    sheetName: sheet.info.name,
    columnKey: column.key,
    columnName: column.name,
    part: isPeriod(column) ? part : null,
    valueColumn: value ? { key: value.key, name: value.name, unit } : null,
    multiValued,
    groups: result,
    total: { count: items, known, unknown: items - known, sum: value ? toText(whole) : null },
    ruleZh: rule.join('；') + '。',
  };
}

/** The roll-up as a new sheet (kind table), written as one action, to export or print. */
export function rollupToSheet(
  store: PlanStore,
  engine: CheckEngine,
  request: RollupRequest & { name?: string | undefined },
): { sheetId: number; name: string; rows: number } {
  const summary = rollup(engine, request);
  const existing = new Set(store.listSheets().map((sheet) => sheet.name));
  const byPart = summary.part === null ? '' : summary.part === 'start' ? '（起始年份）' : '（结束年份）';
  const base = request.name ?? `汇总·${summary.sheetName}·${summary.columnName}${byPart}`;
  let name = base;
  for (let n = 2; existing.has(name); n++) name = `${base}（${n}）`;
  const value = summary.valueColumn;
  const columns: ColumnInit[] = [
    { key: 'group', name: `${summary.columnName}${byPart}`, type: 'text', role: 'category' },
    { key: 'count', name: '项目数', type: 'number' },
    { key: 'countShare', name: '项目数占比（%）', type: 'percent', settings: { decimals: 2 } },
  ];
  if (value) {
    columns.push(
      { key: 'known', name: '有金额项目数', type: 'number' },
      { key: 'unknown', name: '金额未知项目数', type: 'number' },
      value.unit
        ? {
            key: 'sum',
            name: `${value.name}合计`,
            type: 'money',
            settings: { moneyUnit: value.unit as MoneyUnit, decimals: 2 },
          }
        : { key: 'sum', name: `${value.name}合计`, type: 'number' },
      { key: 'sumShare', name: '金额占比（%）', type: 'percent', settings: { decimals: 2 } },
    );
  }
  return store.transaction(() => {
    const sheetId = store.createSheet({
      name,
      kind: 'table',
      description: `由“${summary.sheetName}”生成：${summary.ruleZh}`,
      columns,
    });
    const rows = summary.groups.map((group) => ({
      cells: {
        group: group.label,
        count: String(group.count),
        countShare: group.countSharePercent,
        ...(value
          ? {
              known: String(group.known),
              unknown: String(group.unknown),
              sum: group.sum ?? '',
              sumShare: group.sumSharePercent ?? '',
            }
          : {}),
      },
    }));
    store.insertRows(sheetId, rows, { source: 'user', label: `生成汇总表“${name}”` });
    return { sheetId, name, rows: rows.length };
  });
}
