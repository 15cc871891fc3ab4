import { z } from 'zod';
import { call, Id } from '../define';
import { VersionInfo } from './versions';

/**
 * A version read beside the plan: one sheet of a saved version, page by page, each cell as the
 * version has it and marked where the plan now differs. Only reads: nothing addresses a version
 * to write it, so a version shown can never be changed.
 */

const VersionRef = z.union([z.string().trim().min(1).max(100), Id]);

export const VersionSheetRow = z
  .object({
    rowId: Id,
    cells: z.record(z.string(), z.string()),
    /** The cells that differ now: column key → the text now. */
    now: z.record(z.string(), z.string()),
    /** The row is no longer in the plan. */
    deleted: z.boolean(),
  })
  .strict();
export type VersionSheetRow = z.infer<typeof VersionSheetRow>;

export const versionViewCalls = {
  'versions.sheet': call(
    z
      .object({
        version: VersionRef,
        /** Absent: the version's first sheet. */
        sheetId: Id.optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(2000).default(200),
      })
      .strict(),
    z
      .object({
        version: VersionInfo,
        sheets: z.array(z.object({ id: Id, name: z.string() }).strict()),
        sheet: z.object({ id: Id, name: z.string() }).strict(),
        columns: z.array(z.object({ key: z.string(), name: z.string() }).strict()),
        total: z.number().int(),
        offset: z.number().int(),
        rows: z.array(VersionSheetRow),
        /** How many rows the plan has now that the version does not. */
        addedSince: z.number().int(),
      })
      .strict(),
    'One sheet of a saved version, read-only, a page of rows with the cells that differ now marked.',
  ),
};
