import { editCell } from '../../budgets/derivedCells';
import type { versionsCalls } from '../../../../shared/contract/calls/versions';
import { PlanbenchError } from '../../../../shared/contract/errors';
import { describeActor } from '../../../../shared/rules/actors';
import { writeFilesAtomically } from '../../formats/fileWrites';
import { safeFileName } from '../../export/exportWorkbook';
import type { PlanStore } from '../../store/planStore';
import { compareBlocked, sheetChanged } from '../../versions/compare';
import { comparisonLines, comparisonPdf, comparisonTitle, comparisonWorkbook } from '../../versions/comparisonTable';
import { filesOf } from '../files';
import type { HandlersFor } from '../context';

/** Cell history, named versions, comparing and restoring (electron/core/store/versionSnapshot.ts). */
export const versionsHandlers: HandlersFor<typeof versionsCalls> = {
  'cell.history': ({ store }, { sheetId, rowId, columnKey }) => {
    store.assertSheet(sheetId);
    const { current, steps } = store.cellHistory(sheetId, rowId, columnKey);
    const entries = steps.map(({ detail, author, ...step }) => ({
      ...step,
      who: describeActor({ source: step.source, detail, author }),
    }));
    return { current, entries };
  },

  'cell.restore': ({ store }, { sheetId, rowId, columnKey, changeId }) => {
    store.assertSheet(sheetId);
    const step = store.cellHistory(sheetId, rowId, columnKey).steps.find((entry) => entry.changeId === changeId);
    if (!step || step.after === null) {
      throw PlanbenchError.of(
        'not_found',
        `该单元格的历史中没有这一步（${changeId}），或那一步之后该行已不存在`,
        `this cell's history has no such step (${changeId}), or the row did not exist after it`,
      );
    }
    const when = step.at.slice(0, 16).replace('T', ' ');
    // As if typed: a computed cell is not restored over, and what is computed from this one follows.
    return editCell(store, sheetId, rowId, columnKey, step.after, {
      source: 'user',
      label: `恢复单元格为 ${when} 的值`,
    });
  },

  'versions.list': ({ store }) => ({ versions: store.listVersions() }),

  'versions.save': ({ store }, { name, note }) => ({ version: store.saveVersion(name, note) }),

  'versions.compare': ({ store }, { from, to }) => compare(store, from, to),

  'versions.compareFile': async (context, { from, to, format, saveTo }) => {
    const comparison = compare(context.store, from, to);
    const out = filesOf(context).make(saveTo, safeFileName(comparisonTitle(comparison), `.${format}`));
    const meta = context.store.getMeta();
    const made =
      format === 'xlsx'
        ? { bytes: await comparisonWorkbook(comparison, meta), pages: null }
        : await comparisonPdf(comparison, meta);
    const bytes = Buffer.from(made.bytes.buffer, made.bytes.byteOffset, made.bytes.byteLength);
    writeFilesAtomically([{ file: out.path, bytes }]);
    return { ...out.made(bytes.byteLength), lines: comparisonLines(comparison).length, pages: made.pages };
  },

  'versions.restore': ({ store }, { version }) => {
    const { info, snapshot } = store.readVersion(version);
    return store.restoreSnapshot(snapshot, { source: 'user', label: `恢复到版本“${info.name}”` });
  },
};

function compare(store: PlanStore, from: string | number, to: string | number | undefined) {
  const before = store.readVersionBlocks(from);
  const after = to === undefined ? null : store.readVersionBlocks(to);
  const now = after?.snapshot ?? store.snapshotSince(before.snapshot, before.info.actionId);
  const sheets = compareBlocked(before.snapshot, now).filter(sheetChanged);
  return { from: before.info, to: after?.info ?? null, sheets };
}
