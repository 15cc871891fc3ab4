import type { Department } from '../../../shared/contract/contract';
import { splitDepartmentText } from '../../../shared/rules/departments';
import { api } from '../data/api';
import { askConfirm } from '../dialogs/askUser';

let departmentsPromise: Promise<Department[]> | null = null;

/** The plan's units, fetched once per page; call `forgetDepartments` after adding one. */
export function loadDepartments(): Promise<Department[]> {
  departmentsPromise ??= api['departments.list']({}).then((result) => result.departments);
  return departmentsPromise;
}

export function forgetDepartments(): void {
  departmentsPromise = null;
}

/** Names typed into a department cell that the plan does not know: offer to add them. */
export async function offerNewDepartments(text: string): Promise<void> {
  const departments = await loadDepartments();
  const known = new Set(
    departments.flatMap((department) => [department.name, department.shortName, ...department.aliases]),
  );
  const unknown = splitDepartmentText(text, (name) => known.has(name)).filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  const add = await askConfirm({
    title: '新的责任单位',
    message:
      `以下单位不在本规划的单位列表中：${unknown.join('、')}。是否添加为新单位？（不添加则按原文保存，不关联单位）\n` +
      `Add ${unknown.length} unit(s) to the plan's list? (Otherwise the text is kept without linking.)`,
    confirmLabel: '添加',
    cancelLabel: '不添加',
  });
  if (!add) return;
  for (const name of unknown) await api['departments.add']({ name, aliases: [] });
  forgetDepartments();
}
