import { useMemo, useState } from 'react';
import type { DepartmentRow } from '../../../../shared/contract/calls/checks';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { groupThousands } from './format';
import { useLoad } from './useLoad';
import './checks.css';

/**
 * The by-department view: everything a unit leads, cooperates on or is responsible for, across
 * all sheets. Units are picked from the plan's list (short names and aliases work too).
 */

export interface DepartmentViewProps {
  onGoToRow(sheetId: number, rowId: number, columnKey?: string): void;
  /** Changes after every edit. */
  refreshKey: number;
  initialDepartment?: string;
}

export function DepartmentView({ onGoToRow, refreshKey, initialDepartment = '' }: DepartmentViewProps) {
  const departments = useLoad(() => api['departments.list']({}), []);
  const [typed, setTyped] = useState(initialDepartment);
  const [chosen, setChosen] = useState(initialDepartment);
  const rows = useLoad(
    () => (chosen.trim() ? api['departments.rows']({ department: chosen }) : Promise.resolve(null)),
    [chosen, refreshKey],
  );
  const bySheet = useMemo(() => {
    const groups = new Map<string, DepartmentRow[]>();
    for (const row of rows.data?.rows ?? []) groups.set(row.sheetName, [...(groups.get(row.sheetName) ?? []), row]);
    return [...groups.entries()];
  }, [rows.data]);
  const roleCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const row of rows.data?.rows ?? []) counts.set(row.roleLabel, (counts.get(row.roleLabel) ?? 0) + 1);
    return [...counts.entries()];
  }, [rows.data]);

  return (
    <section className="department-view" aria-label="按单位查看">
      <header className="panel-header">
        <h2>按单位查看</h2>
      </header>
      <form
        className="panel-controls"
        onSubmit={(event) => {
          event.preventDefault();
          setChosen(typed);
        }}
      >
        <label>
          单位
          <input
            list="planbench-departments"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            placeholder="名称、简称或别名"
          />
        </label>
        <datalist id="planbench-departments">
          {(departments.data?.departments ?? []).map((department) => (
            <option key={department.id} value={department.name}>
              {department.shortName}
            </option>
          ))}
        </datalist>
        <button type="submit">查看</button>
      </form>
      <ErrorBanner error={departments.error ?? rows.error} />
      {rows.data && (
        <>
          <p className="panel-summary">
            {rows.data.department}：共 {rows.data.rows.length} 项
            {roleCounts.length > 0 && `（${roleCounts.map(([label, count]) => `${label} ${count}`).join('，')}）`}
          </p>
          {bySheet.map(([sheetName, sheetRows]) => (
            <table key={sheetName} className="department-table">
              <caption>
                {sheetName}（{sheetRows.length}）
              </caption>
              <thead>
                <tr>
                  <th>行</th>
                  <th>角色</th>
                  <th>序号</th>
                  <th>事项</th>
                  <th>时限</th>
                  <th>金额</th>
                </tr>
              </thead>
              <tbody>
                {sheetRows.map((row) => (
                  <tr
                    key={`${row.rowId}:${row.columnKey}`}
                    className="department-row"
                    onClick={() => onGoToRow(row.sheetId, row.rowId, row.columnKey)}
                  >
                    <td className="num">{row.rowNumber}</td>
                    <td>
                      <span className={`role-badge role-${row.role}`}>{row.roleLabel}</span>
                      {row.ordinal > 0 && row.role !== 'lead' && (
                        <span className="role-ordinal">第{row.ordinal + 1}位</span>
                      )}
                    </td>
                    <td>{row.seq}</td>
                    <td className="department-name">{row.name}</td>
                    <td>{row.deadline ?? ''}</td>
                    <td className="num">
                      {row.amount === null ? '' : `${groupThousands(row.amount)}${row.amountUnit ?? ''}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </>
      )}
    </section>
  );
}
