/**
 * Versions and history at 100,000 rows (npm run bench, section "Versions and history"), on a copy
 * of the bulk-loaded plan:
 *   - saving a named version (time, bytes it adds to the plan file);
 *   - versions.compare of that version with now after 1,000 edits, and of two versions (target:
 *     within a second), with the result checked: exactly the edited cells differ; and, for the
 *     ratio, the straightforward comparison of the same states read whole (every row of both
 *     snapshots inflated and compared), which is what versions.compare did before versions were
 *     kept in fingerprinted blocks (electron/core/store/versionBlocks.ts);
 *   - cell.history of edited cells (target: within a second; it is an index lookup);
 *   - the plan file's growth over 10,000 single-cell edits, each its own action in the log.
 */
import fs from 'node:fs';
import { dispatch } from '../electron/core/api/dispatch';
import type { ApiContext } from '../electron/core/api/handlers';
import { PlanStore } from '../electron/core/store/planStore';
import { compareSnapshots } from '../electron/core/versions/compare';
import { fmtMs, repeat, rng, timed } from './stats';
import type { Target } from './storeBench';

const COMPARE_EDITS = 1_000;
const GROWTH_EDITS = 10_000;

function fileBytes(file: string): number {
  return fs.statSync(file).size;
}

function call(context: ApiContext, name: string, input: unknown): unknown {
  const response = dispatch(context, name, input);
  if (response instanceof Promise) throw new Error(`${name} answered asynchronously`);
  if (!response.ok) throw new Error(`${name} failed: ${JSON.stringify(response.error)}`);
  return response.result;
}

