import type { CollectComment } from '../../../../shared/contract/calls/exchange';

export interface CollectCommentRowsProps {
  comments: readonly CollectComment[];
  selected: ReadonlySet<string>;
  onToggle(id: string, on: boolean): void;
}

/**
 * The comments (批注) a department wrote or changed in its return, as rows of the collect
 * preview's table: where (row and column, or 整行), who (the department, and the author the
 * file names), the plan's comment there now and the returned one — each ticked to accept.
 */
export function CollectCommentRows({ comments, selected, onToggle }: CollectCommentRowsProps) {
  return (
    <>
      {comments.map((comment) => (
        <tr key={comment.id} className="xc-insert" data-kind="comment">
          <td>
            <input
              type="checkbox"
              aria-label={`批注 ${comment.label} ${comment.header}`}
              checked={selected.has(comment.id)}
              onChange={(event) => onToggle(comment.id, event.target.checked)}
            />
          </td>
          <td>
            {comment.label}
            <span className="xc-muted">（文件第 {comment.fileRow} 行）</span>
          </td>
          <td>{comment.header}</td>
          <td>{comment.current === null ? '新批注' : '批注修改'}</td>
          <td className="xc-muted">{comment.author}</td>
          <td className="xc-text xc-returned">{comment.returned}</td>
          <td className="xc-text">{comment.current ?? ''}</td>
        </tr>
      ))}
    </>
  );
}
