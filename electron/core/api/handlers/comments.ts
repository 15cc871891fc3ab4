import type { commentsCalls } from '../../../../shared/contract/calls/comments';
import type { HandlersFor } from '../context';

/** Comments (批注) on cells and rows (electron/core/store/comments.ts); the author is the one acting. */
export const commentsHandlers: HandlersFor<typeof commentsCalls> = {
  'comments.list': ({ store }, { sheetId }) => {
    store.assertSheet(sheetId);
    return { comments: store.listComments(sheetId) };
  },

  'comments.set': ({ store }, { sheetId, rowId, columnKey, text }) => {
    store.assertSheet(sheetId);
    const had = store.listComments(sheetId).some((c) => c.rowId === rowId && c.columnKey === columnKey);
    return store.setComment(
      sheetId,
      { rowId, columnKey },
      { text },
      { source: 'user', label: had ? '编辑批注' : '插入批注' },
    );
  },

  'comments.delete': ({ store }, { sheetId, rowId, columnKey }) => {
    store.assertSheet(sheetId);
    return store.deleteComment(sheetId, { rowId, columnKey }, { source: 'user', label: '删除批注' });
  },
};
