/**
 * What a key does in the grid, the way Excel and WPS do it — pure rules, no DOM, so the grid and
 * its tests read the same table.
 *
 * A cell editor is in one of two modes (Excel's status bar says 输入 / 编辑):
 * - **enter** (输入): the edit began by typing over the cell (a character, Chinese through the
 *   IME, or Backspace). The arrow keys, Ctrl+arrows, Ctrl+Home and Ctrl+End save the entry and
 *   move, as they do without an editor.
 * - **edit** (编辑): the edit began with F2 or a double-click. The same keys move the caret
 *   inside the text instead.
 * F2 switches between the two. In both, Enter/Tab save and move (Shift: backwards), Esc gives the
 * old value back, Alt+Enter is a line break inside the cell and never leaves it, and Home/End
 * move the caret.
 */

export type EditMode = 'enter' | 'edit';

/** Where the active cell goes. */
export type Move =
  | { kind: 'none' }
  /** One cell in a direction. */
  | { kind: 'step'; rows: -1 | 0 | 1; cols: -1 | 0 | 1 }
  /** Ctrl+arrow: to the edge of the data region in a direction (Excel's rule, see navigation.ts). */
  | { kind: 'edge'; rows: -1 | 0 | 1; cols: -1 | 0 | 1 }
  /** Home: the first column of the row. */
  | { kind: 'rowStart' }
  /** Ctrl+Home: the first cell of the sheet. */
  | { kind: 'sheetStart' }
  /** Ctrl+End: the last row's last cell. */
  | { kind: 'sheetEnd' };

export type EditorAction =
  | { kind: 'commit'; move: Move }
  | { kind: 'cancel' }
  | { kind: 'lineBreak' }
  | { kind: 'toggleMode' }
  /** The text box's own behaviour: typing, the caret, selecting text, IME. */
  | { kind: 'native' };

/** The parts of a keyboard event the rules look at. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** True while an IME composes (then every key is the IME's). */
  isComposing?: boolean;
  keyCode?: number;
}

const ARROWS: Record<string, [-1 | 0 | 1, -1 | 0 | 1]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** A key an IME is handling: "Process" (Windows IMEs) or keyCode 229 (every platform). */
export function isImeKey(press: KeyPress): boolean {
  return press.isComposing === true || press.keyCode === 229 || press.key === 'Process';
}

/** What a key does while a cell editor is open in `mode`. */
export function editorKeyAction(press: KeyPress, mode: EditMode): EditorAction {
  if (isImeKey(press)) return { kind: 'native' };
  const ctrl = press.ctrlKey || press.metaKey;
  switch (press.key) {
    case 'Escape':
      return { kind: 'cancel' };
    case 'F2':
      return { kind: 'toggleMode' };
    case 'Enter':
      if (press.altKey) return { kind: 'lineBreak' };
      return {
        kind: 'commit',
        move: ctrl ? { kind: 'none' } : { kind: 'step', rows: press.shiftKey ? -1 : 1, cols: 0 },
      };
    case 'Tab':
      return { kind: 'commit', move: { kind: 'step', rows: 0, cols: press.shiftKey ? -1 : 1 } };
  }
  if (mode === 'edit' || press.shiftKey || press.altKey) return { kind: 'native' };
  const arrow = ARROWS[press.key];
  if (arrow) return { kind: 'commit', move: { kind: ctrl ? 'edge' : 'step', rows: arrow[0], cols: arrow[1] } };
  if (ctrl && press.key === 'Home') return { kind: 'commit', move: { kind: 'sheetStart' } };
  if (ctrl && press.key === 'End') return { kind: 'commit', move: { kind: 'sheetEnd' } };
  return { kind: 'native' };
}

/** How a key pressed on a selected cell (no editor open) starts an edit, if it does. */
export type EditStart =
  | { kind: 'none' }
  /** Typing over the cell: the editor opens empty in enter mode, holding `text`. */
  | { kind: 'type'; text: string }
  /** An IME began composing: the editor opens empty and the composition goes into it. */
  | { kind: 'ime' }
  /** F2: the cell's text, caret at the end, edit mode. */
  | { kind: 'edit' };

export function editStartFor(press: KeyPress): EditStart {
  const ctrl = press.ctrlKey || press.metaKey;
  if (isImeKey(press)) return { kind: 'ime' };
  if (press.key === 'F2' && !ctrl && !press.altKey) return { kind: 'edit' };
  if (press.key === 'Backspace' && !ctrl && !press.altKey) return { kind: 'type', text: '' };
  if (press.key.length === 1 && !ctrl && !press.altKey) return { kind: 'type', text: press.key };
  return { kind: 'none' };
}

/**
 * Navigation keys on a selected cell (no editor): arrows (never out of the cells, e.g. into the
 * header), Enter and Tab (Shift: backwards), Home, Ctrl+Home, Ctrl+End, Ctrl+arrows. Shift+arrows
 * extend the selection and are the grid's.
 */
export function navigationMove(press: KeyPress): Move | null {
  const ctrl = press.ctrlKey || press.metaKey;
  if (press.altKey) return null;
  if (press.key === 'Enter' && !ctrl) return { kind: 'step', rows: press.shiftKey ? -1 : 1, cols: 0 };
  if (press.key === 'Tab' && !ctrl) return { kind: 'step', rows: 0, cols: press.shiftKey ? -1 : 1 };
  if (press.shiftKey) return null;
  if (press.key === 'Home') return ctrl ? { kind: 'sheetStart' } : { kind: 'rowStart' };
  if (press.key === 'End' && ctrl) return { kind: 'sheetEnd' };
  const arrow = ARROWS[press.key];
  if (arrow) return { kind: ctrl ? 'edge' : 'step', rows: arrow[0], cols: arrow[1] };
  return null;
}
