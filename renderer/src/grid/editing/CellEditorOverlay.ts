import type { EditMode, EditorAction, Move } from './keys';
import { editorKeyAction } from './keys';

/** A choice the editor offers under the text box (departments, a column's choices). */
export interface Suggestion {
  /** The text the choice puts in (or appends, for lists). */
  value: string;
  /** A second, greyed text (a unit's short name). */
  hint?: string;
}

export interface EditorTarget {
  /** The cell element the editor covers. */
  cell: HTMLElement;
  text: string;
  mode: EditMode;
  /** Whether Alt+Enter may put a line break in (text columns); elsewhere it does nothing. */
  multiline: boolean;
  /**
   * Whether long lines wrap inside the editor (long text, as the cell shows it). Otherwise the
   * editor widens with the text, as Excel's does, so Home and End reach the text's ends.
   */
  wrap: boolean;
  /** The unit typed numbers mean ("万元", "亿元"), said inside the editor. */
  unit?: string;
  /** What the editor offers for the text typed so far, and how a pick changes the text. */
  suggest?: (text: string) => Suggestion[];
  pick?: (text: string, picked: Suggestion) => string;
  /** A line under the editor ("多个单位用“、”分隔，第一个为牵头单位"). */
  hint?: string;
}

export interface EditorCallbacks {
  /** The entry is done: save `text` (unchanged entries too — the caller compares) and move. */
  commit(text: string, move: Move): void;
  /** Esc: nothing is saved. */
  cancel(): void;
  /** The mode changed (F2): the status bar says 输入 or 编辑. */
  modeChanged(mode: EditMode | null): void;
}

/**
 * The grid's one cell editor: a text box laid over the active cell, owned by the workbench rather
 * than by AG Grid, so that it can be opened *synchronously* inside the keydown that starts an edit.
 * That is what Chinese input needs: the IME's composition goes to whatever has the focus when it
 * starts, so the editor must hold the focus before the keydown ("Process", 229) returns, or the
 * first characters are lost. It also lets the workbench keep Excel's rules (keys.ts) exactly:
 * enter/edit modes, arrows, Alt+Enter as a line break, Esc restoring the old value.
 */
export class CellEditorOverlay {
  private readonly box: HTMLDivElement;
  private readonly input: HTMLTextAreaElement;
  private readonly unitLabel: HTMLSpanElement;
  private readonly list: HTMLUListElement;
  private readonly hintLine: HTMLDivElement;
  private target: EditorTarget | null = null;
  private mode: EditMode = 'enter';
  private suggestions: Suggestion[] = [];
  private highlight = 0;
  /** Set while closing, so the blur that closing causes does not save a second time. */
  private closing = false;

  constructor(
    private readonly host: HTMLElement,
    private readonly callbacks: EditorCallbacks,
  ) {
    this.box = document.createElement('div');
    this.box.className = 'cell-editor';
    this.box.hidden = true;
    this.input = document.createElement('textarea');
    this.input.setAttribute('aria-label', '单元格编辑');
    this.input.spellcheck = false;
    this.input.rows = 1;
    this.unitLabel = document.createElement('span');
    this.unitLabel.className = 'cell-editor-unit';
    this.list = document.createElement('ul');
    this.list.className = 'department-suggestions';
    this.list.setAttribute('role', 'listbox');
    this.hintLine = document.createElement('div');
    this.hintLine.className = 'department-hint';
    this.box.append(this.input, this.unitLabel, this.list, this.hintLine);
    host.append(this.box);
    this.input.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.input.addEventListener('input', () => this.refresh());
    this.input.addEventListener('blur', () => {
      // Clicking elsewhere saves the entry, as in Excel (a click on a suggestion does not blur).
      if (this.target && !this.closing) this.finish({ kind: 'commit', move: { kind: 'none' } });
    });
    this.list.addEventListener('mousedown', (event) => {
      const item = (event.target as HTMLElement).closest('li');
      if (!item) return;
      event.preventDefault();
      this.choose(Number(item.dataset.index));
    });
  }

  get isOpen(): boolean {
    return this.target !== null;
  }

  get currentMode(): EditMode | null {
    return this.target ? this.mode : null;
  }

  /** Open over a cell and take the focus, now (see the class comment). */
  open(target: EditorTarget): void {
    this.target = target;
    this.mode = target.mode;
    this.closing = false;
    this.input.value = target.text;
    this.unitLabel.textContent = target.unit ?? '';
    this.unitLabel.hidden = !target.unit;
    this.hintLine.textContent = target.hint ?? '';
    this.hintLine.hidden = !target.hint;
    this.box.classList.toggle('wrap', target.wrap);
    this.place();
    this.box.hidden = false;
    this.input.focus({ preventScroll: true });
    const end = this.input.value.length;
    this.input.setSelectionRange(end, end);
    this.refresh();
    this.callbacks.modeChanged(this.mode);
  }

