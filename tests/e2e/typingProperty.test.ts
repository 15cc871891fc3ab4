import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { ColumnDef } from '../../shared/model/columns';
import { parseCellInput } from '../../shared/values/cells';
import { launchChromium, runPlanbench, servePlan, tempDir } from '../helpers';
import { apiCall, assertFocus } from './gridPage';

/**
 * Random typing against a small model of Excel's enter and edit modes: digits, 万 and 亿 (through
 * the IME, as they are typed), arrows, Enter, Tab, Esc, F2, Backspace and Alt+Enter, pressed into
 * random cells of the sample plan's 重点工程. Every so often the plan's stored cells, the active
 * cell and the open editor's text are compared with the model; any difference fails the test
 * with the seed and the keys that led to it.
 */

const STEPS = Number(process.env.PLANBENCH_TYPING_STEPS ?? 10_000);
const SEED = Number(process.env.PLANBENCH_TYPING_SEED ?? Date.now() % 1_000_000);
const CHECK_EVERY = Number(process.env.PLANBENCH_TYPING_CHECK_EVERY ?? 250);
/** To find a divergence's first key: compare after every key from this step on. */
const CHECK_FROM = Number(process.env.PLANBENCH_TYPING_CHECK_FROM ?? Number.POSITIVE_INFINITY);

/** A small seeded generator (mulberry32), so a failure can be replayed with its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Key =
  | '0'
  | '1'
  | '2'
  | '3'
  | '5'
  | '8'
  | '万'
  | '亿'
  | 'ArrowUp'
  | 'ArrowDown'
  | 'ArrowLeft'
  | 'ArrowRight'
  | 'Enter'
  | 'Tab'
  | 'Escape'
  | 'F2'
  | 'Backspace'
  | 'Alt+Enter';
const CHARACTERS: Key[] = ['0', '1', '2', '3', '5', '8', '万', '亿'];
const OTHER_KEYS: Key[] = [
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Enter',
  'Tab',
  'Escape',
  'F2',
  'Backspace',
  'Alt+Enter',
];

interface Editing {
  mode: 'enter' | 'edit';
  text: string;
  caret: number;
  /** The text an F2 editor opened with (leaving it unchanged saves nothing). */
  shown: string | null;
}

/** Excel's rules for these keys, on a grid of `rows` × `columns.length` cells of stored text. */
class ExcelModel {
  row = 0;
  col = 0;
  editing: Editing | null = null;
  constructor(
    readonly cells: string[][],
    readonly columns: readonly ColumnDef[],
  ) {}

  private clampMove(rows: number, cols: number) {
    this.row = Math.max(0, Math.min(this.cells.length - 1, this.row + rows));
    this.col = Math.max(0, Math.min(this.columns.length - 1, this.col + cols));
  }

  private commit() {
    const editing = this.editing!;
    this.editing = null;
    if (editing.text === editing.shown) return;
    const parsed = parseCellInput(this.columns[this.col]!, editing.text);
    if (parsed.ok) this.cells[this.row]![this.col] = parsed.cell.text;
  }

  press(key: Key) {
    const editing = this.editing;
    const typesText = CHARACTERS.includes(key);
    if (!editing) {
      if (typesText) this.editing = { mode: 'enter', text: key, caret: 1, shown: null };
      else if (key === 'F2') {
        const text = this.cells[this.row]![this.col]!;
        this.editing = { mode: 'edit', text, caret: text.length, shown: text };
      } else if (key === 'Backspace') this.editing = { mode: 'enter', text: '', caret: 0, shown: null };
      else if (key === 'ArrowUp') this.clampMove(-1, 0);
      else if (key === 'ArrowDown' || key === 'Enter') this.clampMove(1, 0);
      else if (key === 'ArrowLeft') this.clampMove(0, -1);
      else if (key === 'ArrowRight' || key === 'Tab') this.clampMove(0, 1);
      return;
    }
    const insert = (text: string) => {
      editing.text = editing.text.slice(0, editing.caret) + text + editing.text.slice(editing.caret);
      editing.caret += text.length;
    };
    if (typesText) insert(key);
    else if (key === 'F2') editing.mode = editing.mode === 'enter' ? 'edit' : 'enter';
    else if (key === 'Escape') this.editing = null;
    else if (key === 'Backspace') {
      if (editing.caret > 0) {
        editing.text = editing.text.slice(0, editing.caret - 1) + editing.text.slice(editing.caret);
        editing.caret -= 1;
      }
    } else if (key === 'Alt+Enter') {
      const type = this.columns[this.col]!.type;
      if (type === 'text' || type === 'longText') insert('\n');
    } else if (key === 'Enter' || key === 'Tab') {
      this.commit();
      this.clampMove(key === 'Enter' ? 1 : 0, key === 'Tab' ? 1 : 0);
    } else if (editing.mode === 'edit') {
      if (key === 'ArrowLeft') editing.caret = Math.max(0, editing.caret - 1);
      if (key === 'ArrowRight') editing.caret = Math.min(editing.text.length, editing.caret + 1);
    } else {
      this.commit();
      const steps: Record<string, [number, number]> = {
        ArrowUp: [-1, 0],
        ArrowDown: [1, 0],
        ArrowLeft: [0, -1],
        ArrowRight: [0, 1],
      };
      const [rows, cols] = steps[key]!;
      this.clampMove(rows, cols);
    }
  }

