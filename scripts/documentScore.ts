/**
 * `npm run score:documents`: the document breakdown's figures, per format, on the 2023 work plan
 * (seed 002) written by LibreOffice as .docx, .doc, .pdf and .txt (UTF-8 and GBK), against the
 * hand-made answer key ../shared/data/workplan2023_tasks.json (how each figure is counted:
 * tests/fixtures/breakdownScore.ts), and the row count of the 孤独症 plan's breakdown table
 * (.docx). Units are matched against the bundled sample plan's unit list, as on a plan built from
 * it; "tasks without the list" reads the same documents with no unit list at all (an empty
 * plan), where task finding must not suffer. The tests hold the thresholds
 * (tests/core/documents/documents.test.ts); this prints the numbers. Set SHOW_MISSES=1 to list
 * every miss.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { proposeBreakdown } from '../electron/core/documents/proposeBreakdown';
import { readDocument } from '../electron/core/documents/readDocument';
import { createSamplePlan } from '../electron/core/sample/buildSample';
import { readBreakdown } from '../shared/import/taskBreakdown/breakdown';
import { scoreWorkplan } from '../tests/fixtures/breakdownScore';
import { policyDocuments } from '../tests/fixtures/policyDocuments';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

const documents = policyDocuments();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planbench-score-'));
const store = createSamplePlan(path.join(dir, 'sample.planbench'));
try {
  const table: Record<string, Record<string, string | number>> = {};
  for (const [format, file] of Object.entries(documents.workplan)) {
    const read = await readDocument(file, path.basename(file));
    const score = scoreWorkplan(proposeBreakdown(store, read).rows);
    const bare = scoreWorkplan(readBreakdown(read.blocks, { directory: null }).rows);
    table[format === 'gbk' ? 'txt (GBK)' : format] = {
      rows: score.rows,
      'task recall': percent(score.recall),
      'task precision': percent(score.precision),
      'lead exact': `${percent(score.leadExact / score.leadScored)} (${score.leadExact}/${score.leadScored})`,
      'support F1': score.supportF1.toFixed(3),
      'time phrases': `${score.phrasesFound}/${score.phrases}`,
      'tasks without the list': `${percent(bare.recall)} / ${percent(bare.precision)}`,
    };
    if (process.env.SHOW_MISSES) for (const miss of score.misses) console.log(`${format}: ${miss}`);
  }
  console.log(`2023 work plan (${path.basename(documents.workplan.docx, '.docx')}), 47 records in the answer key:`);
  console.table(table);
  const autism = proposeBreakdown(store, await readDocument(documents.autism.docx, 'autism.docx'));
  console.log(
    `孤独症 plan (.docx): ${autism.rows.length} rows from its ${autism.from === 'table' ? 'breakdown table' : autism.from} (33 expected)`,
  );
} finally {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
