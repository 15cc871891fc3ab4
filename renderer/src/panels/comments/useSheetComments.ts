import { useEffect, useEffectEvent, useState } from 'react';
import type { PlanComment, SheetDetail } from '../../../../shared/contract/contract';
import { rowCommentColumn } from '../../../../shared/model/comments';
import { api, onPlanChanges } from '../../data/api';
import { planModel } from '../../data/planModel';
import { localTime } from '../../app/files';

/** A sheet's comments as the grid shows them, keyed `rowId:columnKey` of the cell that carries them. */
export interface CellComments {
  /** The comments a shown cell carries (a row comment on the 序号 cell, and that cell's own). */
  readonly byCell: ReadonlyMap<string, readonly PlanComment[]>;
  /** What hovering each of those cells shows (the grid's tooltips). */
  readonly tooltips: ReadonlyMap<string, string>;
  /** The comment at a place (columnKey null: the row's own). */
  at(rowId: number, columnKey: string | null): PlanComment | null;
}

const NONE: CellComments = { byCell: new Map(), tooltips: new Map(), at: () => null };

function indexComments(comments: readonly PlanComment[], sheet: SheetDetail): CellComments {
  const rowColumn = rowCommentColumn(sheet.columns);
  const byCell = new Map<string, PlanComment[]>();
  const byPlace = new Map<string, PlanComment>();
  for (const comment of comments) {
    byPlace.set(`${comment.rowId}:${comment.columnKey ?? ''}`, comment);
    const shownOn = comment.columnKey ?? rowColumn;
    if (shownOn === null) continue;
    const key = `${comment.rowId}:${shownOn}`;
    // The row's own comment first, as Excel would show the 序号 cell's.
    byCell.set(
      key,
      comment.columnKey === null ? [comment, ...(byCell.get(key) ?? [])] : [...(byCell.get(key) ?? []), comment],
    );
  }
  const tooltips = new Map([...byCell].map(([key, shown]) => [key, commentTooltip(shown)]));
  return { byCell, tooltips, at: (rowId, columnKey) => byPlace.get(`${rowId}:${columnKey ?? ''}`) ?? null };
}

/** What hovering a commented cell shows: each comment with its author and time, as Excel heads it. */
export function commentTooltip(comments: readonly PlanComment[]): string {
  return comments
    .map((comment) => {
      const head = [comment.columnKey === null ? '整行批注' : '批注', comment.author, localTime(comment.at)]
        .filter(Boolean)
        .join(' · ');
      return `${head}\n${comment.text}`;
    })
    .join('\n\n');
}

/**
 * The open sheet's comments, read when it opens and again whenever a change (ours, through the
 * change envelope, or another window's) says the sheet's comments changed.
 */
export function useSheetComments(sheet: SheetDetail | null): CellComments {
  const [comments, setComments] = useState<CellComments>(NONE);
  const sheetId = sheet?.id ?? null;
  const columns = sheet?.columns;
  const indexed = useEffectEvent((listed: readonly PlanComment[]) => (sheet ? indexComments(listed, sheet) : NONE));
  useEffect(() => {
    if (sheetId === null) return;
    let live = true;
    let asked = 0;
    const load = () => {
      const request = ++asked;
      api['comments.list']({ sheetId }).then(
        ({ comments: listed }) => {
          if (live && request === asked) setComments(indexed(listed));
        },
        () => undefined,
      );
    };
    const changedHere = (sheets: readonly { sheetId: number; commentsChanged: boolean }[]) =>
      sheets.some((changed) => changed.sheetId === sheetId && changed.commentsChanged);
    load();
    const stopOwn = onPlanChanges((changes) => changedHere(changes.sheets) && load());
    const stopOthers = planModel.onOthersChange(({ changes }) => changedHere(changes.sheets) && load());
    return () => {
      live = false;
      stopOwn();
      stopOthers();
    };
    // The sheet's columns decide where row comments show (read again when they change).
  }, [sheetId, columns]);
  return comments;
}
