import { z } from 'zod';
import { call, Id } from '../define';

/**
 * Comments (批注) on cells and on whole rows, as Excel has them: a text with its author and
 * time. Adding, editing and deleting one is an undoable action in the change log; the change
 * envelope says a sheet's comments changed (commentsChanged) so every window reads them again.
 */

/** A column's key, or null: the comment is on the whole row (shown on its 序号). */
const CommentColumn = z.string().min(1).max(200).nullable();

export const PlanComment = z
  .object({
    rowId: Id,
    columnKey: CommentColumn,
    text: z.string(),
    /** Who wrote it as people read it: the OS user, or the department or file it came from. */
    author: z.string(),
    /** ISO 8601, UTC. */
    at: z.string(),
  })
  .strict();
export type PlanComment = z.infer<typeof PlanComment>;

const Place = { sheetId: Id, rowId: Id, columnKey: CommentColumn };

export const commentsCalls = {
  'comments.list': call(
    z.object({ sheetId: Id }).strict(),
    z.object({ comments: z.array(PlanComment) }).strict(),
    "Every comment of a sheet, on cells and on whole rows, in the sheet's order.",
  ),
  'comments.set': call(
    z.object({ ...Place, text: z.string().max(40_000) }).strict(),
    z.object({ actionId: Id.nullable(), comment: PlanComment }).strict(),
    'Add a comment to a cell or a row, or change its text, as one undoable action (the same text again changes nothing).',
  ),
  'comments.delete': call(
    z.object(Place).strict(),
    z.object({ actionId: Id }).strict(),
    'Delete the comment of a cell or a row as one undoable action; none there is not_found.',
  ),
} as const;
