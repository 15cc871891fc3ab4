import { useEffect } from 'react';
import type { RefObject } from 'react';
import type { RangeEditContext } from './rangeEdits';
import { rangeEdits } from './rangeEdits';

export interface GridClipboardOptions extends RangeEditContext {
  host: RefObject<HTMLDivElement | null>;
  /** A cell editor is open: the clipboard is the editor's. */
  isEditing(): boolean;
}

/**
 * Copy, paste, fill down and clear over the selection (rangeEdits.ts), and the page's copy and
 * paste events taken while the grid has the focus and a selection: tab-separated text, as Excel.
 */
export function useGridClipboard(options: GridClipboardOptions) {
  const { host, isEditing, gridApi, range } = options;
  const edits = rangeEdits(options);
  const { copy, paste } = edits;

  useEffect(() => {
    const owns = () =>
      !!gridApi.current && !isEditing() && !!host.current?.contains(document.activeElement) && range.current !== null;
    const onCopy = (event: ClipboardEvent) => {
      if (!owns()) return;
      const text = copy();
      if (text === null || !event.clipboardData) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (!owns()) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      event.preventDefault();
      void paste(text);
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  });

  return edits;
}
