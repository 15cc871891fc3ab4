import type { DepartmentRole, DepartmentRow } from '../../../shared/contract/calls/checks';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { ColumnDef } from '../../../shared/model/columns';
import { isDepartmentType } from '../../../shared/model/columns';
import type { PlanStore } from '../store/planStore';
import type { CheckEngine } from '../checks/engine';
import { amountColumn } from '../checks/rowChecks';
import { cellText } from '../checks/snapshot';

/**
 * The by-department view: every row on every sheet where a unit leads (牵头), cooperates (配合)
 * or is responsible (责任主体/负责), found through the department links of the cells — by its
 * canonical name or any alias — not by searching text.
 */

const ROLES: ReadonlyArray<[ColumnDef['role'], DepartmentRole, string]> = [
  ['leadUnit', 'lead', '牵头'],
  ['cooperatingUnits', 'cooperating', '配合'],
  ['responsibleUnits', 'responsible', '负责'],
];

function roleOf(column: ColumnDef): { role: DepartmentRole; label: string } {
  const known = ROLES.find(([role]) => role === column.role);
  return known ? { role: known[1], label: known[2] } : { role: 'other', label: column.name };
}

export function departmentRows(
  store: PlanStore,
  engine: CheckEngine,
  name: string,
): { department: string; rows: DepartmentRow[] } {
  const department = store.resolveDepartment(name);
  if (!department) {
    throw PlanbenchError.of(
      'not_found',
      `规划的单位名录中没有“${name}”（也不是其简称或别名）`,
      `no unit named "${name}" (or with that alias) in this plan`,
    );
  }
  const { sheets } = engine.sync();
  const rows: DepartmentRow[] = [];
  for (const sheet of sheets) {
    const columns = sheet.columns.filter((column) => isDepartmentType(column.type));
    if (columns.length === 0) continue;
    const seq = sheet.byRole('seq')?.key;
    const title = (sheet.byRole('name') ?? sheet.byRole('content'))?.key;
    const deadline = (sheet.byRole('deadline') ?? sheet.byRole('period'))?.key;
    const amount = amountColumn(sheet);
    for (const row of sheet.inOrder()) {
      for (const column of columns) {
        const value = row.cells[column.key]?.value;
        const ordinal = Array.isArray(value) ? value.indexOf(department.name) : -1;
        if (ordinal < 0) continue;
        const { role, label } = roleOf(column);
        const money = amount ? row.cells[amount.key]?.value : null;
        rows.push({
          sheetId: sheet.info.id,
          sheetName: sheet.info.name,
          rowId: row.id,
          rowNumber: sheet.rowNumber(row.id),
          role,
          roleLabel: label,
          columnKey: column.key,
          columnName: column.name,
          ordinal,
          seq: cellText(row, seq),
          name: cellText(row, title),
          deadline: deadline ? cellText(row, deadline) || null : null,
          amount: typeof money === 'string' || typeof money === 'number' ? String(money) : null,
          amountUnit: amount?.type === 'money' ? (amount.settings.moneyUnit ?? '万元') : null,
        });
      }
    }
  }
  return { department: department.name, rows };
}
