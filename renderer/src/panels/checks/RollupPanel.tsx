import { useEffect, useState } from 'react';
import type { ColumnDef } from '../../../../shared/model/columns';
import { isDepartmentType } from '../../../../shared/model/columnTypes';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { groupThousands } from './format';
import { useLoad } from './useLoad';
import './checks.css';

/**
 * Roll-ups as a side panel: per value of a column (大类, 小类, a unit column, start or end year,
 * status…) the number of items, how many have an amount, the exact total and the shares; and
 * the same as a new summary sheet, to export or print like any other sheet.
 */

export interface RollupPanelProps {
  sheetId: number;
  /** Changes after every edit. */
  refreshKey: number;
  /** Called with the new sheet after "生成汇总表". */
  onSheetCreated?(sheetId: number): void;
}

const GROUP_ROLES = new Set([
  'category',
  'subcategory',
  'leadUnit',
  'cooperatingUnits',
  'responsibleUnits',
  'period',
  'district',
  'attribute',
  'compliance',
  'deadline',
]);
const GROUP_TYPES = new Set(['choice', 'status', 'year', 'yearRange', 'department', 'departmentList']);

function groupable(column: ColumnDef): boolean {
  return (
    (column.role !== null && GROUP_ROLES.has(column.role)) ||
    GROUP_TYPES.has(column.type) ||
    isDepartmentType(column.type)
  );
}

const isPeriod = (column: ColumnDef | undefined) => column?.type === 'yearRange' || column?.role === 'period';

export function RollupPanel({ sheetId, refreshKey, onSheetCreated }: RollupPanelProps) {
  const sheet = useLoad(() => api['sheet.get']({ sheetId }), [sheetId]);
  const columns = sheet.data?.columns ?? [];
  const groupColumns = columns.filter(groupable);
  const valueColumns = columns.filter(
    (column) => column.type === 'money' || (column.type === 'number' && column.role !== 'seq'),
  );
  const [columnKey, setColumnKey] = useState('');
  const [part, setPart] = useState<'start' | 'end'>('start');
  const [valueKey, setValueKey] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [writeError, setWriteError] = useState<unknown>(null);

  useEffect(() => {
    const preferred = groupColumns.find((column) => column.role === 'category') ?? groupColumns[0];
    if (preferred && !groupColumns.some((column) => column.key === columnKey)) setColumnKey(preferred.key);
  }, [groupColumns, columnKey]);

  const chosen = columns.find((column) => column.key === columnKey);
  const request = {
    sheetId,
    columnKey,
    ...(isPeriod(chosen) ? { part } : {}),
    ...(valueKey ? { valueColumnKey: valueKey } : {}),
  };
  const rollup = useLoad(
    () => (columnKey ? api['rollup.get'](request) : Promise.resolve(null)),
    [sheetId, columnKey, part, valueKey, refreshKey],
  );
  const data = rollup.data;
  const unit = data?.valueColumn?.unit ?? '';

  const writeSheet = () => {
    setWriteError(null);
    api['rollup.toSheet'](request).then((result) => {
      setCreated(`已生成汇总表“${result.name}”（${result.rows} 行）`);
      onSheetCreated?.(result.sheetId);
    }, setWriteError);
  };

  return (
    <section className="rollup-panel" aria-label="分类汇总">
      <header className="panel-header">
        <h2>分类汇总</h2>
      </header>
      <div className="panel-controls">
        <label>
          分组
          <select value={columnKey} onChange={(event) => setColumnKey(event.target.value)}>
            {groupColumns.map((column) => (
              <option key={column.key} value={column.key}>
                {column.name}
              </option>
            ))}
          </select>
        </label>
        {isPeriod(chosen) && (
          <label>
            年份
            <select value={part} onChange={(event) => setPart(event.target.value as 'start' | 'end')}>
              <option value="start">起始年份</option>
              <option value="end">结束年份</option>
            </select>
          </label>
        )}
        {valueColumns.length > 0 && (
          <label>
            金额
            <select value={valueKey} onChange={(event) => setValueKey(event.target.value)}>
              <option value="">
                （默认：{valueColumns.find((column) => column.type === 'money')?.name ?? valueColumns[0]?.name}）
              </option>
              {valueColumns.map((column) => (
                <option key={column.key} value={column.key}>
                  {column.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <ErrorBanner error={sheet.error ?? rollup.error ?? writeError} />
      {data && (
        <>
          <table className="rollup-table">
            <thead>
              <tr>
                <th>{data.columnName}</th>
                <th>项目数</th>
                <th>占比</th>
                {data.valueColumn && (
                  <>
                    <th>有金额</th>
                    <th>未知</th>
                    <th>
                      {data.valueColumn.name}
                      {unit ? `（${unit}）` : ''}
                    </th>
                    <th>金额占比</th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {data.groups.map((group) => (
                <tr key={group.label}>
                  <td>{group.label}</td>
                  <td className="num">{group.count}</td>
                  <td className="num">{group.countSharePercent}%</td>
                  {data.valueColumn && (
                    <>
                      <td className="num">{group.known}</td>
                      <td className="num">{group.unknown}</td>
                      <td className="num">{group.sum === null ? '' : groupThousands(group.sum)}</td>
                      <td className="num share">
                        <span
                          className="share-bar"
                          style={{ width: `${Math.min(100, Number(group.sumSharePercent ?? 0))}%` }}
                        />
                        <span>{group.sumSharePercent}%</span>
                      </td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td>合计</td>
                <td className="num">{data.total.count}</td>
                <td />
                {data.valueColumn && (
                  <>
                    <td className="num">{data.total.known}</td>
                    <td className="num">{data.total.unknown}</td>
                    <td className="num">{data.total.sum === null ? '' : groupThousands(data.total.sum)}</td>
                    <td />
                  </>
                )}
              </tr>
            </tfoot>
          </table>
          <p className="panel-note">{data.ruleZh}</p>
          <div className="panel-actions">
            <button onClick={writeSheet}>生成汇总表</button>
            {created && <span className="panel-done">{created}</span>}
          </div>
        </>
      )}
    </section>
  );
}
