/**
 * Build the bundled sample plan into a new file:
 *   npx tsx scripts/build-sample.ts OUT.planbench [DATA_DIR]
 */
import { createSamplePlan } from '../electron/core/sample/buildSample';

function main(argv: string[]): number {
  const [out, dataDir] = argv;
  if (!out || argv.length > 2) {
    console.error('用法 / usage: npx tsx scripts/build-sample.ts OUT.planbench [DATA_DIR]');
    return 2;
  }
  const started = performance.now();
  let store;
  try {
    store = dataDir ? createSamplePlan(out, dataDir) : createSamplePlan(out);
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  try {
    const sheets = store.listSheets();
    const rows = sheets.reduce((sum, sheet) => sum + sheet.rowCount, 0);
    const elapsed = Math.round(performance.now() - started);
    console.log(
      `${store.file}: ${sheets.length} sheets, ${rows} rows, ${store.listDepartments().length} departments, ` +
        `${store.listDeclaredChecks().length} declared checks (${elapsed} ms)`,
    );
  } finally {
    store.close();
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
