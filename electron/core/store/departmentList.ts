import type { Department } from '../../../shared/contract/contract';
import type { StoreCore } from './storeCore';
import type { DepartmentInit } from './storeTypes';

/** The plan's unit list (departments and their aliases), and finding a unit by any of its names. */

export function addDepartments(core: StoreCore, departments: DepartmentInit[]): void {
  core.transaction(() => {
    const insert = core.prepare('INSERT INTO departments (name, short_name, kind, notes) VALUES (?, ?, ?, ?)');
    const alias = core.prepare('INSERT OR IGNORE INTO department_aliases (alias, department_id) VALUES (?, ?)');
    for (const department of departments) {
      const id = Number(
        insert.run(department.name, department.shortName ?? '', department.kind ?? '', department.notes ?? '')
          .lastInsertRowid,
      );
      for (const name of department.aliases ?? []) {
        if (name !== department.name) alias.run(name, id);
      }
    }
  });
  core.departmentIndex = null;
}

export function listDepartments(core: StoreCore): Department[] {
  const departments = core.prepare('SELECT id, name, short_name, kind FROM departments ORDER BY id').all() as {
    id: number;
    name: string;
    short_name: string;
    kind: string;
  }[];
  const aliases = core.prepare('SELECT alias, department_id FROM department_aliases ORDER BY alias').all() as {
    alias: string;
    department_id: number;
  }[];
  return departments.map((department) => ({
    id: department.id,
    name: department.name,
    shortName: department.short_name,
    kind: department.kind,
    aliases: aliases.filter((alias) => alias.department_id === department.id).map((alias) => alias.alias),
  }));
}

/** A unit by its canonical name or any alias. */
export function resolveDepartment(core: StoreCore, name: string): { id: number; name: string } | null {
  if (!core.departmentIndex) {
    const index = new Map<string, { id: number; name: string }>();
    for (const department of listDepartments(core)) {
      const entry = { id: department.id, name: department.name };
      index.set(department.name, entry);
      if (department.shortName) index.set(department.shortName, entry);
      for (const alias of department.aliases) index.set(alias, entry);
    }
    core.departmentIndex = index;
  }
  return core.departmentIndex.get(name.trim()) ?? null;
}
