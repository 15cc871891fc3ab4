import type { ImportProblem, ImportSummary, ImportTarget, TotalCheck } from '../../../shared/contract/calls/importing';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { SheetKind } from '../../../shared/model/columns';
import type { BodyRow, SetAsideRow } from '../../../shared/import/importBody';
import { BodyShaper } from '../../../shared/import/importBody';
import type { CellIssue, CellOutcome } from '../../../shared/import/importCells';
import { EMPTY_CELL, parseImportCell } from '../../../shared/import/importCells';
import type { UnitDirectory, UnitReading } from '../../../shared/import/importDepartments';
import { unitDirectory } from '../../../shared/import/importDepartments';
import type { Grid, GridCell, GridRow, MergeRange } from '../../../shared/import/importGrid';
import { cellText, columnLetter } from '../../../shared/import/importGrid';
import type { SubItemHow } from '../../../shared/import/importHierarchy';
import { SubItemReader, subItemNotice } from '../../../shared/import/importHierarchy';
import {
  isSameAsAboveMark,
  nameMissing,
  SAME_AS_ABOVE_LONGEST,
  sameAsAbove,
} from '../../../shared/import/importSameAsAbove';
import type { HeaderGuess } from '../../../shared/import/importHeader';
import { detectHeader, HEADER_SEARCH_ROWS } from '../../../shared/import/importHeader';
import type { ColumnContent, ColumnMatch, TargetColumn } from '../../../shared/import/importMapping';
import { mapColumns } from '../../../shared/import/importMapping';
import { planNewSheet, templateColumns } from '../../../shared/import/importTemplates';
import { isNumericText, normaliseHeader, statedMoneyUnit, totalLabelKind } from '../../../shared/import/importText';
import type { MoneyUnit } from '../../../shared/values/money';
import type { PlanStore } from '../store/planStore';
import { layoutKey, savedLayout } from './layoutMemory';
import { compareTotals } from './totals';
import type { SheetFit } from './sheetFit';
import { sheetFits } from './sheetFit';
import type { UpdateRefusal } from './updateGuard';
import { updateRefusal } from './updateGuard';
import { matchUpdates } from './updateMatch';
import type { PreparedRow } from './preparedRow';
import type { WorkbookRead } from '../formats/workbook';

/**
 * Everything an import would do, worked out before anything is written: the header, the mapping,
 * every cell parsed for its target column with its issues, the rows set aside, the 合计 checks and,
 * for updates, which plan rows change and how. The same object is shown (through the API, a
 * window at a time) and then committed, so what is committed is exactly what was previewed.
 */

/**
 * Lets a caller start writing while the rows are still being parsed (importFile.ts): `columns`
 * once the target and its columns are settled, before any row is parsed; then `rows` with each
 * chunk of parsed rows, in order. A row handed over is final for a new or appended sheet.
 */
export interface PreviewStream {
  columns(info: { target: BuiltPreview['target']; columns: TargetColumn[] }): void;
  rows(rows: PreparedRow[], start: number): void;
  chunkRows: number;
}

export interface PreviewRequest {
  sheetName?: string;
  target: ImportTarget;
  header?: { row: number; rows: 1 | 2 };
  mapping?: readonly { source: number; target: string | null }[];
}

export interface BuiltPreview {
  planFile: string;
  fileName: string;
  read: WorkbookRead;
  request: PreviewRequest;
  header: HeaderGuess;
  matches: ColumnMatch[];
  /** Target columns: the existing sheet's, or the new sheet's. */
  columns: TargetColumn[];
  target: {
    kind: ImportTarget['kind'];
    sheetId: number | null;
    sheetName: string;
    sheetKind: SheetKind;
    keyColumn: string | null;
  };
  sourceUnits: (MoneyUnit | null)[];
  /** The plan's units, to read department cells (and corrections to them). */
  units: UnitDirectory;
  /** Source column of each target column (-1: none). */
  sourceOf: number[];
  rows: PreparedRow[];
  setAside: SetAsideRow[];
  totals: TotalCheck[];
  problems: ImportProblem[];
  /** Every warning and error, also past the listed ones. */
  problemCount: number;
  summary: ImportSummary;
  notices: { zh: string; en: string }[];
  layoutKey: string;
  /** The newest action in the plan when the preview was made (updates refuse if it moved). */
  baseActionId: number | null;
  /** The plan's sheets by how well the file's columns fit them, best first (the wizard's default). */
  sheetFits: SheetFit[];
  /** Why this update must not be committed (its key does not identify the sheet's rows), or null. */
  refusal: UpdateRefusal | null;
}

