import type {
  ImportPreview,
  ImportResult,
  ImportTarget,
  PreviewRow,
} from '../../../../shared/contract/calls/importing';
import type { ApiOutput } from '../../../../shared/contract/contract';
import type { SheetKind } from '../../../../shared/model/columns';
import type { PickedFile } from '../../app/pickedFile';
import { baseName } from '../../app/pickedFile';

/**
 * The import wizard's state in one place, changed only by the named actions below (a pure
 * reducer, tested without a page): the file, where it goes, the preview and the page of its rows
 * shown, the user's corrections and column mapping, and what the wizard is busy with.
 */

export type Sheets = ApiOutput<'plan.get'>['sheets'];
export type TargetKind = ImportTarget['kind'];
export type RowFilter = 'all' | 'problems' | 'changes';
export interface KeyColumn {
  key: string;
  name: string;
}

export interface ImportState {
  file: PickedFile | null;
  /** The plan's sheets, to append to or update. */
  sheets: Sheets;
  targetKind: TargetKind;
  sheetKind: SheetKind;
  newName: string;
  sheetId: number | null;
  /** The user chose the target sheet; until then it follows the sheet the file fits best. */
  sheetChosen: boolean;
  keyColumns: KeyColumn[];
  keyColumn: string;
  preview: ImportPreview | null;
  rows: PreviewRow[];
  rowTotal: number;
  offset: number;
  filter: RowFilter;
  /** Corrections typed into cells that could not be read, by fixKey (r:columnKey). */
  fixes: ReadonlyMap<string, string>;
  /** The user's column mapping: the file's column index → a sheet column key, or null for none. */
  mapping: ReadonlyMap<number, string | null>;
  /** What the wizard is doing (shown in its status), or null. */
  busy: string | null;
  error: unknown;
  done: ImportResult | null;
  dragging: boolean;
}

export type ImportAction =
  | { type: 'planRead'; sheets: Sheets }
  | { type: 'keyColumnsRead'; columns: KeyColumn[]; preferred: string }
  | { type: 'bestSheetFound'; sheetId: number }
  | { type: 'targetKindChosen'; kind: TargetKind }
  | { type: 'sheetKindChosen'; kind: SheetKind }
  | { type: 'newNameTyped'; name: string }
  | { type: 'sheetChosen'; sheetId: number }
  | { type: 'keyColumnChosen'; key: string }
  | { type: 'fileReading' }
  | { type: 'fileRead'; file: PickedFile }
  | { type: 'previewStarted' }
  | { type: 'previewed'; preview: ImportPreview }
  | { type: 'rowsPaged'; rows: PreviewRow[]; total: number; offset: number; filter: RowFilter }
  | { type: 'mapped'; source: number; key: string | null }
  | { type: 'fixed'; key: string; text: string | null }
  | { type: 'committing' }
  | { type: 'committed'; result: ImportResult }
  | { type: 'failed'; error: unknown }
  | { type: 'settled' }
  | { type: 'dragging'; on: boolean }
  | { type: 'closed' };

export const INITIAL_IMPORT_STATE: ImportState = {
  file: null,
  sheets: [],
  targetKind: 'new',
  sheetKind: 'table',
  newName: '',
  sheetId: null,
  sheetChosen: false,
  keyColumns: [],
  keyColumn: '',
  preview: null,
  rows: [],
  rowTotal: 0,
  offset: 0,
  filter: 'all',
  fixes: new Map(),
  mapping: new Map(),
  busy: null,
  error: null,
  done: null,
  dragging: false,
};

/** The key of a correction: the file's row and the sheet column. */
export function fixKey(r: number, columnKey: string): string {
  return `${r}:${columnKey}`;
}

/** What a new file or a closed wizard forgets; where the file goes is kept. */
function forgetFile(state: ImportState): ImportState {
  return {
    ...state,
    file: null,
    preview: null,
    rows: [],
    fixes: new Map(),
    mapping: new Map(),
    error: null,
    done: null,
    offset: 0,
    sheetChosen: false,
  };
}

