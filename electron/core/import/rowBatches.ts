import type { ActionOrigin, PlanStore } from '../store/planStore';
import type { PreparedRow } from './preparedRow';

/**
 * Imported rows on their way into the plan, a chunk at a time: the preview's parsed cells, flat,
 * in a form that costs little to send to the writer thread (writer.ts). A chunk's texts travel
 * joined into one string — copying a million small strings between threads costs more than
 * writing them to SQLite, one long string costs almost nothing — and are split again on arrival;
 * its numbers travel in typed arrays, which are handed over rather than copied.
 */

/** Rows per chunk: one change-log record and one progress step each. */
export const CHUNK_ROWS = 2_000;

const SEPARATOR = '\u0000';

export interface RowBatch {
  /** Index of the chunk's first row among all the rows imported. */
  start: number;
  count: number;
  /** The cells' texts row by row ('' when empty), joined with U+0000; or, when a text holds U+0000 itself, as a list. */
  joined: string | null;
  texts: string[] | null;
  /** The cells' numbers, aligned with the texts: as a list, or packed to send to the thread. */
  nums: (bigint | number | null)[] | null;
  packed: PackedNumbers | null;
  /** Per row: the index (among all rows imported) of the row it sits under, or -1. */
  parents: Int32Array;
}

/**
 * Numbers in typed arrays, which cross to a thread without being copied element by element:
 * per cell whether it has none, a plain number or an amount in 分.
 */
interface PackedNumbers {
  kinds: Uint8Array;
  numbers: Float64Array;
  fen: BigInt64Array;
}

const NONE = 0;
const NUMBER = 1;
const FEN = 2;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function pack(nums: readonly (bigint | number | null)[]): PackedNumbers | null {
  const packed = {
    kinds: new Uint8Array(nums.length),
    numbers: new Float64Array(nums.length),
    fen: new BigInt64Array(nums.length),
  };
  for (let at = 0; at < nums.length; at++) {
    const num = nums[at];
    if (num === null || num === undefined) continue;
    if (typeof num === 'number') {
      packed.kinds[at] = NUMBER;
      packed.numbers[at] = num;
    } else {
      // An amount past 64 bits would wrap in the array: send the list (SQLite refuses it anyway).
      if (num < INT64_MIN || num > INT64_MAX) return null;
      packed.kinds[at] = FEN;
      packed.fen[at] = num;
    }
  }
  return packed;
}

function unpack(packed: PackedNumbers): (bigint | number | null)[] {
  const { kinds, numbers, fen } = packed;
  const nums = new Array<bigint | number | null>(kinds.length);
  for (let at = 0; at < kinds.length; at++)
    nums[at] = kinds[at] === NONE ? null : kinds[at] === FEN ? fen[at]! : numbers[at]!;
  return nums;
}

/** The buffers a batch can hand over to the thread instead of copying. */
export function transferables(batch: RowBatch): ArrayBuffer[] {
  const buffers = [batch.parents.buffer];
  if (batch.packed) buffers.push(batch.packed.kinds.buffer, batch.packed.numbers.buffer, batch.packed.fen.buffer);
  return buffers as ArrayBuffer[];
}

/** Rows [start, start + count) of the imported rows as a batch; `forThread` to send it to the writer thread. */
export function toRowBatch(rows: readonly PreparedRow[], start: number, forThread: boolean): RowBatch {
  const count = rows.length;
  const width = rows[0]?.cells.length ?? 0;
  const texts = new Array<string>(count * width);
  const nums = new Array<bigint | number | null>(count * width);
  const parents = new Int32Array(count);
  let separatorInside = false;
  for (let index = 0, at = 0; index < count; index++) {
    const row = rows[index]!;
    parents[index] = row.parentIndex ?? -1;
    for (const cell of row.cells) {
      texts[at] = cell.text;
      nums[at++] = cell.text === '' ? null : cell.num;
      if (forThread && cell.text.includes(SEPARATOR)) separatorInside = true;
    }
  }
  const join = forThread && !separatorInside;
  const packed = forThread ? pack(nums) : null;
  return {
    start,
    count,
    joined: join ? texts.join(SEPARATOR) : null,
    texts: join ? null : texts,
    nums: packed ? null : nums,
    packed,
    parents,
  };
}

/**
 * Writes an import's batches into one sheet, inside the caller's action: the same code in the
 * main thread (the wizard's commit) and in the writer thread (a large import from the command
 * line). Rows get consecutive ids across batches, so a row whose item is in an earlier batch
 * finds it by id.
 */
export class RowBatchWriter {
  private firstRowId: number | null = null;
  private written = 0;
  actionId: number | null = null;

  constructor(
    private readonly store: PlanStore,
    private readonly sheetId: number,
    private readonly columnKeys: readonly string[],
    private readonly origin: ActionOrigin,
  ) {}

  write(batch: RowBatch): void {
    if (batch.start !== this.written) throw new Error(`row batches out of order: ${batch.start} after ${this.written}`);
    const texts = batch.joined !== null ? (batch.count === 0 ? [] : batch.joined.split(SEPARATOR)) : batch.texts!;
    const parentIndexes: (number | null)[] = [];
    const parentRowIds: (number | null)[] = [];
    for (let index = 0; index < batch.count; index++) {
      const parent = batch.parents[index]!;
      const inBatch = parent >= batch.start;
      parentIndexes.push(parent >= 0 && inBatch ? parent - batch.start : null);
      parentRowIds.push(parent >= 0 && !inBatch ? this.firstRowId! + parent : null);
    }
    const nums = batch.nums ?? unpack(batch.packed!);
    const { actionId, firstRowId } = this.store.appendParsedRows(
      this.sheetId,
      this.columnKeys,
      { texts, nums, parentIndexes, parentRowIds },
      this.origin,
    );
    this.firstRowId ??= firstRowId;
    if (firstRowId !== this.firstRowId + batch.start) throw new Error('imported rows did not get consecutive ids');
    this.actionId = actionId;
    this.written += batch.count;
  }

  get rows(): number {
    return this.written;
  }
}