/** At most this many problems are listed one by one; the count is always complete. */
export const PROBLEM_LIST_CAP = 5_000;
const SAMPLE_ROWS = 300;

function refuse(fileName: string, zh: string, en: string): PlanbenchError {
  return PlanbenchError.of('invalid_value', `无法导入“${fileName}”：${zh}`, `cannot import "${fileName}": ${en}`, {
    file: fileName,
  });
}

/** What a source column's values look like (sampled), and whether they are long texts. */
function sampleColumns(
  rows: readonly BodyRow[],
  columnCount: number,
): { content: ColumnContent[]; longText: boolean[] } {
  const content: ColumnContent[] = [];
  const longText: boolean[] = [];
  const sample = rows.slice(0, SAMPLE_ROWS);
  for (let column = 0; column < columnCount; column++) {
    let numbers = 0;
    let texts = 0;
    let long = false;
    for (const row of sample) {
      const cell = row.cells[column];
      if (cell === null || cell === undefined || cell === '') continue;
      const text = cellText(cell);
      if (
        typeof cell === 'number' ||
        (typeof cell === 'object' && cell.t === 'n') ||
        isNumericText(text) ||
        text === '/'
      )
        numbers++;
      else texts++;
      if (text.length > 60 || text.includes('\n')) long = true;
    }
    content.push(numbers + texts === 0 ? 'empty' : numbers >= texts * 4 && numbers > 0 ? 'number' : 'text');
    longText.push(long);
  }
  return { content, longText };
}

function departmentDirectory(store: PlanStore): UnitDirectory {
  return unitDirectory(
    store
      .listDepartments()
      .map((unit) => ({ name: unit.name, aliases: [unit.shortName, ...unit.aliases].filter(Boolean) })),
  );
}