  /** Keys worth pressing now: none that reaches the last column (a department list) or leaves a model's reach. */
  allowed(key: Key, lastCol: number): boolean {
    const movesRight = key === 'Tab' || (key === 'ArrowRight' && (!this.editing || this.editing.mode === 'enter'));
    if (movesRight && this.col + 1 >= lastCol) return false;
    // Up and down inside multi-line text in edit mode depend on the font: not modelled.
    if (this.editing?.mode === 'edit' && (key === 'ArrowUp' || key === 'ArrowDown')) return false;
    return true;
  }
}

describe('typing random keys matches a model of Excel’s enter and edit modes', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'typing.planbench');
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;

  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
    server = await servePlan(plan);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    page.on('dialog', (dialog) => void dialog.dismiss());
    await page.goto(server.url);
    await page.getByRole('tab', { name: /重点工程/ }).click();
    await page.locator('.sheet-view[aria-label="重点工程"] .ag-row:not(.ag-row-pinned)').first().waitFor();
    cdp = await page.context().newCDPSession(page);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    cleanup();
  });

  test(`${STEPS} random keys (seed ${SEED})`, { timeout: 30 * 60_000 }, async () => {
    const { sheets } = await apiCall<{ sheets: { id: number; name: string }[] }>(page, 'plan.get', {});
    const sheetId = sheets.find((sheet) => sheet.name === '重点工程')!.id;
    const detail = await apiCall<{ columns: ColumnDef[] }>(page, 'sheet.get', { sheetId });
    const columns = detail.columns.filter((column) => !column.hidden);
    const lastCol = columns.length - 1;
    assert.equal(columns[lastCol]!.type, 'departmentList', 'the model stays left of the unit list');
    const readCells = async () => {
      const { rows } = await apiCall<{ rows: { cells: Record<string, { text: string }> }[] }>(page, 'sheet.rows', {
        sheetId,
        offset: 0,
        limit: 500,
      });
      return rows.map((row) => columns.map((column) => row.cells[column.key]?.text ?? ''));
    };
    const model = new ExcelModel(await readCells(), columns);
    const next = random(SEED);
    const pressed: string[] = [];

    // The first cell is clicked, as a user starts.
    await page
      .locator('.sheet-view[aria-label="重点工程"] .ag-row[row-index="0"]:not(.ag-row-pinned) .ag-cell[col-id="seq"]')
      .first()
      .click();

    const press = async (key: Key) => {
      if (key === '万' || key === '亿') {
        // Only an IME types these: a 229 keydown (when no editor is open yet), then the text.
        if (!model.editing) {
          await cdp.send('Input.dispatchKeyEvent', {
            type: 'rawKeyDown',
            key: 'Process',
            code: 'KeyW',
            windowsVirtualKeyCode: 229,
            nativeVirtualKeyCode: 229,
          });
        }
        await cdp.send('Input.insertText', { text: key });
        if (!model.editing)
          await cdp.send('Input.dispatchKeyEvent', {
            type: 'keyUp',
            key: 'Process',
            code: 'KeyW',
            windowsVirtualKeyCode: 229,
          });
      } else {
        await page.keyboard.press(key);
      }
    };

    const compare = async (step: number) => {
      const context = () => `seed ${SEED}, step ${step}, last keys: ${pressed.slice(-30).join(' ')}`;
      if (model.editing) {
        const value = await page.locator('.cell-editor textarea').inputValue();
        assert.equal(value, model.editing.text, `editor text — ${context()}`);
      } else {
        await assertFocus(page, { row: model.row, col: columns[model.col]!.key }, `active cell — ${context()}`);
      }
      // Saves are asynchronous: wait for them to land (as the status line would say), then compare.
      let cells = await readCells();
      for (let waited = 0; waited < 50 && JSON.stringify(cells) !== JSON.stringify(model.cells); waited++) {
        await page.waitForTimeout(100);
        cells = await readCells();
      }
      for (let row = 0; row < cells.length; row++) {
        assert.deepEqual(cells[row], model.cells[row], `stored row ${row + 1} — ${context()}`);
      }
    };

    for (let step = 1; step <= STEPS; step++) {
      let key: Key;
      do {
        key =
          next() < 0.45
            ? CHARACTERS[Math.floor(next() * CHARACTERS.length)]!
            : OTHER_KEYS[Math.floor(next() * OTHER_KEYS.length)]!;
      } while (!model.allowed(key, lastCol));
      pressed.push(key);
      await press(key);
      model.press(key);
      if ((key === '万' || key === '亿') && model.editing) {
        // The IME's text travels apart from key events (CDP's insertText against keydowns): wait
        // until it is in the editor, as it would be before the next real keystroke.
        const expected = model.editing.text;
        await page
          .waitForFunction(
            (text) =>
              (
                globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }
              ).document.querySelector('.cell-editor textarea')?.value === text,
            expected,
            { timeout: 2000 },
          )
          .catch(() => undefined);
      }
      if (step % CHECK_EVERY === 0 || step === STEPS || step >= CHECK_FROM) await compare(step);
    }
  });
});