/** A sheet name the plan does not have yet: the file's name, or the file's name with （2）, （3）… */
export function freeName(base: string, sheets: Sheets): string {
  const taken = new Set(sheets.map((sheet) => sheet.name));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}（${n}）`;
  return name;
}

export function importReducer(state: ImportState, action: ImportAction): ImportState {
  switch (action.type) {
    case 'planRead':
      return { ...state, sheets: action.sheets, sheetId: state.sheetId ?? action.sheets[0]?.id ?? null };
    case 'keyColumnsRead':
      return {
        ...state,
        keyColumns: action.columns,
        keyColumn: action.columns.some((column) => column.key === state.keyColumn) ? state.keyColumn : action.preferred,
      };
    case 'bestSheetFound':
      return state.sheetChosen ? state : { ...state, sheetId: action.sheetId };
    case 'targetKindChosen':
      return { ...state, targetKind: action.kind };
    case 'sheetKindChosen':
      return { ...state, sheetKind: action.kind };
    case 'newNameTyped':
      return { ...state, newName: action.name };
    case 'sheetChosen':
      return { ...state, sheetId: action.sheetId, sheetChosen: true };
    case 'keyColumnChosen':
      return { ...state, keyColumn: action.key };
    case 'fileReading':
      return { ...forgetFile(state), busy: '正在读取文件…' };
    case 'fileRead':
      return { ...state, file: action.file, newName: freeName(baseName(action.file.fileName), state.sheets) };
    case 'previewStarted':
      return { ...state, busy: '正在读取并解析文件…', error: null };
    case 'previewed':
      return {
        ...state,
        preview: action.preview,
        rows: action.preview.rows,
        rowTotal: action.preview.rowCount,
        offset: 0,
        filter: 'all',
      };
    case 'rowsPaged':
      return { ...state, rows: action.rows, rowTotal: action.total, offset: action.offset, filter: action.filter };
    case 'mapped':
      return { ...state, mapping: new Map(state.mapping).set(action.source, action.key) };
    case 'fixed': {
      const fixes = new Map(state.fixes);
      if (action.text === null) fixes.delete(action.key);
      else fixes.set(action.key, action.text);
      return { ...state, fixes };
    }
    case 'committing':
      return { ...state, busy: '正在导入…', error: null };
    case 'committed':
      return { ...state, done: action.result, preview: null, busy: null };
    case 'failed':
      return { ...state, error: action.error, busy: null };
    case 'settled':
      return { ...state, busy: null };
    case 'dragging':
      return { ...state, dragging: action.on };
    case 'closed':
      return forgetFile(state);
  }
}

/** Where the file goes with the choices made; null while a choice is missing (no sheet, no key column). */
export function chosenTarget(state: ImportState, picked?: PickedFile): ImportTarget | null {
  const source = picked ?? state.file;
  if (state.targetKind === 'new') {
    return {
      kind: 'new',
      sheetKind: state.sheetKind,
      name: state.newName.trim() || freeName(source ? baseName(source.fileName) : '导入', state.sheets),
    };
  }
  if (state.sheetId === null) return null;
  if (state.targetKind === 'append') return { kind: 'append', sheetId: state.sheetId };
  return state.keyColumn ? { kind: 'update', sheetId: state.sheetId, keyColumn: state.keyColumn } : null;
}

/** The preview shown was made for the target chosen now (so no new preview is needed). */
export function previewIsCurrent(state: ImportState): boolean {
  const { preview } = state;
  if (!preview) return true;
  const wanted = chosenTarget(state);
  const shown = preview.target;
  return (
    !wanted ||
    (wanted.kind === shown.kind &&
      (wanted.kind !== 'new' || (wanted.name === shown.sheetName && wanted.sheetKind === shown.sheetKind)) &&
      (wanted.kind === 'new' || wanted.sheetId === shown.sheetId) &&
      (wanted.kind !== 'update' || wanted.keyColumn === shown.keyColumn))
  );
}

/** How many rows the import writes: inserted, or updated for an update. */
export function rowsToWrite(preview: ImportPreview | null): number {
  if (!preview) return 0;
  return preview.target.kind === 'update' ? preview.summary.update : preview.summary.insert;
}

/** Cells the column cannot take that the user has not corrected: they import as empty. */
export function unfixedCells(state: ImportState): number {
  const { preview } = state;
  if (!preview) return 0;
  const invalidCells = preview.problems
    .filter((problem) => problem.kind === 'invalid')
    .map((problem) =>
      fixKey(problem.r, preview.target.columns.find((column) => column.name === problem.columnName)?.key ?? ''),
    );
  return (
    invalidCells.filter((key) => !state.fixes.has(key)).length +
    Math.max(0, preview.summary.invalid - invalidCells.length)
  );
}
