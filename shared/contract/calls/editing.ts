import { z } from 'zod';
import { CellValue } from '../../values/cells';
import { ColumnDef, ColumnRole, ColumnSettings, ColumnType, SheetKind } from '../../model/columns';
import { MONEY_UNITS } from '../../values/money';
import { call, Empty, Id } from '../define';
import { SheetInfo } from './core';

/**
 * Editing a sheet: cells (typed, pasted, filled, cleared), rows, columns, and undo/redo over
 * the change log. Every call that changes data is one action in the log.
 */

const CellText = z.string().max(100_000);

/** A cell to set: on an existing row, or on one of the rows this call appends. */
const CellEditInput = z.union([
  z.object({ rowId: Id, columnKey: z.string().min(1).max(200), text: CellText }).strict(),
  z
    .object({ newRow: z.number().int().min(0).max(100_000), columnKey: z.string().min(1).max(200), text: CellText })
    .strict(),
]);

export const RejectedCellOutput = z
  .object({
    rowId: Id,
    row: z.number().int(),
    columnKey: z.string(),
    column: z.string(),
    text: z.string(),
    reasonZh: z.string(),
    reasonEn: z.string(),
  })
  .strict();
export type RejectedCellOutput = z.infer<typeof RejectedCellOutput>;

const RowPlaceInput = z.union([
  z.object({ at: z.literal('end') }).strict(),
  z.object({ at: z.enum(['before', 'after']), rowId: Id }).strict(),
]);

export const UndoCandidate = z.object({ actionId: Id, label: z.string(), at: z.string() }).strict();
/** Undo and redo: `overwrite` once the person agreed to overwrite a colleague's later changes. */
const ReplayInput = z.object({ overwrite: z.boolean().optional() }).strict();

const UndoOutcome = z
  .object({ actionId: Id, label: z.string(), sheetIds: z.array(Id) })
  .strict()
  .nullable();

/** How a user set up a sheet's grid; saved with the plan so it opens the same way. */
export const SheetView = z
  .object({
    /** How many of the first visible columns stay put while scrolling sideways. */
    freeze: z.number().int().min(0).max(20).default(0),
    /** Column keys to group rows by, outermost first (e.g. 大类 then 小类). */
    groupBy: z.array(z.string().min(1).max(200)).max(3).default([]),
    /** The unit money is shown in; null: each column's own unit. Display only. */
    moneyUnit: z.enum(MONEY_UNITS).nullable().default(null),
  })
  .strict();
export type SheetView = z.infer<typeof SheetView>;

