import { PlanbenchError } from '../../../shared/contract/errors';
import type { PlanStore } from './planStore';

/**
 * The member relation of the plan's department list: which units a collective addressee
 * (各辖市区人民政府) stands for. It is kept with the plan (in its settings, by canonical name, so
 * it travels with the file and needs no schema change), edited through the API
 * (departments.setMembers) and read wherever work is routed to units (send-out).
 */

const SCOPE = 'plan';
const KEY = 'departmentMembers';

type Stored = Record<string, string[]>;

/** Every group with its members, in the department list's order of groups. */
export function departmentMembers(store: PlanStore): Map<string, string[]> {
  const stored = store.getSetting<Stored>(SCOPE, KEY) ?? {};
  const order = new Map(store.listDepartments().map((department, index) => [department.name, index]));
  const groups = Object.keys(stored)
    .filter((group) => order.has(group) && stored[group]!.length > 0)
    .sort((a, b) => order.get(a)! - order.get(b)!);
  return new Map(groups.map((group) => [group, stored[group]!.filter((member) => order.has(member))]));
}

function unknownUnit(name: string): PlanbenchError {
  return PlanbenchError.of(
    'not_found',
    `单位列表中没有“${name}”`,
    `there is no unit "${name}" in the plan's unit list`,
  );
}

/**
 * Set a group's members (names or aliases, in order; an empty list makes it a single unit again).
 * A group is not its own member and groups do not nest: a member that is a group itself, or a
 * group named as a member of another, is refused with a message, and nothing changes.
 */
export function setDepartmentMembers(
  store: PlanStore,
  group: string,
  members: readonly string[],
): { name: string; members: string[] } {
  const groupUnit = store.resolveDepartment(group);
  if (!groupUnit) throw unknownUnit(group);
  const resolved: string[] = [];
  for (const name of members) {
    const unit = store.resolveDepartment(name);
    if (!unit) throw unknownUnit(name);
    if (unit.name === groupUnit.name) {
      throw PlanbenchError.of(
        'invalid_input',
        `“${groupUnit.name}”不能是它自己的成员`,
        `"${groupUnit.name}" cannot be a member of itself`,
      );
    }
    if (!resolved.includes(unit.name)) resolved.push(unit.name);
  }
  const current = departmentMembers(store);
  const nested = resolved.find((name) => current.has(name));
  if (nested) {
    throw PlanbenchError.of(
      'invalid_input',
      `“${nested}”本身是集合单位（有成员），不能再作为“${groupUnit.name}”的成员；请直接列出其成员`,
      `"${nested}" is itself a group (it has members) and cannot be a member of "${groupUnit.name}"; list its members instead`,
    );
  }
  const memberOf = [...current].find(([other, list]) => other !== groupUnit.name && list.includes(groupUnit.name));
  if (resolved.length > 0 && memberOf) {
    throw PlanbenchError.of(
      'invalid_input',
      `“${groupUnit.name}”是“${memberOf[0]}”的成员，不能再有成员`,
      `"${groupUnit.name}" is a member of "${memberOf[0]}" and cannot have members itself`,
    );
  }
  const stored: Stored = { ...(store.getSetting<Stored>(SCOPE, KEY) ?? {}) };
  if (resolved.length === 0) delete stored[groupUnit.name];
  else stored[groupUnit.name] = resolved;
  store.setSetting(SCOPE, KEY, stored);
  return { name: groupUnit.name, members: resolved };
}