const ratio = (slow: number, fast: number) => `${(slow / fast).toFixed(1)}×`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function versionsBench(
  bulkPlan: string,
  sheetId: number,
  log: (message: string) => void,
): { figures: Record<string, unknown>; tableRows: string[][]; targets: Target[] } {
  const planFile = bulkPlan.replace(/\.planbench$/, '-versions.planbench');
  fs.copyFileSync(bulkPlan, planFile);
  let store = PlanStore.open(planFile);
  const context = (): ApiContext => ({ store, edition: 'cli' });
  const reopen = () => {
    store.close();
    store = PlanStore.open(planFile);
  };
  try {
    const total = store.rowCount(sheetId);
    const rowIds = store.listRows(sheetId, 0, total).rows.map((row) => row.id);
    const random = rng(18);
    const pick = () => rowIds[Math.floor(random() * rowIds.length)]!;
    const startBytes = fileBytes(planFile);

    log(`versions: saving a version of ${total.toLocaleString('en')} rows …`);
    const save = timed(() => call(context(), 'versions.save', { name: '初稿' }) as { version: { bytes: number } });
    reopen();
    const versionBytes = save.result.version.bytes;

    // 1,000 edits to distinct cells, in one transaction (the log is the same as 1,000 separate actions).
    const edited = new Set<number>();
    store.transaction(() => {
      while (edited.size < COMPARE_EDITS) {
        const rowId = pick();
        if (edited.has(rowId)) continue;
        edited.add(rowId);
        store.updateCell(sheetId, rowId, 'investment', String(900_000 + edited.size), { source: 'user' });
      }
    });
    log('versions: versions.compare with now …');
    const compareNow = repeat(3, 1, () => {
      const result = call(context(), 'versions.compare', { from: '初稿' }) as { sheets: { cells: unknown[] }[] };
      const cells = result.sheets[0]?.cells.length ?? 0;
      if (cells !== COMPARE_EDITS) throw new Error(`compare found ${cells} changed cells, expected ${COMPARE_EDITS}`);
    });
    const compareNowWhole = repeat(3, 0, () => {
      const sheets = compareSnapshots(store.readVersion('初稿').snapshot, store.snapshot());
      if (sheets[0]?.cells.length !== COMPARE_EDITS) throw new Error('the whole comparison found other cells');
    });
    call(context(), 'versions.save', { name: '征求意见稿' });
    const compareTwo = repeat(3, 1, () => call(context(), 'versions.compare', { from: '初稿', to: '征求意见稿' }));
    const compareTwoWhole = repeat(3, 0, () =>
      compareSnapshots(store.readVersion('初稿').snapshot, store.readVersion('征求意见稿').snapshot),
    );

    log('versions: cell.history …');
    const historyRows = [...edited].slice(0, 200);
    let index = 0;
    const history = repeat(historyRows.length, 10, () => {
      const rowId = historyRows[index++ % historyRows.length]!;
      const result = call(context(), 'cell.history', { sheetId, rowId, columnKey: 'investment' }) as {
        entries: unknown[];
      };
      if (result.entries.length < 2)
        throw new Error(`cell.history of row ${rowId} found ${result.entries.length} steps`);
    });

    log(`versions: plan growth over ${GROWTH_EDITS.toLocaleString('en')} edits …`);
    reopen();
    const beforeGrowth = fileBytes(planFile);
    store.transaction(() => {
      for (let edit = 0; edit < GROWTH_EDITS; edit++) {
        store.updateCell(sheetId, pick(), 'investment', String(1 + (edit % 997)), { source: 'user' });
      }
    });
    reopen();
    const afterGrowth = fileBytes(planFile);
    const perEdit = (afterGrowth - beforeGrowth) / GROWTH_EDITS;

    const figures = {
      rows: total,
      planBytes: startBytes,
      version: { saveMs: save.ms, bytes: versionBytes, shareOfPlan: versionBytes / startBytes },
      compareWithNow: compareNow,
      compareWithNowWhole: compareNowWhole,
      compareWithNowSpeedup: compareNowWhole.p50 / compareNow.p50,
      compareTwoVersions: compareTwo,
      compareTwoVersionsWhole: compareTwoWhole,
      compareTwoVersionsSpeedup: compareTwoWhole.p50 / compareTwo.p50,
      cellHistory: history,
      growth: { edits: GROWTH_EDITS, beforeBytes: beforeGrowth, afterBytes: afterGrowth, bytesPerEdit: perEdit },
    };
    const targets: Target[] = [
      {
        name: `versions.compare with now, ${total.toLocaleString('en')} rows (p50)`,
        measured: fmtMs(compareNow.p50),
        limit: '1 s',
        pass: compareNow.p50 < 1000,
      },
      {
        name: 'versions.compare of two versions (p50)',
        measured: fmtMs(compareTwo.p50),
        limit: '1 s',
        pass: compareTwo.p50 < 1000,
      },
      { name: 'cell.history (p95)', measured: fmtMs(history.p95), limit: '1 s', pass: history.p95 < 1000 },
    ];
    return {
      figures,
      targets,
      tableRows: [
        [
          'versions.save',
          fmtMs(save.ms),
          `${mib(versionBytes)} (${((100 * versionBytes) / startBytes).toFixed(0)}% of ${mib(startBytes)})`,
        ],
        [
          'versions.compare with now (1,000 cells edited)',
          fmtMs(compareNow.p50),
          `p50 of 3; whole read ${fmtMs(compareNowWhole.p50)}: ${ratio(compareNowWhole.p50, compareNow.p50)} faster`,
        ],
        [
          'versions.compare of two versions',
          fmtMs(compareTwo.p50),
          `p50 of 3; whole read ${fmtMs(compareTwoWhole.p50)}: ${ratio(compareTwoWhole.p50, compareTwo.p50)} faster`,
        ],
        ['cell.history', `${fmtMs(history.p50)} / ${fmtMs(history.p95)}`, 'p50 / p95'],
        [
          `plan growth over ${GROWTH_EDITS.toLocaleString('en')} edits`,
          mib(afterGrowth - beforeGrowth),
          `${Math.round(perEdit)} bytes per edit`,
        ],
      ],
    };
  } finally {
    store.close();
    fs.rmSync(planFile, { force: true });
  }
}
