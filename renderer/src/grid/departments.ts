import type { Department } from '../../../shared/api/contract';
import { api } from '../api';

let departmentsPromise: Promise<Department[]> | null = null;

/** The plan's units, fetched once per page; call `forgetDepartments` after adding one. */
export function loadDepartments(): Promise<Department[]> {
  departmentsPromise ??= api['departments.list']({}).then((result) => result.departments);
  return departmentsPromise;
}

export function forgetDepartments(): void {
  departmentsPromise = null;
}