/** A new sheet named after its source sheet (a CSV file's name), numbered if the plan has that name. */
function freeSheetName(store: PlanStore, sourceSheet: string): string {
  const base = sourceSheet.trim().slice(0, 90) || '导入';
  const taken = new Set(store.listSheets().map((sheet) => sheet.name));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}（${n}）`;
  return name;
}

function resolveTarget(
  store: PlanStore,
  fileName: string,
  sourceSheet: string,
  request: PreviewRequest,
  names: readonly string[],
) {
  const target = request.target;
  if (target.kind === 'new') {
    const name = target.name ?? freeSheetName(store, sourceSheet);
    if (store.listSheets().some((sheet) => sheet.name === name)) {
      throw refuse(
        fileName,
        `规划中已有名为“${name}”的工作表，请换一个名称`,
        `the plan already has a sheet named "${name}"; choose another name`,
      );
    }
    return {
      info: { kind: target.kind, sheetId: null, sheetName: name, sheetKind: target.sheetKind, keyColumn: null },
      columns: templateColumns(target.sheetKind, names),
    };
  }
  const sheet = store.getSheet(target.sheetId);
  const columns: TargetColumn[] = sheet.columns.map((column) => ({
    key: column.key,
    name: column.name,
    type: column.type,
    role: column.role,
    settings: column.settings,
  }));
  if (target.kind === 'update' && !columns.some((column) => column.key === target.keyColumn)) {
    throw refuse(
      fileName,
      `工作表“${sheet.name}”没有键列“${target.keyColumn}”`,
      `sheet "${sheet.name}" has no key column "${target.keyColumn}"`,
    );
  }
  return {
    info: {
      kind: target.kind,
      sheetId: sheet.id,
      sheetName: sheet.name,
      sheetKind: sheet.kind,
      keyColumn: target.kind === 'update' ? target.keyColumn : null,
    },
    columns,
  };
}

const MERGED_AMOUNT: CellOutcome = Object.freeze({
  text: '',
  invalid: false,
  num: null,
  issues: [
    {
      kind: 'carried',
      level: 'warning',
      zh: '此格与上方合并：合并的数值只计入合并区域的第一行，不重复计入',
      en: 'merged with the cell above: a merged number counts once, in the first row of the merge',
    },
  ],
}) as CellOutcome;

function withIssue(outcome: CellOutcome, extra: CellIssue): CellOutcome {
  return { ...outcome, issues: [...(outcome.issues ?? []), extra] };
}

/** Parsing contexts, one per source column (carried or not): not one object per cell. */
function readingContexts(sourceUnits: readonly (MoneyUnit | null)[], units: UnitDirectory) {
  const unitCache = new Map<string, UnitReading>();
  const outcomeCache = new Map<string, CellOutcome>();
  const of = (sourceUnit: MoneyUnit | null) => ({
    plain: { sourceUnit, carried: false, units, unitCache, outcomeCache },
    carried: { sourceUnit, carried: true, units, unitCache, outcomeCache },
  });
  return { bySource: sourceUnits.map(of), none: of(null) };
}

/**
 * Every cell of every data row parsed for its target column, a row at a time; blank category
 * cells under a category carried down (a copy or a CSV lost the merge), and sub-items ("7.1")
 * put under their item ("7").
 */
class RowParser {
  readonly rows: PreparedRow[] = [];
  private readonly subItems = new SubItemReader();
  private readonly nameIndex: number;
  private previous: PreparedRow | undefined;
  private readonly seqIndex: number;
  private readonly sectionIndex: number;
  private readonly contexts: ReturnType<typeof readingContexts>;
  private emitted = 0;

  constructor(
    private readonly columns: readonly TargetColumn[],
    private readonly sourceOf: readonly number[],
    sourceUnits: readonly (MoneyUnit | null)[],
    units: UnitDirectory,
    private readonly stream?: PreviewStream,
  ) {
    this.seqIndex = columns.findIndex((column) => column.role === 'seq');
    this.nameIndex = columns.findIndex((column) => column.role === 'name');
    this.sectionIndex = columns.findIndex((column, index) => column.role === 'category' && sourceOf[index] === -1);
    this.contexts = readingContexts(sourceUnits, units);
  }

  push(bodyRow: BodyRow): void {
    const { columns, sourceOf, rows } = this;
    const cells = columns.map((column, index): CellOutcome => {
      const source = sourceOf[index]!;
      if (source < 0) {
        // A table that names its sections in rows of their own fills an unmapped category column.
        if (index === this.sectionIndex && bodyRow.section) {
          return {
            text: bodyRow.section,
            invalid: false,
            num: null,
            issues: [
              {
                kind: 'fromSection',
                level: 'info',
                zh: `取自分组行“${bodyRow.section}”`,
                en: `taken from the section row "${bodyRow.section}"`,
              },
            ],
          };
        }
        return EMPTY_CELL;
      }
      const cell: GridCell | null | undefined = bodyRow.cells[source];
      const carried = bodyRow.carried?.includes(source) ?? false;
      // One amount merged over several rows belongs to them together: carried into each row it
      // would be counted once per row. It stays in the merge's first row only, and this is said.
      if (carried && (column.type === 'money' || column.type === 'number' || column.type === 'percent'))
        return MERGED_AMOUNT;
      // 同上 / 〃 in any column: the value of the row above, said so.
      // (Only short text cells can be one: numbers and long texts are not looked at.)
      if (!carried && typeof cell === 'string' && cell.length <= SAME_AS_ABOVE_LONGEST && isSameAsAboveMark(cell)) {
        return sameAsAbove(column, cell, this.previous?.cells[index]);
      }
      const context = this.contexts.bySource[source] ?? this.contexts.none;
      return parseImportCell(column, cell, carried ? context.carried : context.plain);
    });
    columns.forEach((column, index) => {
      if ((column.role !== 'category' && column.role !== 'subcategory') || sourceOf[index]! < 0) return;
      const own = cells[index]!;
      const above = this.previous?.cells[index];
      if (own.text === '' && !own.invalid && above && above.text !== '') {
        cells[index] = withIssue(
          { ...above, issues: (above.issues ?? []).filter((item) => item.kind !== 'carried') },
          {
            kind: 'carried',
            level: 'info',
            zh: '空白，按上一行的分类带入',
            en: 'blank; carried down from the row above',
          },
        );
      }
    });
    this.flagMissingName(cells);
    const prepared: PreparedRow = { body: bodyRow, cells, action: 'insert', rowId: null };
    if (this.seqIndex >= 0) this.placeSubItem(prepared);
    rows.push(prepared);
    this.previous = prepared;
    if (this.stream && rows.length - this.emitted >= this.stream.chunkRows) this.emit();
  }

  /**
   * A blank name in a row that has content (figures, units, text) cannot be known — a flattened
   * merge or a "same as above" left blank — and a name is not a grouping value to carry down: the
   * row is flagged in the preview, never imported without a word.
   */
  private flagMissingName(cells: CellOutcome[]): void {
    const { nameIndex, columns, sourceOf } = this;
    if (nameIndex < 0 || sourceOf[nameIndex]! < 0) return;
    const name = cells[nameIndex]!;
    if (name.text !== '' || name.invalid || name.issues?.length) return;
    const grouping = (index: number) => columns[index]!.role === 'category' || columns[index]!.role === 'subcategory';
    if (!cells.some((cell, index) => index !== nameIndex && !grouping(index) && cell.text !== '')) return;
    cells[nameIndex] = nameMissing(columns[nameIndex]!.name);
  }

  /** A sub-item ("7.1", a repeated "7", 其中, indented) goes under its item; see importHierarchy. */
  private placeSubItem(prepared: PreparedRow): void {
    const { cells, body } = prepared;
    const seqSource = this.sourceOf[this.seqIndex]!;
    const nameSource = this.nameIndex >= 0 ? this.sourceOf[this.nameIndex]! : -1;
    const seqCarried = seqSource >= 0 && (body.carried?.includes(seqSource) ?? false);
    // A 序号 merged over sub-items reads empty in a number column: its written text tells.
    const seq = seqCarried ? cellText(body.cells[seqSource]) : cells[this.seqIndex]!.text;
    const name = this.nameIndex >= 0 ? cells[this.nameIndex]!.text : '';
    const rawName = nameSource >= 0 ? cellText(body.cells[nameSource]) : '';
    const place = this.subItems.place(this.rows.length, seq, name, rawName, seqCarried);
    if (!place) return;
    prepared.parentIndex = place.parentIndex;
    prepared.subItem = place.how;
    if (place.seq === null) return;
    const written = seq.trim();
    const parentSeq = place.seq.slice(0, place.seq.lastIndexOf('.'));
    cells[this.seqIndex] = {
      text: place.seq,
      invalid: false,
      num: this.columns[this.seqIndex]!.type === 'number' ? Number(place.seq) : null,
      issues: [
        {
          kind: 'subItem',
          level: 'info',
          zh: `子项，归入序号 ${parentSeq}，编为 ${place.seq}${written ? `（原为“${written}”）` : ''}`,
          en: `sub-item of ${parentSeq}, numbered ${place.seq}${written ? ` (written "${written}")` : ''}`,
        },
      ],
    };
  }

  /** Hand the rows parsed since the last chunk to the stream. */
  emit(): void {
    if (!this.stream || this.emitted === this.rows.length) return;
    const start = this.emitted;
    this.emitted = this.rows.length;
    this.stream.rows(this.rows.slice(start), start);
  }
}

/** The assumptions a preview built while the sheet was still being read rests on (checked at the end). */
export class SheetChangedShape extends Error {}

/**
 * A preview built from a sheet's rows as they are read (PreviewStream), or all at once
 * (buildPreview). The header is found in the first rows, the mapping from the first data rows
 * (the same rows either way); then each row is shaped and parsed as it comes. Fed a sheet while
 * it is being read, the preview assumes the column count and merged ranges known when the header
 * was found; finish() checks them against the whole sheet and throws SheetChangedShape when they
 * differ (merges come after the rows in a worksheet's XML), so the caller can build it again.
 */
export class PreviewBuilder {
  private readonly head: GridRow[] = [];
  private shape: { columnCount: number; merges: readonly MergeRange[] } | null = null;
  private header: HeaderGuess | null = null;
  private shaper: BodyShaper | null = null;
  private plan: ReturnType<PreviewBuilder['makePlan']> | null = null;
  private parser: RowParser | null = null;

  constructor(
    private readonly store: PlanStore,
    private readonly fileName: string,
    private readonly sheetName: string,
    private readonly request: PreviewRequest,
    /** The sheet's column count and merges so far (final when the sheet is fed whole). */
    private readonly sheetShape: () => { columnCount: number; merges: readonly MergeRange[] },
    private readonly stream?: PreviewStream,
  ) {}

  /** The next row of the sheet, in order. */
  row(row: GridRow): void {
    if (!this.shaper) {
      this.head.push(row);
      if (this.head.length >= HEADER_SEARCH_ROWS) this.startBody();
      return;
    }
    const body = this.shaper.push(row);
    if (!body) return;
    if (this.parser) this.parser.push(body);
    else if (this.shaper.body.length >= SAMPLE_ROWS) this.startParsing();
  }

  /** Find the header in the first rows and shape them. */
  private startBody(): void {
    this.shape = this.sheetShape();
    const { columnCount, merges } = this.shape;
    const request = this.request;
    const header = detectHeader(
      this.head,
      merges,
      columnCount,
      request.header ? { row: request.header.row, count: request.header.rows } : undefined,
    );
    if (header.headerRows.length === 0)
      throw refuse(
        this.fileName,
        `工作表“${this.sheetName}”中找不到表头`,
        `no header row found in sheet "${this.sheetName}"`,
      );
    this.header = header;
    this.shaper = new BodyShaper(this.head, merges, columnCount, header);
    for (const row of this.head) this.shaper.push(row);
    if (this.shaper.body.length >= SAMPLE_ROWS) this.startParsing();
  }

  /** Map the columns from the first data rows, then parse every row so far. */
  private startParsing(): void {
    this.plan = this.makePlan();
    const { columns, sourceOf, sourceUnits, units, resolved } = this.plan;
    this.stream?.columns({ target: resolved.info, columns });
    this.parser = new RowParser(columns, sourceOf, sourceUnits, units, this.stream);
    for (const body of this.shaper!.body) this.parser.push(body);
  }

  private makePlan() {
    const { store, fileName: file, request } = this;
    const header = this.header!;
    const body = this.shaper!.body;
    const columnCount = this.shape!.columnCount;
    if (body.length === 0) {
      throw refuse(
        file,
        `工作表“${this.sheetName}”的表头下没有数据行`,
        `sheet "${this.sheetName}" has no data rows under its header`,
      );
    }
    const names = header.names.slice(0, columnCount);
    while (names.length < columnCount) names.push('');
    const { content, longText } = sampleColumns(body, columnCount);
    const resolved = resolveTarget(store, file, this.sheetName, request, names);
    const key = layoutKey(names);
    const saved = savedLayout(store, key, resolved.columns);
    let matches = mapColumns(names, resolved.columns, { saved, overrides: request.mapping ?? [], content });
    let columns = resolved.columns;
    if (request.target.kind === 'new') {
      const planned = planNewSheet(resolved.columns, matches, content, longText);
      columns = planned.columns;
      matches = planned.matches;
    }
    if (!matches.some((match) => match.target !== null)) {
      throw refuse(
        file,
        `没有一列能对应到工作表“${resolved.info.sheetName}”的列（表头：${names.filter(Boolean).join('、') || '无'}）；请在导入向导中手动指定列的对应关系`,
        `no column matches a column of sheet "${resolved.info.sheetName}" (headers: ${names.filter(Boolean).join(', ') || 'none'}); map the columns by hand in the import wizard`,
      );
    }
    const sourceOf = columns.map((column) => matches.find((match) => match.target === column.key)?.source ?? -1);
    const sourceUnits = names.map((name) => statedMoneyUnit(name) ?? header.moneyUnit);
    const fits = sheetFits(store, names, content);
    return { names, resolved, key, matches, columns, sourceOf, sourceUnits, units: departmentDirectory(store), fits };
  }

  /** The preview, once every row of `read` has been fed. */
  finish(read: WorkbookRead): BuiltPreview {
    const { store, request } = this;
    const grid = read.grid;
    if (!this.shaper) this.startBody();
    const shape = this.shape!;
    if (shape.columnCount !== grid.columnCount || JSON.stringify(shape.merges) !== JSON.stringify(grid.merges))
      throw new SheetChangedShape();
    if (!this.parser) this.startParsing();
    this.parser!.emit();
    const body = this.shaper!.finish();
    const { names, resolved, key, matches, columns, sourceOf, sourceUnits, units, fits } = this.plan!;
    const rows = this.parser!.rows;
    let refusal: UpdateRefusal | null = null;
    if (request.target.kind === 'update') {
      matchUpdates(store, request.target.sheetId, request.target.keyColumn, columns, rows, read.fileName, sourceOf);
      refusal = updateRefusal(rows, columns, sourceOf, request.target.keyColumn, resolved.info.sheetName);
    }
    const totals = compareTotals(body.totals, rows, columns, sourceOf, names, sourceUnits, units, matches);
    const { problems, problemCount, summary } = summarise(rows, columns, sourceOf, body.setAside, grid, matches);
    const notices = noticesFor(read, grid, summary, matches);
    const subItems = new Map<SubItemHow, number>();
    for (const row of rows) if (row.subItem) subItems.set(row.subItem, (subItems.get(row.subItem) ?? 0) + 1);
    const subItemsSaid = subItemNotice(subItems, resolved.info.sheetKind === 'indicators');
    if (subItemsSaid) notices.unshift(subItemsSaid);
    return {
      planFile: store.file,
      fileName: read.fileName,
      read,
      request,
      header: this.header!,
      matches,
      columns,
      target: resolved.info,
      sourceUnits,
      units,
      sourceOf,
      rows,
      setAside: body.setAside,
      totals,
      problems,
      problemCount,
      summary,
      notices,
      layoutKey: key,
      // The newest action's id alone (history() would also read, and parse, all its changes).
      baseActionId: store.latestActionId() || null,
      sheetFits: fits,
      refusal,
    };
  }
}

export function buildPreview(
  store: PlanStore,
  read: WorkbookRead,
  request: PreviewRequest,
  stream?: PreviewStream,
): BuiltPreview {
  const grid = read.grid;
  const builder = new PreviewBuilder(store, read.fileName, grid.name, request, () => grid, stream);
  for (const row of grid.rows) builder.row(row);
  return builder.finish(read);
}

/** Recount the summary and problems after corrections. */
export function refreshSummary(built: BuiltPreview): void {
  const { problems, problemCount, summary } = summarise(
    built.rows,
    built.columns,
    built.sourceOf,
    built.setAside,
    built.read.grid,
    built.matches,
  );
  Object.assign(built, { problems, problemCount, summary });
}

const COUNTED: Partial<Record<CellIssue['kind'], keyof ImportSummary>> = {
  carried: 'carried',
  unknown: 'unknown',
  approximate: 'approximate',
  unitConverted: 'converted',
  percentText: 'converted',
  markupRemoved: 'markupRemoved',
  departmentAlias: 'unitsResolved',
  departmentReassembled: 'unitsResolved',
  departmentUnknown: 'unitsUnknown',
  invalid: 'invalid',
  formulaNoValue: 'formulasWithoutValue',
};

function summarise(
  rows: readonly PreparedRow[],
  columns: readonly TargetColumn[],
  sourceOf: readonly number[],
  setAside: readonly SetAsideRow[],
  grid: Grid,
  matches: readonly ColumnMatch[],
): { problems: ImportProblem[]; problemCount: number; summary: ImportSummary } {
  const summary: ImportSummary = {
    rows: rows.length,
    childRows: rows.filter((row) => row.parentIndex !== undefined).length,
    insert: 0,
    update: 0,
    unchanged: 0,
    unmatched: 0,
    cellsChanged: 0,
    carried: 0,
    unknown: 0,
    approximate: 0,
    converted: 0,
    markupRemoved: 0,
    unitsResolved: 0,
    unitsUnknown: 0,
    invalid: 0,
    formulasWithoutValue: 0,
    hiddenRows: rows.filter((row) => row.body.hidden).length,
    hiddenColumns: matches.filter((match) => match.target !== null && grid.hiddenColumns.includes(match.source)).length,
    repeatedHeaders: setAside.filter((row) => row.kind === 'repeatedHeader').length,
    totalRows: setAside.filter((row) => row.kind === 'total' || row.kind === 'subtotal').length,
    notes: setAside.filter((row) => row.kind === 'note').length,
    sections: setAside.filter((row) => row.kind === 'section').length,
  };
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  for (const row of rows) {
    if (row.action === 'insert') summary.insert++;
    else if (row.action === 'update') summary.update++;
    else if (row.action === 'unchanged') summary.unchanged++;
    else summary.unmatched++;
    summary.cellsChanged += row.before?.size ?? 0;
    row.cells.forEach((cell, index) => {
      if (!cell.issues) return;
      const source = sourceOf[index] ?? -1;
      for (const item of cell.issues) {
        const counter = COUNTED[item.kind];
        if (counter) summary[counter]++;
        if (item.level === 'info') continue;
        problemCount++;
        if (problems.length >= PROBLEM_LIST_CAP) continue;
        problems.push({
          r: row.body.r,
          column: source >= 0 ? columnLetter(source) : '',
          columnName: columns[index]!.name,
          value: source >= 0 ? cellText(row.body.cells[source]) : '',
          kind: item.kind,
          level: item.level,
          zh: item.zh,
          en: item.en,
        });
      }
    });
  }
  return { problems, problemCount, summary };
}

function noticesFor(
  read: WorkbookRead,
  grid: Grid,
  summary: ImportSummary,
  matches: readonly ColumnMatch[],
): { zh: string; en: string }[] {
  const notices: { zh: string; en: string }[] = [];
  if (grid.hidden)
    notices.push({
      zh: `工作表“${grid.name}”在工作簿中是隐藏的`,
      en: `sheet "${grid.name}" is hidden in the workbook`,
    });
  if (summary.hiddenRows > 0) {
    notices.push({
      zh: `有 ${summary.hiddenRows} 个隐藏行，已一并导入（已标出）`,
      en: `${summary.hiddenRows} hidden rows are imported too (marked)`,
    });
  }
  const hidden = matches
    .filter((match) => match.target !== null && grid.hiddenColumns.includes(match.source))
    .map((match) => columnLetter(match.source));
  if (hidden.length > 0) {
    notices.push({
      zh: `隐藏列 ${hidden.join('、')} 已一并导入`,
      en: `hidden columns ${hidden.join(', ')} are imported too`,
    });
  }
  if (summary.formulasWithoutValue > 0) {
    notices.push({
      zh: `${summary.formulasWithoutValue} 个公式单元格没有保存计算结果，导入为空；请在 Excel/WPS 中打开并保存后重新导入`,
      en: `${summary.formulasWithoutValue} formula cells have no saved result and import as empty; open and save the file in Excel or WPS, then import again`,
    });
  }
  const unmapped = matches.filter(
    (match) => match.target === null && normaliseHeader(match.header) !== '' && totalLabelKind(match.header) === null,
  );
  if (unmapped.length > 0) {
    notices.push({
      zh: `未导入的列：${unmapped.map((match) => `${columnLetter(match.source)}“${match.header}”`).join('、')}`,
      en: `columns not imported: ${unmapped.map((match) => `${columnLetter(match.source)} "${match.header}"`).join(', ')}`,
    });
  }
  if (read.encoding) notices.push({ zh: `文本编码：${read.encoding}`, en: `text encoding: ${read.encoding}` });
  return notices;
}
