import type { SheetDetail } from '../../../../shared/contract/contract';
import { commentPlaceOf } from '../../../../shared/model/comments';
import { api } from '../../data/api';
import type { MenuItem } from '../../grid/ContextMenu';
import type { CellComments } from './useSheetComments';

/** A shown cell whose comment is being added or edited (the 序号 cell: the row's). */
export interface CommentTarget {
  rowId: number;
  columnKey: string;
}

/** The right-click menu's comment entries for the active cell, as Excel names them. */
export function commentMenuItems(
  sheet: SheetDetail,
  cell: CommentTarget | null,
  comments: CellComments,
  readOnly: boolean,
  edit: (target: CommentTarget) => void,
  onError: (failure: unknown) => void,
): MenuItem[] {
  const columnKey = cell ? commentPlaceOf(sheet.columns, cell.columnKey) : null;
  const existing = cell ? comments.at(cell.rowId, columnKey) : null;
  return [
    {
      label: existing ? '编辑批注' : '插入批注',
      shortcut: 'Shift+F2',
      disabled: readOnly || !cell,
      run: () => cell && edit(cell),
    },
    {
      label: '删除批注',
      disabled: readOnly || !existing,
      run: () => {
        if (cell) api['comments.delete']({ sheetId: sheet.id, rowId: cell.rowId, columnKey }).catch(onError);
      },
    },
  ];
}
