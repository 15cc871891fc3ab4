import type { ImportResult, ImportTarget } from '../../../shared/contract/calls/importing';
import type { GridRow, MergeRange } from '../../../shared/import/importGrid';
import type { PlanStore } from '../store/planStore';
import type { ByteSource } from '../formats/byteSource';
import { currentActor } from '../store/actor';
import { commitPreview, importOrigin, importResult, newSheetInit, refuseOutOfRange } from './commit';
import type { BuiltPreview, PreviewRequest, PreviewStream } from './preview';
import { buildPreview, PreviewBuilder, SheetChangedShape } from './preview';
import { CHUNK_ROWS, toRowBatch } from './rowBatches';
import type { RowWatcher } from '../formats/rowWatcher';
import type { WorkbookRead } from '../formats/workbook';
import { readWorkbook } from '../formats/workbook';
import { ImportWriterThread, WriterUnavailable } from './writer';

/**
 * Read, preview and commit a file in one go, as `planbench import` does. The wizard shows its
 * preview and commits later (commit.ts); a command commits what it previews at once, so for a
 * large file all three overlap: rows are previewed as the worksheet is read, and written by the
 * writer thread (writer.ts) while the rows after them are still being read and parsed. What is
 * committed is what the preview built, row for row, all of it in one transaction and one action,
 * or nothing.
 *
 * Reading and previewing together rests on what is known when the header is found: the sheet's
 * column count and merged ranges (a worksheet lists its merges after its rows). If the whole
 * sheet turns out otherwise, or the fast worksheet reader gives way to the general one, nothing
 * written counts: the writer rolls back and the import is previewed and committed again from the
 * rows read. A large CSV file is read first, then previewed while the writer writes; updates by
 * key and files too small for a thread to pay off go the plain way: read, preview, commit.
 */

/** Files from this size on (a workbook of some 20,000 rows) are written by the writer thread. */
export const WRITER_FROM_BYTES = 1_500_000;

/** Start the writer thread for a file this large, before the file is read (it loads meanwhile). */
export function writerFor(source: Pick<ByteSource, 'size'>): ImportWriterThread | null {
  return source.size >= WRITER_FROM_BYTES ? ImportWriterThread.start() : null;
}

export interface ImportFileRequest {
  sheetName?: string;
  header?: PreviewRequest['header'];
  /** Where the rows go, decided once the plan is open and the sheet is known. */
  target: (store: PlanStore, sheet: { format: WorkbookRead['format']; name: string }) => ImportTarget;
}

export interface ImportOptions {
  /** Opens the plan (once); called as late as the import allows. */
  openPlan: () => PlanStore;
  /** A writer thread started by writerFor(); null to commit in this thread. Finished or aborted here. */
  writer: ImportWriterThread | null;
  onProgress?: (done: number, total: number) => void;
  /** Called when the file is read (the preview may still be finishing). */
  onRead?: (read: WorkbookRead) => void;
  /** Called when the preview is complete (the writer thread may still be writing). */
  onPreviewed?: (built: BuiltPreview) => void;
}

export interface ImportOutcome {
  read: WorkbookRead;
  built: BuiltPreview;
  result: ImportResult;
  /**
   * How it went: 'streamed' — previewed while read and written by the writer thread meanwhile;
   * 'threaded' — read, then previewed while the writer thread wrote; 'here' — in this thread.
   */
  how: 'streamed' | 'threaded' | 'here';
}

/** Sends the preview's rows to the writer thread as they are parsed. */
function writerStream(
  writer: ImportWriterThread,
  store: PlanStore,
  fileName: string,
  sourceSheet: string,
  onBegin: () => void,
): PreviewStream {
  return {
    chunkRows: CHUNK_ROWS,
    columns: ({ target, columns }) => {
      writer.begin({
        planFile: store.file,
        // The writer thread logs the action as this call's caller.
        origin: { ...importOrigin(fileName), actor: currentActor() },
        sheet:
          target.kind === 'new'
            ? { create: newSheetInit(fileName, sourceSheet, target, columns) }
            : { sheetId: target.sheetId! },
        columnKeys: columns.map((column) => column.key),
      });
      onBegin();
    },
    rows: (rows, start) => writer.rows(toRowBatch(rows, start, true)),
  };
}

/**
 * Previews a worksheet while it is read (see the module comment). Anything that goes wrong here
 * is kept for after the read, so the reader itself only ever fails for reasons of its own.
 */
class LivePreview implements RowWatcher {
  builder: PreviewBuilder | null = null;
  request: PreviewRequest | null = null;
  /** The writer has been told to begin: what it has must be committed or rolled back. */
  begun = false;
  /** Rows were reported that no longer count, or previewing failed: finish the plain way. */
  stopped = false;
  failure: unknown = null;

  constructor(
    private readonly request0: ImportFileRequest,
    private readonly options: ImportOptions,
    private readonly writer: ImportWriterThread,
    private readonly fileName: string,
  ) {}

