/**
 * Collective addressees: "各辖市区人民政府" means every county-level city and district government,
 * "各省级以上园区管委会" every provincial-level park. Where work is sent out, such a group stands for
 * its members, in the order the plan's department list gives them, at the group's place in the
 * list (the lead stays first: a group that leads makes each member a lead).
 */

/** Group name → its members' canonical names, in order. */
export type UnitMembers = ReadonlyMap<string, readonly string[]>;

/** The units with every group replaced by its members, in order, without repeats. */
export function expandUnits(names: readonly string[], members: UnitMembers): string[] {
  const expanded: string[] = [];
  for (const name of names) {
    for (const unit of members.get(name) ?? [name]) if (!expanded.includes(unit)) expanded.push(unit);
  }
  return expanded;
}