  /** Follow the cell when the grid scrolls (a cell no longer rendered leaves the editor where it is). */
  follow(cell: HTMLElement | null): void {
    if (!this.target || !cell) return;
    this.target = { ...this.target, cell };
    this.place();
  }

  destroy(): void {
    this.closing = true;
    this.box.remove();
  }

  private place(): void {
    const cell = this.target?.cell;
    if (!cell) return;
    const hostRect = this.host.getBoundingClientRect();
    const rect = cell.getBoundingClientRect();
    this.box.style.left = `${rect.left - hostRect.left}px`;
    this.box.style.top = `${rect.top - hostRect.top}px`;
    this.box.style.minWidth = `${rect.width}px`;
    this.box.style.maxWidth = `${Math.max(rect.width, hostRect.right - rect.left - 4)}px`;
    this.input.style.minHeight = `${rect.height}px`;
    this.input.style.textAlign = cell.classList.contains('ag-right-aligned-cell') ? 'right' : 'left';
  }

  /** After each change of the text: the box's size and the suggestions. */
  private refresh(): void {
    if (!this.target?.wrap) {
      this.input.style.width = '0px';
      this.input.style.width = `${this.input.scrollWidth + 2}px`;
    } else {
      this.input.style.width = '';
    }
    this.input.style.height = 'auto';
    this.input.style.height = `${this.input.scrollHeight}px`;
    const text = this.input.value;
    this.suggestions = this.target?.suggest?.(text) ?? [];
    this.highlight = 0;
    this.list.replaceChildren(
      ...this.suggestions.map((suggestion, index) => {
        const item = document.createElement('li');
        item.setAttribute('role', 'option');
        item.dataset.index = String(index);
        item.textContent = suggestion.value;
        if (suggestion.hint && suggestion.hint !== suggestion.value) {
          const alias = document.createElement('span');
          alias.className = 'alias';
          alias.textContent = suggestion.hint;
          item.append(alias);
        }
        return item;
      }),
    );
    this.list.hidden = this.suggestions.length === 0;
    this.markHighlight();
  }

  private markHighlight(): void {
    this.list.querySelectorAll('li').forEach((item, index) => {
      item.classList.toggle('active', index === this.highlight);
      item.setAttribute('aria-selected', String(index === this.highlight));
    });
  }

  private choose(index: number): void {
    const picked = this.suggestions[index];
    if (!picked || !this.target) return;
    this.input.value = this.target.pick ? this.target.pick(this.input.value, picked) : picked.value;
    this.input.focus({ preventScroll: true });
    this.refresh();
  }

  private onKeyDown(event: KeyboardEvent): void {
    // Keys stay with the editor: the grid under it must not act on them as well.
    event.stopPropagation();
    if (!this.target) return;
    if (this.suggestions.length > 0 && !event.isComposing && !event.altKey) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const step = event.key === 'ArrowDown' ? 1 : this.suggestions.length - 1;
        this.highlight = (this.highlight + step) % this.suggestions.length;
        this.markHighlight();
        event.preventDefault();
        return;
      }
      const highlighted = this.suggestions[this.highlight];
      if (event.key === 'Enter' && highlighted && !this.alreadyChosen(highlighted)) {
        this.choose(this.highlight);
        event.preventDefault();
        return;
      }
    }
    const action = editorKeyAction(event, this.mode);
    if (action.kind === 'native') return;
    event.preventDefault();
    if (action.kind === 'lineBreak') {
      if (this.target.multiline)
        this.input.setRangeText('\n', this.input.selectionStart, this.input.selectionEnd, 'end');
      this.refresh();
      return;
    }
    if (action.kind === 'toggleMode') {
      this.mode = this.mode === 'enter' ? 'edit' : 'enter';
      this.callbacks.modeChanged(this.mode);
      return;
    }
    this.finish(action);
  }

  /** Whether the text already ends with the highlighted choice (Enter then saves instead). */
  private alreadyChosen(suggestion: Suggestion): boolean {
    const text = this.input.value.trim();
    return (
      text === suggestion.value || text.endsWith(`、${suggestion.value}`) || text.endsWith(`${suggestion.value}、`)
    );
  }

  private finish(action: Extract<EditorAction, { kind: 'commit' | 'cancel' }>): void {
    const text = this.input.value;
    this.closing = true;
    this.target = null;
    this.box.hidden = true;
    this.suggestions = [];
    this.callbacks.modeChanged(null);
    if (action.kind === 'cancel') this.callbacks.cancel();
    else this.callbacks.commit(text, action.move);
    this.closing = false;
  }
}