export const editingCalls = {
  'sheets.create': call(
    z.object({ name: z.string().trim().min(1).max(60), kind: SheetKind }).strict(),
    SheetInfo,
    'Add a sheet of a kind, with that kind’s usual columns (undoable).',
  ),
  'sheets.rename': call(
    z.object({ sheetId: Id, name: z.string().trim().min(1).max(60) }).strict(),
    SheetInfo,
    'Rename a sheet (undoable); names are unique in a plan.',
  ),
  'sheet.view.get': call(z.object({ sheetId: Id }).strict(), SheetView, 'The saved grid setup of a sheet.'),
  'sheet.view.save': call(
    z.object({ sheetId: Id, view: SheetView }).strict(),
    SheetView,
    'Save the grid setup of a sheet.',
  ),
  'cells.update': call(
    z
      .object({
        sheetId: Id,
        edits: z.array(CellEditInput).min(1).max(200_000),
        /** Empty rows to add at the end first (a paste past the last row); edits reach them by newRow index. */
        appendRows: z.number().int().min(0).max(100_000).default(0),
        source: z.enum(['user', 'paste', 'fill']).default('user'),
        /** 'skip': leave cells that do not parse unchanged and report them; 'abort': change nothing. */
        onInvalid: z.enum(['skip', 'abort']).default('abort'),
        label: z.string().max(200).optional(),
      })
      .strict(),
    z
      .object({
        actionId: Id.nullable(),
        applied: z.array(z.object({ rowId: Id, columnKey: z.string(), cell: CellValue }).strict()),
        rejected: z.array(RejectedCellOutput),
        appendedRowIds: z.array(Id),
      })
      .strict(),
    'Set many cells from text as one action (a paste, a fill, a clear), parsed by column type.',
  ),
  'rows.insert': call(
    z.object({ sheetId: Id, place: RowPlaceInput, count: z.number().int().min(1).max(10_000).default(1) }).strict(),
    z.object({ actionId: Id, rowIds: z.array(Id) }).strict(),
    'Insert empty rows above or below a row, or at the end.',
  ),
  'rows.delete': call(
    z.object({ sheetId: Id, rowIds: z.array(Id).min(1).max(200_000) }).strict(),
    z.object({ actionId: Id, deleted: z.number().int() }).strict(),
    'Delete rows (and their sub-rows) as one undoable action.',
  ),
  'rows.duplicate': call(
    z.object({ sheetId: Id, rowIds: z.array(Id).min(1).max(10_000) }).strict(),
    z.object({ actionId: Id, rowIds: z.array(Id) }).strict(),
    'Copy rows, placing the copies after the last of them.',
  ),
  'rows.move': call(
    z.object({ sheetId: Id, rowIds: z.array(Id).min(1).max(200_000), beforeRowId: Id.nullable() }).strict(),
    z.object({ actionId: Id }).strict(),
    'Move rows before another row (or to the end), keeping their order.',
  ),
  'rows.renumber': call(
    z.object({ sheetId: Id, columnKey: z.string().min(1).max(200) }).strict(),
    z.object({ actionId: Id.nullable(), changed: z.number().int() }).strict(),
    'Renumber a 序号 column 1, 2, 3… in the current row order (top-level rows), as one action.',
  ),
  'columns.add': call(
    z
      .object({
        sheetId: Id,
        name: z.string().trim().min(1).max(100),
        type: ColumnType,
        role: ColumnRole.nullable().default(null),
        settings: ColumnSettings.default({}),
      })
      .strict(),
    ColumnDef,
    'Add a column at the end of a sheet.',
  ),
  'columns.update': call(
    z
      .object({
        sheetId: Id,
        columnKey: z.string().min(1).max(200),
        name: z.string().trim().min(1).max(100).optional(),
        type: ColumnType.optional(),
        role: ColumnRole.nullable().optional(),
        settings: ColumnSettings.optional(),
      })
      .strict(),
    ColumnDef,
    'Rename a column or change its type, role or settings; a new type re-reads every cell.',
  ),
  'columns.layout': call(
    z
      .object({
        sheetId: Id,
        layout: z
          .array(
            z
              .object({
                key: z.string().min(1).max(200),
                width: z.number().int().min(20).max(2000).nullable().optional(),
                hidden: z.boolean().optional(),
                position: z.number().int().min(0).max(10_000).optional(),
              })
              .strict(),
          )
          .min(1)
          .max(1000),
      })
      .strict(),
    z.object({ columns: z.array(ColumnDef) }).strict(),
    'Save column widths, visibility and order (layout; not in the change log).',
  ),
  'departments.add': call(
    z
      .object({
        name: z.string().trim().min(2).max(100),
        aliases: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
      })
      .strict(),
    z.object({ id: Id, name: z.string() }).strict(),
    'Add a unit to the plan’s department list (e.g. a name typed that the plan did not know).',
  ),
  'departments.setMembers': call(
    z
      .object({
        name: z.string().trim().min(2).max(100),
        /** Members by name or alias, in order; an empty list makes the unit a single addressee again. */
        members: z.array(z.string().trim().min(1).max(100)).max(500),
      })
      .strict(),
    z.object({ name: z.string(), members: z.array(z.string()) }).strict(),
    'Set the members a collective unit (各辖市区人民政府) stands for when work is sent out.',
  ),
  'history.state': call(
    Empty,
    z.object({ undo: UndoCandidate.nullable(), redo: UndoCandidate.nullable() }).strict(),
    'What undo and redo would do now.',
  ),
  'history.undo': call(
    ReplayInput,
    UndoOutcome,
    'Undo your newest action still in force (it is logged too); refused as a conflict when someone else has changed the same cells since, unless overwrite.',
  ),
  'history.redo': call(
    ReplayInput,
    UndoOutcome,
    'Redo the action you undid most recently, if you did nothing new since; a conflict likewise.',
  ),
} as const;