  sheet(name: string, shape: () => { columnCount: number; merges: readonly MergeRange[] }): void {
    if (this.stopped) return;
    this.attempt(() => {
      const store = this.options.openPlan();
      const request = previewRequest(this.request0, store, { format: 'xlsx', name });
      this.request = request;
      // An update compares with the plan's rows first: it is previewed after the read.
      this.builder =
        request.target.kind === 'update'
          ? null
          : new PreviewBuilder(
              store,
              this.fileName,
              name,
              request,
              shape,
              writerStream(this.writer, store, this.fileName, name, () => (this.begun = true)),
            );
    });
  }

  row(row: GridRow): void {
    if (this.stopped || !this.builder) return;
    const builder = this.builder;
    this.attempt(() => builder.row(row));
  }

  restart(): void {
    this.stopped = true;
  }

  private attempt(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.failure = error;
      this.stopped = true;
    }
  }
}

function previewRequest(
  request: ImportFileRequest,
  store: PlanStore,
  sheet: { format: WorkbookRead['format']; name: string },
): PreviewRequest {
  return {
    target: request.target(store, sheet),
    ...(request.sheetName !== undefined ? { sheetName: request.sheetName } : {}),
    ...(request.header ? { header: request.header } : {}),
  };
}

export async function importFile(
  source: ByteSource,
  request: ImportFileRequest,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const writer = options.writer;
  // Progress is shown against the total, known once the preview is complete.
  let total: number | null = null;
  let written = 0;
  if (writer) {
    writer.onProgress = (done) => {
      written = done;
      if (total !== null) options.onProgress?.(done, total);
    };
  }
  const announceTotal = (count: number) => {
    total = count;
    if (written > 0) options.onProgress?.(written, count);
  };

  const live = writer ? new LivePreview(request, options, writer, source.name) : null;
  let read: WorkbookRead;
  try {
    read = await readWorkbook(source, request.sheetName, live ?? undefined);
    options.onRead?.(read);
    if (live?.failure) throw live.failure;
  } catch (error) {
    await writer?.abort();
    throw error;
  }
  const store = options.openPlan();
  const plainRequest = () =>
    live?.request ?? previewRequest(request, store, { format: read.format, name: read.grid.name });

  // The rows went to the writer as they were read: finish the preview, then commit.
  if (writer && live?.builder && !live.stopped) {
    let built: BuiltPreview | null = null;
    try {
      built = live.builder.finish(read);
    } catch (error) {
      await writer.abort();
      if (!(error instanceof SheetChangedShape)) throw error;
    }
    if (built) {
      options.onPreviewed?.(built);
      announceTotal(built.rows.length);
      return { read, built, ...(await finishWriter(writer, store, built, options, 'streamed')) };
    }
    return { read, ...commitHere(store, read, plainRequest(), options) };
  }
  // The writer began on rows that no longer count: roll them back, and commit here.
  if (writer && live?.begun) {
    await writer.abort();
    return { read, ...commitHere(store, read, plainRequest(), options) };
  }
  const previewed = plainRequest();
  if (!writer || previewed.target.kind === 'update') {
    await writer?.abort();
    return { read, ...commitHere(store, read, previewed, options) };
  }
  // Read first (a CSV file), then preview while the writer writes.
  let built: BuiltPreview;
  try {
    built = buildPreview(
      store,
      read,
      previewed,
      writerStream(writer, store, read.fileName, read.grid.name, () => undefined),
    );
  } catch (error) {
    await writer.abort();
    throw error;
  }
  options.onPreviewed?.(built);
  announceTotal(built.rows.length);
  return { read, built, ...(await finishWriter(writer, store, built, options, 'threaded')) };
}

/** Preview and commit in this thread. */
function commitHere(
  store: PlanStore,
  read: WorkbookRead,
  request: PreviewRequest,
  options: ImportOptions,
): Omit<ImportOutcome, 'read'> {
  const built = buildPreview(store, read, request);
  options.onPreviewed?.(built);
  return {
    built,
    result: commitPreview(store, built, options.onProgress ? { onProgress: options.onProgress } : {}),
    how: 'here',
  };
}

/** The preview is complete: the writer commits. If it never could start here, commit in this thread. */
async function finishWriter(
  writer: ImportWriterThread,
  store: PlanStore,
  built: BuiltPreview,
  options: ImportOptions,
  how: 'streamed' | 'threaded',
): Promise<{ result: ImportResult; how: ImportOutcome['how'] }> {
  try {
    refuseOutOfRange(built);
  } catch (error) {
    await writer.abort();
    throw error;
  }
  try {
    const { sheetId, actionId } = await writer.finish({
      key: built.layoutKey,
      matches: built.matches,
      columns: built.columns,
    });
    return {
      result: importResult(built, { sheetId, actionId, inserted: built.rows.length, updated: 0, cellsChanged: 0 }),
      how,
    };
  } catch (error) {
    if (!(error instanceof WriterUnavailable)) throw error;
    return {
      result: commitPreview(store, built, options.onProgress ? { onProgress: options.onProgress } : {}),
      how: 'here',
    };
  }
}
