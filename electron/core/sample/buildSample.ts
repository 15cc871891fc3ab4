import fs from 'node:fs';
import type { PlanMeta } from '../../../shared/contract/contract';
import { PlanStore } from '../store/planStore';
import { setDepartmentMembers } from '../store/departmentGroups';
import { addSampleBudgets } from './budgets';
import { departmentInits, SAMPLE_GROUPS } from './departments';
import { defaultSampleDataDir, loadSampleData } from './sampleData';
import { addSampleRounds } from './sampleProgress';
import { sampleSheets, WORKPLAN_TASKS_SHEET } from './sheets';

export { defaultSampleDataDir } from './sampleData';

/** The plan the sample's main tables come from (its own text states no document number). */
export const SAMPLE_META: PlanMeta = {
  title: '常州市生态文明建设规划（2021—2030年）',
  issuer: '常州市人民政府',
  docNumber: '',
  periodStart: 2021,
  periodEnd: 2030,
  baseYear: 2020,
  milestoneYears: [2025, 2030],
  moneyUnit: '万元',
};

const SAMPLE_LABEL = '创建示例规划';

/**
 * Create the bundled sample plan at `file` (which must not exist) from the cleaned tables in
 * `dataDir`, and return it open. The packaged app passes a directory under its resources.
 *
 * Everything is written in one transaction: a failure leaves no half-built plan behind, and
 * one commit keeps creation fast. Each sheet's rows are still one change-log action of their
 * own, naming the data file they came from.
 */
export function createSamplePlan(file: string, dataDir = defaultSampleDataDir()): PlanStore {
  const data = loadSampleData(dataDir);
  const sheets = sampleSheets(data);
  const store = PlanStore.create(file, SAMPLE_META);
  try {
    store.transaction(() => {
      store.addDepartments(departmentInits(data.departments));
      for (const [group, members] of Object.entries(SAMPLE_GROUPS)) setDepartmentMembers(store, group, members);
      for (const sheet of sheets) {
        const sheetId = store.createSheet(sheet.init);
        store.insertRows(sheetId, sheet.rows, { source: 'system', label: SAMPLE_LABEL, detail: sheet.sourceFile });
        store.addDeclaredChecks(sheet.checks.map((check) => ({ ...check, sheetId })));
      }
      addSampleBudgets(store, data, dataDir);
      addSampleRounds(store, WORKPLAN_TASKS_SHEET);
    });
  } catch (error) {
    discard(store);
    throw error;
  }
  return store;
}

/** Close and delete a plan this module created but could not finish. */
function discard(store: PlanStore): void {
  store.close();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(store.file + suffix, { force: true });
}
