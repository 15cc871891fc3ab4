import { useState } from 'react';
import type { SheetDetail } from '../../../../shared/contract/contract';
import { describeError, PlanbenchError } from '../../../../shared/contract/errors';
import { commentPlaceOf } from '../../../../shared/model/comments';
import { api } from '../../data/api';
import { localTime } from '../../app/files';
import type { CommentTarget } from './commentMenu';
import type { CellComments } from './useSheetComments';
import './comments.css';

export interface CommentEditorProps {
  sheet: SheetDetail;
  target: CommentTarget;
  comments: CellComments;
  onClose(): void;
}

/**
 * Adding or editing a comment (Shift+F2, or 插入批注/编辑批注 in the right-click menu): the text
 * with who wrote it and when. 确定 (or Ctrl+Enter) saves it as one undoable action; 删除批注
 * takes it away; Esc leaves it as it was.
 */
export function CommentEditor({ sheet, target, comments, onClose }: CommentEditorProps) {
  const columnKey = commentPlaceOf(sheet.columns, target.columnKey);
  const existing = comments.at(target.rowId, columnKey);
  const [text, setText] = useState(existing?.text ?? '');
  const [error, setError] = useState<string | null>(null);
  const columnName = sheet.columns.find((column) => column.key === target.columnKey)?.name ?? target.columnKey;
  const where = columnKey === null ? '整行' : columnName;
  const place = { sheetId: sheet.id, rowId: target.rowId, columnKey };
  const fail = (failure: unknown) =>
    setError(failure instanceof PlanbenchError ? describeError(failure.body) : String(failure));
  const save = () => {
    if (text.trim() === '') return existing ? remove() : onClose();
    api['comments.set']({ ...place, text }).then(onClose, fail);
  };
  const remove = () => {
    api['comments.delete'](place).then(onClose, fail);
  };
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog comment-editor"
        role="dialog"
        aria-label="批注"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === 'Escape') onClose();
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) save();
        }}
      >
        <h2>
          {existing ? '编辑批注' : '插入批注'} · {where}
        </h2>
        {existing && (
          <p className="comment-editor-by">
            {existing.author || '（未署名）'} · {localTime(existing.at)}
          </p>
        )}
        <textarea
          aria-label="批注内容"
          autoFocus
          rows={5}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        {error && (
          <p className="comment-editor-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          {existing && (
            <button type="button" onClick={remove}>
              删除批注
            </button>
          )}
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="primary" onClick={save} title="Ctrl+Enter">
            确定
          </button>
        </div>
      </div>
    </div>
  );
}
