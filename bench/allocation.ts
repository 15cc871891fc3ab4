/**
 * Factor-method allocation (因素法, issue 19; npm run bench, section "Allocation"): 7 districts ×
 * 3 factors on a real plan file. Measured: the exact computation alone, allocation.factors.run
 * through dispatch (read the sheet, allocate, write the shares as one action), and a factor edit
 * through dispatch('cell.update'), which re-allocates in the same action — the one a user waits
 * for. Target: the edit with its re-allocation under 50 ms (p95).
 *
 * `node --import tsx bench/allocation.ts` runs this section alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../electron/core/api/dispatch';
import type { ApiContext } from '../electron/core/api/handlers';
import { PlanStore } from '../electron/core/store/planStore';
import { allocateByFactors } from '../shared/rules/budgets/factorAllocation';
import { dec } from '../shared/values/exactDecimal';
import { fmtMs, repeat, table } from './stats';
import type { Target } from './storeBench';

const DISTRICTS = [
  ['溧阳市', '83.1', '1200', '92.5'],
  ['金坛区', '67.8', '950', '88'],
  ['武进区', '100.2', '1530', '95.5'],
  ['新北区', '161.3', '2210', '90'],
  ['天宁区', '116.6', '1640', '86.5'],
  ['钟楼区', '92.4', '1100', '91'],
  ['常州经开区', '79.8', '1010', '89.5'],
] as const;
const REPS = 200;
const WARMUP = 20;
const LIMIT_MS = 50;

const SETTINGS = {
  total: '1000万元',
  weights: [
    { column: '常住人口', weight: '50%' },
    { column: '服务对象数', weight: '30%' },
    { column: '绩效评价得分', weight: '20%' },
  ],
  into: '分配额',
  unit: '元' as const,
  floorColumn: null,
  capColumn: null,
};

export function allocationBench(
  dir: string,
  log: (message: string) => void,
): { figures: Record<string, unknown>; tableRows: string[][]; targets: Target[] } {
  const store = PlanStore.create(path.join(dir, 'allocation.planbench'), { title: '因素法基准' });
  try {
    const sheetId = store.createSheet({
      name: '资金分配表',
      kind: 'budget',
      columns: [
        { key: 'district', name: '地区', type: 'text', role: 'district' },
        { key: 'population', name: '常住人口', type: 'number' },
        { key: 'clients', name: '服务对象数', type: 'number' },
        { key: 'score', name: '绩效评价得分', type: 'number' },
        {
          key: 'share',
          name: '分配额',
          type: 'money',
          role: 'investment',
          settings: { moneyUnit: '万元', decimals: 4 },
        },
      ],
    });
    const { rowIds } = store.insertRows(
      sheetId,
      DISTRICTS.map(([district, population, clients, score]) => ({ cells: { district, population, clients, score } })),
      { source: 'system' },
    );
    const context: ApiContext = { store, edition: 'cli' };
    log(`allocation: ${DISTRICTS.length} rows × 3 factors, ${REPS} runs each …`);
    const factors = DISTRICTS.map(([, ...values]) => values.map((value) => dec(value)));
    const weights = [dec('0.5'), dec('0.3'), dec('0.2')];
    const pure = repeat(REPS, WARMUP, () => {
      if (!allocateByFactors({ total: 10_000_000n, weights, factors }).ok) throw new Error('allocation refused');
    });
    const run = repeat(REPS, WARMUP, () => {
      const response = dispatch(context, 'allocation.factors.run', { sheetId, settings: SETTINGS });
      if (!('ok' in response) || !response.ok) throw new Error('allocation.factors.run failed');
    });
    const edit = repeat(REPS, WARMUP, (index) => {
      const response = dispatch(context, 'cell.update', {
        sheetId,
        rowId: rowIds[3]!,
        columnKey: 'population',
        text: String(150 + (index & 15)),
      });
      if (!('ok' in response) || !response.ok) throw new Error('cell.update failed');
    });
    const pass = edit.p95 < LIMIT_MS;
    return {
      figures: { rows: DISTRICTS.length, factors: 3, reps: REPS, pure, run, edit },
      tableRows: [
        ['allocateByFactors (exact, in memory)', fmtMs(pure.p50), fmtMs(pure.p95)],
        ['dispatch allocation.factors.run (read, allocate, write one action)', fmtMs(run.p50), fmtMs(run.p95)],
        ['dispatch cell.update of a factor (edit + re-allocation, one action)', fmtMs(edit.p50), fmtMs(edit.p95)],
      ],
      targets: [
        {
          name: `factor edit re-allocates 7 rows × 3 factors, p95 (${REPS} edits)`,
          measured: fmtMs(edit.p95),
          limit: `< ${LIMIT_MS} ms`,
          pass,
        },
      ],
    };
  } finally {
    store.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planbench-allocation-'));
  try {
    const result = allocationBench(dir, (message) => process.stderr.write(`${message}\n`));
    process.stdout.write(table(['measure', 'p50', 'p95'], result.tableRows) + '\n');
    for (const target of result.targets) {
      process.stdout.write(`${target.name}: ${target.measured} (${target.limit}) ${target.pass ? 'PASS' : 'MISS'}\n`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
