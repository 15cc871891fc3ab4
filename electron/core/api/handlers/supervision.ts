import type { SheetProgress, supervisionCalls } from '../../../../shared/contract/calls/supervision';
import { PlanbenchError } from '../../../../shared/contract/errors';
import type { PlanStore } from '../../store/planStore';
import { planThresholds, setPlanThresholds, sheetProgress, today } from '../../supervision/progress';
import { openRound, roundFill, roundProgress, roundStatus } from '../../supervision/rounds';
import fs from 'node:fs';
import { writeFilesAtomically } from '../../formats/fileWrites';
import { FileSink } from '../../formats/zipWriter';
import { chaseRows, writeChaseWorkbook } from '../../supervision/chaseWorkbook';
import { chasePdf } from '../../supervision/chasePdf';
import { reportDocx } from '../../supervision/reportDocx';
import { reportPdf } from '../../supervision/reportPdf';
import type { HandlersFor } from '../context';
import { supervisionTrend } from '../../views/supervisionTrend';
import { filesOf } from '../files';
import { exchangeHandlers } from './exchange';

/** The sheet as a round reported it — a round of that sheet — or as it stands on a date. */
function progressFor(
  store: PlanStore,
  sheetId: number,
  roundId: number | undefined,
  asOf: string | undefined,
): SheetProgress {
  if (roundId === undefined) return sheetProgress(store, sheetId, asOf ?? today());
  const progress = roundProgress(store, roundId, asOf);
  if (progress.sheetId !== sheetId) {
    throw PlanbenchError.of(
      'invalid_input',
      `报送轮次“${progress.round ?? roundId}”不属于工作表“${store.getSheet(sheetId).name}”`,
      `round "${progress.round ?? roundId}" is not a round of sheet "${store.getSheet(sheetId).name}"`,
    );
  }
  return progress;
}

/** Supervision (督查督办): statuses as of a date or a round, the plan's thresholds, reporting rounds. */
export const supervisionHandlers: HandlersFor<typeof supervisionCalls> = {
  'supervision.progress': ({ store }, { sheetId, asOf, roundId }) => progressFor(store, sheetId, roundId, asOf),
  'supervision.trend': ({ store }, { asOf }) => supervisionTrend(store, asOf),
  'supervision.thresholds.get': ({ store }) => ({ thresholds: planThresholds(store) }),
  'supervision.thresholds.set': ({ store }, { thresholds }) => ({ thresholds: setPlanThresholds(store, thresholds) }),

  'supervision.report': async (context, { sheetId, roundId, asOf, format = 'pdf', saveTo }) => {
    const { store } = context;
    const sheet = store.getSheet(sheetId);
    const out = filesOf(context).make(saveTo, `${sheet.name}督查通报.${format}`);
    const progress = progressFor(store, sheetId, roundId, asOf);
    const title = `关于${sheet.name}推进情况的通报`;
    if (format === 'docx') {
      const bytes = await reportDocx(title, progress);
      writeFilesAtomically([{ file: out.path, bytes }]);
      return { ...out.made(bytes.byteLength), pages: null };
    }
    const pdf = await reportPdf(title, progress);
    writeFilesAtomically([
      { file: out.path, bytes: Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength) },
    ]);
    return { ...out.made(pdf.bytes.byteLength), pages: pdf.pages };
  },
  'rounds.open': ({ store }, input) => openRound(store, input),
  'rounds.list': ({ store }, { sheetId }) => {
    if (sheetId !== undefined) store.assertSheet(sheetId);
    return { rounds: store.rounds.list(sheetId) };
  },
  // The existing send-out, asking for the round's progress columns with the figures the plan has
  // (the last round's, once collected); the round remembers its batch, so returns land in it.
  'rounds.sendout': async (context, { roundId, ...options }) => {
    const round = context.store.rounds.get(roundId);
    const result = await exchangeHandlers['sendout.create'](context, {
      ...options,
      sheetId: round.sheetId,
      fill: roundFill(context.store, round),
      dueDate: round.due,
    });
    context.store.rounds.setBatch(round.id, result.batchId);
    return result;
  },
  'rounds.status': ({ store }, { roundId, today: on }) => roundStatus(store, roundId, on),
  'rounds.chaseList': async (context, { roundId, today: on, format = 'xlsx', saveTo }) => {
    const { store } = context;
    const status = roundStatus(store, roundId, on);
    const sheetName = store.getSheet(status.round.sheetId).name;
    const out = filesOf(context).make(saveTo, `${sheetName}${status.round.name}催报清单.${format}`);
    if (format === 'pdf') {
      const pdf = await chasePdf(status, sheetName);
      writeFilesAtomically([
        { file: out.path, bytes: Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength) },
      ]);
      return { ...out.made(pdf.bytes.byteLength), rows: chaseRows(status).length, pages: pdf.pages };
    }
    // Streamed to the file under a temporary name, renamed into place once complete.
    const sink = new FileSink(out.path);
    let rows: number;
    try {
      rows = await writeChaseWorkbook(status, sheetName, sink);
    } catch (error) {
      sink.discard();
      throw error;
    }
    return { ...out.made(fs.statSync(out.path).size), rows };
  },
};
