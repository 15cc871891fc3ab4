import { randomUUID } from 'node:crypto';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { FileToRead } from '../api/files';
import type { BuiltPreview } from './preview';

/**
 * Previews waiting for their commit, kept on the main side: the renderer holds only an id. A
 * preview of a large file is large, so the cache is small (a few entries, a cap on the rows
 * held) and entries expire; an expired preview is simply previewed again.
 */

export interface CachedPreview {
  id: string;
  /** The file, so a re-preview (another sheet, header or mapping) needs no new upload. */
  file: FileToRead;
  built: BuiltPreview;
  lastUsed: number;
}

export interface CacheLimits {
  entries: number;
  /** Parsed rows held across all previews. */
  rows: number;
  idleMs: number;
}

export const PREVIEW_CACHE_LIMITS: Readonly<CacheLimits> = {
  entries: 4,
  rows: 400_000,
  idleMs: 30 * 60 * 1000,
};

export class PreviewCache {
  private readonly entries = new Map<string, CachedPreview>();

  constructor(
    private readonly limits: Readonly<CacheLimits> = PREVIEW_CACHE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  put(file: FileToRead, built: BuiltPreview): CachedPreview {
    this.expire();
    const entry: CachedPreview = { id: randomUUID(), file, built, lastUsed: this.now() };
    this.entries.set(entry.id, entry);
    // Least recently used first out, until the newest fits (it always stays).
    while (this.entries.size > 1 && this.overLimits()) {
      const oldest = [...this.entries.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0]!;
      if (oldest.id === entry.id) break;
      this.entries.delete(oldest.id);
    }
    return entry;
  }

  /** The preview, or a not_found error saying it expired. */
  get(id: string): CachedPreview {
    this.expire();
    const entry = this.entries.get(id);
    if (!entry) {
      throw PlanbenchError.of(
        'not_found',
        '导入预览已过期或不存在，请重新选择文件预览',
        'the import preview has expired or does not exist; choose the file again to preview it',
      );
    }
    entry.lastUsed = this.now();
    // Re-inserting keeps the map in recency order for the next eviction.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry;
  }

  drop(id: string): boolean {
    return this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }

  private overLimits(): boolean {
    let rows = 0;
    for (const entry of this.entries.values()) rows += entry.built.rows.length;
    return this.entries.size > this.limits.entries || rows > this.limits.rows;
  }

  private expire(): void {
    const cutoff = this.now() - this.limits.idleMs;
    for (const [id, entry] of this.entries) if (entry.lastUsed < cutoff) this.entries.delete(id);
  }
}

/** The main side's previews (one process serves one plan window at a time). */
export const previewCache = new PreviewCache();
