/**
 * The zip layer (npm run bench, section "Zip"; alone: `node --import tsx bench/zip.ts`).
 *
 * Our own zip reader (electron/core/formats/zip.ts) and writer (electron/core/formats/zipWriter.ts) against
 * the maintained libraries doing the same work in the same run, on the 100,000-row benchmark
 * workbook (BENCH_ZIP_ROWS):
 *   - read: every entry of the file on disk inflated as a stream, its bytes counted and its CRC-32
 *     checked — ours (openZip + entryChunks with every cap on) against yauzl (open + eachEntry +
 *     openReadStream, with the CRC-32 computed on top, since yauzl does not check it);
 *   - write: the same parts, handed over as 64 KiB pieces of text as the export produces them,
 *     deflated at level 6 into a file — ours (ZipWriter + FileSink) against yazl (addReadStream
 *     of a PassThrough per entry, piped to a file).
 * Each side runs REPS times, alternating, after a warm-up; medians of wall and CPU time (CPU
 * counts zlib's worker threads too, and is steadier on a shared machine). The ratio is the
 * library's time over ours: above 1.05 is a loss of more than 5% (issue 14's threshold for
 * keeping our own code).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { FileSink, ZipWriter } from '../electron/core/formats/zipWriter';
import { fileSource } from '../electron/core/formats/byteSource';
import { IMPORT_CAPS } from '../electron/core/formats/caps';
import { entryChunks, openZip } from '../electron/core/formats/zip';
import { largeProjectsXlsx } from '../tests/fixtures/largeWorkbook';
import { fmtMs, fmtRatio, msSince, now, summarize, table } from './stats';

const ROWS = Number(process.env.BENCH_ZIP_ROWS ?? 100_000);
const REPS = Number(process.env.BENCH_ZIP_REPS ?? 7);
const PIECE_CHARS = 64 * 1024;
/** The library may be this much slower before we keep our own code (issue 14). */
export const ZIP_LOSS_LIMIT = 1.05;
/** 1980-01-01, the DOS epoch: the same fixed stamp our writer uses. */
const DOS_EPOCH = new Date(1980, 0, 1);

interface Part {
  name: string;
  pieces: string[];
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function timedRun(work: () => Promise<number>): Promise<{ ms: number; cpuMs: number; bytes: number }> {
  const cpu = cpuMs();
  const start = now();
  const bytes = await work();
  return { ms: msSince(start), cpuMs: cpuMs() - cpu, bytes };
}

// ---- read -----------------------------------------------------------------------------------

async function readOurs(file: string): Promise<number> {
  const source = await fileSource(file);
  try {
    const zip = await openZip(source);
    let total = 0;
    for (const entry of zip.entries.values()) {
      for await (const chunk of entryChunks(zip, entry, IMPORT_CAPS.uncompressedBytes)) total += chunk.length;
    }
    return total;
  } finally {
    await source.close();
  }
}

async function readYauzl(file: string): Promise<number> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  try {
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      const stream = await zip.openReadStreamPromise(entry);
      let crc = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.length;
        crc = zlib.crc32(chunk, crc);
      }
      if (crc >>> 0 !== entry.crc32 >>> 0) throw new Error(`${entry.fileName}: CRC mismatch`);
    }
    return total;
  } finally {
    zip.close();
  }
}

/**
 * yauzl reading through our ByteSource (as the importer would wire it: the UI hands over bytes,
 * the CLI a file), so that it reads in the same 256 KiB pieces as ours; yauzl still inflates.
 */
async function readYauzlOverSource(file: string): Promise<number> {
  const source = await fileSource(file);
  class SourceReader extends yauzl.RandomAccessReader {
    override _readStreamForRange(start: number, end: number) {
      return source.stream(start, end);
    }
  }
  const zip = await yauzl.fromRandomAccessReaderPromise(new SourceReader(), source.size, {
    lazyEntries: true,
    autoClose: false,
    validateEntrySizes: true,
  });
  try {
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      const stream = await zip.openReadStreamPromise(entry);
      let crc = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.length;
        crc = zlib.crc32(chunk, crc);
      }
      if (crc >>> 0 !== entry.crc32 >>> 0) throw new Error(`${entry.fileName}: CRC mismatch`);
    }
    return total;
  } finally {
    zip.close();
    await source.close();
  }
}

// ---- write ----------------------------------------------------------------------------------

async function writeOurs(parts: readonly Part[], file: string): Promise<number> {
  const zip = new ZipWriter(new FileSink(file));
  for (const part of parts) {
    const entry = zip.entry(part.name);
    for (const piece of part.pieces) await entry.text(piece);
    await entry.close();
  }
  await zip.finish();
  return fs.statSync(file).size;
}

async function writeYazl(parts: readonly Part[], file: string): Promise<number> {
  const zip = new yazl.ZipFile();
  const out = fs.createWriteStream(file);
  zip.outputStream.pipe(out);
  for (const part of parts) {
    const input = new PassThrough();
    zip.addReadStream(input, part.name, { mtime: DOS_EPOCH, compressionLevel: 6 });
    for (const piece of part.pieces) {
      if (!input.write(piece)) await new Promise<void>((resolve) => input.once('drain', resolve));
    }
    input.end();
  }
  zip.end();
  await finished(out);
  return fs.statSync(file).size;
}

// ---- the section ----------------------------------------------------------------------------

