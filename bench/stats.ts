/** Timing and summary helpers for the benchmark (process.hrtime.bigint, milliseconds out). */

export function now(): bigint {
  return process.hrtime.bigint();
}

export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Time one call; returns its result and the elapsed milliseconds. */
export function timed<T>(work: () => T): { result: T; ms: number } {
  const start = now();
  const result = work();
  return { result, ms: msSince(start) };
}

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of already sorted samples. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const middle = Math.floor(n / 2);
  const p50 =
    n === 0
      ? Number.NaN
      : n % 2 === 1
        ? (sorted[middle] ?? Number.NaN)
        : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return {
    n,
    min: sorted[0] ?? Number.NaN,
    p50,
    p95: percentile(sorted, 95),
    max: sorted[n - 1] ?? Number.NaN,
    mean: n === 0 ? Number.NaN : sorted.reduce((sum, value) => sum + value, 0) / n,
  };
}

/** Run `work` `warmup` times untimed, then `reps` times timed. */
export function repeat(reps: number, warmup: number, work: (index: number) => void): Summary {
  for (let i = 0; i < warmup; i++) work(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = now();
    work(i);
    samples.push(msSince(start));
  }
  return summarize(samples);
}

/** Small deterministic PRNG (mulberry32), so every run edits the same rows with the same texts. */
export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(3)} ms`;
}

export function fmtRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—';
}

/** A plain text table; widths count CJK characters as two columns. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const width = (text: string): number => {
    let w = 0;
    for (const ch of text)
      w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
    return w;
  };
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => width(row[column] ?? ''))));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => {
        const pad = (widths[column] ?? 0) - width(cell);
        return column === 0 ? cell + ' '.repeat(pad) : ' '.repeat(pad) + cell;
      })
      .join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
