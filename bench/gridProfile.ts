/**
 * Where the grid page's main-thread time goes: a CPU profile of a window of time, mapped back
 * through the bundle's source maps to the product's own files and the libraries (bench/grid.ts).
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Generated line → segments [column, source, original line, name or -1], sorted by column. */
type Segments = number[][];

/** A bundle's source map, decoded enough to say which source file and function a position is in. */
export class SourceMap {
  private readonly lines: Segments[] = [];

  constructor(
    private readonly sources: readonly string[],
    private readonly names: readonly string[],
    mappings: string,
  ) {
    let source = 0;
    let line = 0;
    let name = 0;
    for (const text of mappings.split(';')) {
      const segments: Segments = [];
      let column = 0;
      for (const segment of text.split(',')) {
        if (segment === '') continue;
        const fields = decodeVlq(segment);
        column += fields[0] ?? 0;
        if (fields.length >= 4) {
          source += fields[1]!;
          line += fields[2]!;
          if (fields.length >= 5) name += fields[4]!;
          segments.push([column, source, line, fields.length >= 5 ? name : -1]);
        }
      }
      this.lines.push(segments);
    }
  }

  static read(file: string): SourceMap {
    const map = JSON.parse(fs.readFileSync(file, 'utf8')) as { sources: string[]; names: string[]; mappings: string };
    return new SourceMap(map.sources, map.names, map.mappings);
  }

  /** The source file and original name at a generated position (0-based line and column). */
  lookup(line: number, column: number): { source: string; line: number; name: string | null } | null {
    const segments = this.lines[line];
    if (!segments || segments.length === 0) return null;
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (segments[middle]![0]! <= column) low = middle;
      else high = middle - 1;
    }
    const segment = segments[low]!;
    if (segment[0]! > column) return null;
    return {
      source: this.sources[segment[1]!] ?? '?',
      line: segment[2]! + 1,
      name: segment[3]! >= 0 ? (this.names[segment[3]!] ?? null) : null,
    };
  }
}

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** The part of the product a source file belongs to. */
function bucketOf(source: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];
  if (pkg === 'ag-grid-community' || pkg === 'ag-grid-react' || pkg === 'ag-stack') return 'AG Grid';
  if (pkg === 'react' || pkg === 'react-dom' || pkg === 'scheduler') return 'React';
  if (pkg) return pkg;
  const own = /((?:renderer\/src|shared)\/.*)$/.exec(source)?.[1];
  return own ?? source;
}

const SPECIAL_FRAMES: Record<string, string | null> = {
  // Native work outside JavaScript: parsing answers (Response.json), style, layout, paint.
  '(program)': 'browser native',
  '(garbage collector)': 'garbage collection',
  '(idle)': null,
  '(root)': null,
};

export interface ProfileWindow {
  name: string;
  /** Epoch milliseconds (performance.timeOrigin + performance.now()). */
  from: number;
  to: number;
}

export interface Attribution {
  /** Milliseconds of main-thread time per part (idle left out). */
  parts: Record<string, number>;
  /** The functions with the most self time: original name (from the source map) and file. */
  top: { fn: string; ms: number }[];
}

/**
 * Samples the page's main thread with the V8 CPU profiler (through CDP) while `work` runs, and
 * attributes the time in each window to AG Grid, React, the app's own files, zod, the browser's
 * style/layout/paint and garbage collection. Positions in the bundle are mapped back through
 * its source map; built-ins (url '') count for the frame that called them.
 */
export async function profileWindows(
  page: Page,
  sourceMaps: ReadonlyMap<string, SourceMap>,
  work: () => Promise<ProfileWindow[]>,
): Promise<Record<string, Attribution>> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 250 });
    await session.send('Profiler.start');
    const startedAt = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const windows = await work();
    const { profile } = (await session.send('Profiler.stop')) as { profile: CpuProfile };
    return Object.fromEntries(
      windows.map((window) => [window.name, attribute(profile, startedAt, window, sourceMaps)]),
    );
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** The source map of the bundle chunk a script URL names, if it is one of the build's. */
function chunkMap(sourceMaps: ReadonlyMap<string, SourceMap>, url: string): SourceMap | null {
  const name = url.slice(url.lastIndexOf('/') + 1);
  return sourceMaps.get(name) ?? null;
}

function attribute(
  profile: CpuProfile,
  startedAt: number,
  window: ProfileWindow,
  sourceMaps: ReadonlyMap<string, SourceMap>,
): Attribution {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const placeCache = new Map<number, { part: string | null; fn: string } | null>();
  /** Where a node's self time goes: its own part, or its caller's for built-ins. */
  const place = (id: number): { part: string | null; fn: string } | null => {
    if (placeCache.has(id)) return placeCache.get(id)!;
    const node = byId.get(id);
    let result: { part: string | null; fn: string } | null = null;
    if (node) {
      const frame = node.callFrame;
      if (frame.functionName in SPECIAL_FRAMES) {
        result = { part: SPECIAL_FRAMES[frame.functionName] ?? null, fn: frame.functionName };
      } else if (chunkMap(sourceMaps, frame.url)) {
        const original = chunkMap(sourceMaps, frame.url)!.lookup(frame.lineNumber, frame.columnNumber);
        const source = original?.source ?? '(unmapped bundle code)';
        const file = /((?:renderer\/src|shared)\/.*|node_modules\/.*)$/.exec(source)?.[1] ?? source;
        const name = original?.name ?? (frame.functionName || '(anonymous)');
        result = { part: bucketOf(source), fn: original ? `${name} (${file}:${original.line})` : `${name} (unmapped)` };
      } else if (frame.url === '') {
        const caller = parent.has(id) ? place(parent.get(id)!) : null;
        result = caller
          ? { part: caller.part, fn: `${frame.functionName || '(native)'} ← ${caller.fn}` }
          : { part: 'other (no script)', fn: frame.functionName || '(native)' };
      } else {
        result = {
          part: frame.url.includes('__gridBench') ? 'bench probe' : 'other scripts',
          fn: `${frame.functionName} (${frame.url})`,
        };
      }
    }
    placeCache.set(id, result);
    return result;
  };
  const parts: Record<string, number> = {};
  const functions = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let time = profile.startTime;
  for (let index = 0; index < samples.length; index++) {
    time += deltas[index] ?? 0;
    const at = startedAt + (time - profile.startTime) / 1000;
    const ms = (deltas[index + 1] ?? 0) / 1000;
    if (at < window.from || at > window.to) continue;
    const where = place(samples[index]!);
    if (!where || where.part === null) continue;
    parts[where.part] = (parts[where.part] ?? 0) + ms;
    if (!(where.fn in SPECIAL_FRAMES)) functions.set(where.fn, (functions.get(where.fn) ?? 0) + ms);
  }
  const top = [...functions.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([fn, ms]) => ({ fn, ms }));
  return { parts, top };
}