async function partsOf(file: string): Promise<Part[]> {
  const source = await fileSource(file);
  try {
    const zip = await openZip(source);
    const parts: Part[] = [];
    for (const entry of zip.entries.values()) {
      const chunks: Buffer[] = [];
      for await (const chunk of entryChunks(zip, entry, IMPORT_CAPS.uncompressedBytes)) chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('utf8');
      const pieces: string[] = [];
      for (let at = 0; at < text.length; at += PIECE_CHARS) pieces.push(text.slice(at, at + PIECE_CHARS));
      parts.push({ name: entry.name, pieces });
    }
    return parts;
  } finally {
    await source.close();
  }
}

interface Side {
  ms: number;
  cpuMs: number;
  bytes: number;
}

interface Compared {
  ours: Side;
  library: Side;
  /** The library's time over ours: above ZIP_LOSS_LIMIT, the library loses more than 5%. */
  wallRatio: number;
  cpuRatio: number;
}

export interface ZipBenchFigures {
  rows: number;
  reps: number;
  fileBytes: number;
  /** yauzl as its README shows it: open(path), reading the file itself. */
  readYauzlFile: Compared;
  /** yauzl reading through our ByteSource (as the importer would have to wire it). */
  readYauzlSource: Compared;
  writeYazl: Compared;
}

/** Each contender REPS times, in rotating order so that none always runs on a warmer cache. */
async function alternate(reps: number, contenders: readonly (() => Promise<number>)[]): Promise<Side[]> {
  for (const run of contenders) await run();
  const runs: Side[][] = contenders.map(() => []);
  for (let rep = 0; rep < reps; rep++) {
    for (let turn = 0; turn < contenders.length; turn++) {
      const index = (rep + turn) % contenders.length;
      runs[index]!.push(await timedRun(contenders[index]!));
    }
  }
  return runs.map((sides) => ({
    ms: summarize(sides.map((side) => side.ms)).p50,
    cpuMs: summarize(sides.map((side) => side.cpuMs)).p50,
    bytes: sides[0]!.bytes,
  }));
}

function compared(ours: Side, library: Side): Compared {
  return { ours, library, wallRatio: library.ms / ours.ms, cpuRatio: library.cpuMs / ours.cpuMs };
}

export async function zipBench(
  dir: string,
  log: (message: string) => void,
): Promise<{ tableRows: string[][]; figures: ZipBenchFigures }> {
  log(`zip: building the ${ROWS.toLocaleString('en')}-row workbook`);
  const file = path.join(dir, 'zip-bench.xlsx');
  fs.writeFileSync(file, largeProjectsXlsx(ROWS));
  const parts = await partsOf(file);
  log(`zip: read, ours vs yauzl (${REPS} runs each)`);
  const [readOursSide, readFileSide, readSourceSide] = await alternate(REPS, [
    () => readOurs(file),
    () => readYauzl(file),
    () => readYauzlOverSource(file),
  ]);
  for (const side of [readFileSide!, readSourceSide!]) {
    if (side.bytes !== readOursSide!.bytes)
      throw new Error(`zip bench: ours inflated ${readOursSide!.bytes} bytes, yauzl ${side.bytes}`);
  }
  log(`zip: write, ours vs yazl (${REPS} runs each)`);
  const [writeOursSide, writeYazlSide] = await alternate(REPS, [
    () => writeOurs(parts, path.join(dir, 'zip-ours.xlsx')),
    () => writeYazl(parts, path.join(dir, 'zip-yazl.xlsx')),
  ]);
  const figures: ZipBenchFigures = {
    rows: ROWS,
    reps: REPS,
    fileBytes: fs.statSync(file).size,
    readYauzlFile: compared(readOursSide!, readFileSide!),
    readYauzlSource: compared(readOursSide!, readSourceSide!),
    writeYazl: compared(writeOursSide!, writeYazlSide!),
  };
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  const row = (what: string, pair: Compared): string[] => [
    what,
    `${fmtMs(pair.ours.ms)} (cpu ${fmtMs(pair.ours.cpuMs)})`,
    `${fmtMs(pair.library.ms)} (cpu ${fmtMs(pair.library.cpuMs)})`,
    `${fmtRatio(pair.wallRatio)} (cpu ${fmtRatio(pair.cpuRatio)})`,
    Math.min(pair.wallRatio, pair.cpuRatio) > ZIP_LOSS_LIMIT ? 'library loses > 5%' : 'within 5% or faster',
  ];
  const tableRows = [
    row(`read ${mib(figures.fileBytes)} → ${mib(readOursSide!.bytes)}, yauzl open(path)`, figures.readYauzlFile),
    row('read, yauzl over our ByteSource', figures.readYauzlSource),
    row(`write → ours ${mib(writeOursSide!.bytes)}, yazl ${mib(writeYazlSide!.bytes)}`, figures.writeYazl),
  ];
  return { tableRows, figures };
}

export const ZIP_TABLE_HEADER = ['measure (median)', 'ours', 'yauzl / yazl', 'library/ours', 'verdict'];

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planbench-zip-bench-'));
  try {
    const { tableRows, figures } = await zipBench(dir, (message) => process.stderr.write(`[zip bench] ${message}\n`));
    process.stdout.write(`${table(ZIP_TABLE_HEADER, tableRows)}\n${JSON.stringify(figures)}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
