import type { PasswordHash } from './protection';
import type { SheetComment } from './xlsxComments';
import {
  commentParts,
  commentRelsXml,
  commentsXml,
  COMMENTS_CONTENT_TYPE,
  LEGACY_DRAWING_ID,
  VML_CONTENT_TYPE,
  vmlDrawingXml,
} from './xlsxComments';
import { StyleRegistry } from './styles';
import { attributes, columnLetters, quoteSheetName, textElement, XML_DECLARATION, xmlText } from './xml';
import type { ByteSink, ZipEntryWriter } from './zipWriter';
import { ZipWriter } from './zipWriter';

/**
 * A streaming .xlsx writer of our own. ExcelJS's document API holds every cell as an object
 * (1.9 GB for 100,000 styled rows); its streaming writer still builds a model per row. Here a
 * sheet's rows go straight from the caller into deflated XML, one sheet at a time, and only the
 * shared-string table and the styles are kept whole. What it writes is the subset of SpreadsheetML
 * our workbooks need — strings, exact numbers, formulas with cached results, styles, merges,
 * widths, frozen panes, protection, data validation, print setup, defined names — in the element
 * order the schema requires, which Excel checks strictly (anything else is a "repair" prompt).
 */

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface ColumnSpec {
  /** Width in Excel's character units. */
  width: number;
  hidden?: boolean;
  /** Style of empty cells in the column (e.g. unlocked fill-in columns). */
  style?: number;
}

export interface PrintSetup {
  paper: 'A4' | 'A3';
  orientation: 'landscape' | 'portrait';
  fitToWidth: boolean;
  /** Rows repeated at the top of every page, 1-based inclusive. */
  titleRows?: { first: number; last: number };
  /** Footer text in Excel's header/footer codes, e.g. "&C第 &P 页，共 &N 页". */
  footer?: string;
  horizontalCentered?: boolean;
}

export interface SheetProtection {
  password?: PasswordHash;
  /** What a user may still do on the protected sheet. */
  allowFormatColumns?: boolean;
  allowFormatRows?: boolean;
  allowInsertRows?: boolean;
  allowAutoFilter?: boolean;
  /** Comments (批注) may be added and edited (Excel counts them as objects). */
  allowEditObjects?: boolean;
}

export interface DataValidation {
  type: 'decimal' | 'whole' | 'list' | 'date' | 'textLength' | 'custom';
  operator?: 'between' | 'greaterThanOrEqual' | 'lessThanOrEqual' | 'equal';
  /** Space-separated ranges, e.g. "H4:H20 H25". Always bounded: see the note in exchange. */
  sqref: string;
  formula1: string;
  formula2?: string;
  allowBlank?: boolean;
  errorTitle?: string;
  error?: string;
  promptTitle?: string;
  prompt?: string;
}

export interface SheetOptions {
  state?: SheetState;
  columns?: ColumnSpec[];
  /** Rows (and columns) frozen at the top (left). */
  freeze?: { rows: number; columns?: number };
  selected?: boolean;
  /** Default row height in points (rows without a height of their own). */
  defaultRowHeight?: number;
  showGridLines?: boolean;
}

const DEFAULT_ROW_HEIGHT = 15;

/** One worksheet being streamed. Rows must come in increasing order. */
export class SheetWriter {
  private entry: ZipEntryWriter | null = null;
  private lastRow = 0;
  private row = '';
  private rowNumber = 0;
  private readonly merges: string[] = [];
  private readonly validations: DataValidation[] = [];
  private protection: SheetProtection | null = null;
  private print: PrintSetup | null = null;
  private autoFilter: string | null = null;
  private readonly letters: string[] = [];
  private readonly comments: SheetComment[] = [];
  private closed = false;

  constructor(
    private readonly book: XlsxWriter,
    readonly name: string,
    readonly index: number,
    private readonly options: SheetOptions,
  ) {}

  private letter(column: number): string {
    return (this.letters[column] ??= columnLetters(column));
  }

  private async begin(): Promise<void> {
    if (this.entry) return;
    this.entry = this.book.openSheetEntry(this.index);
    const { columns = [], freeze, selected, defaultRowHeight, showGridLines } = this.options;
    let head = XML_DECLARATION;
    head +=
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';
    // sheetPr must be known before the first row; fitToPage is decided by setPrint() calls made
    // before rows are written (the exchange and export modules set it up front).
    head += this.print?.fitToWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '';
    head += `<sheetViews><sheetView${attributes({ workbookViewId: 0, tabSelected: selected ? true : undefined, showGridLines: showGridLines === false ? false : undefined })}>`;
    if (freeze && (freeze.rows > 0 || (freeze.columns ?? 0) > 0)) {
      const rows = freeze.rows;
      const cols = freeze.columns ?? 0;
      const topLeft = `${this.letter(cols)}${rows + 1}`;
      const pane = rows > 0 && cols > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
      head += `<pane${attributes({ xSplit: cols || undefined, ySplit: rows || undefined, topLeftCell: topLeft, activePane: pane, state: 'frozen' })}/>`;
      head += `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/>`;
    }
    head += '</sheetView></sheetViews>';
    head += `<sheetFormatPr defaultRowHeight="${defaultRowHeight ?? DEFAULT_ROW_HEIGHT}"${defaultRowHeight ? ' customHeight="1"' : ''}/>`;
    if (columns.length > 0) {
      head += '<cols>';
      columns.forEach((column, index) => {
        head += `<col${attributes({
          min: index + 1,
          max: index + 1,
          width: Math.round(column.width * 100) / 100,
          customWidth: true,
          hidden: column.hidden ? true : undefined,
          style: column.style,
        })}/>`;
      });
      head += '</cols>';
    }
    head += '<sheetData>';
    await this.entry.text(head);
  }

  /** Print setup; call before the first row (it decides the sheet's fit-to-page property). */
  setPrint(setup: PrintSetup): void {
    if (this.entry) throw new Error('print setup must be given before the first row');
    this.print = setup;
  }

  setProtection(protection: SheetProtection): void {
    this.protection = protection;
  }

  merge(ref: string): void {
    this.merges.push(ref);
  }

  validate(validation: DataValidation): void {
    this.validations.push(validation);
  }

  /** An auto-filter over a header row range such as "A3:H3". */
  setAutoFilter(ref: string): void {
    this.autoFilter = ref;
  }

  get printSetup(): PrintSetup | null {
    return this.print;
  }

  get autoFilterRef(): string | null {
    return this.autoFilter;
  }

  // ---- rows: startRow, then cells in column order, then endRow -----------------------------

  startRow(rowNumber: number, options: { height?: number; hidden?: boolean } = {}): void {
    if (rowNumber <= this.lastRow) throw new Error(`row ${rowNumber} written after row ${this.lastRow}`);
    this.rowNumber = rowNumber;
    this.row = `<row${attributes({
      r: rowNumber,
      ht: options.height,
      customHeight: options.height !== undefined ? true : undefined,
      hidden: options.hidden ? true : undefined,
    })}>`;
  }

  /** A text cell (shared string). Text is never read as a formula, whatever it starts with. */
  text(column: number, text: string, style: number): void {
    this.row += `<c r="${this.letter(column)}${this.rowNumber}"${style ? ` s="${style}"` : ''} t="s"><v>${this.book.sharedString(text)}</v></c>`;
  }

  /** A number, given as the exact decimal text that goes into the file (see exportCells). */
  number(column: number, decimal: string, style: number): void {
    this.row += `<c r="${this.letter(column)}${this.rowNumber}"${style ? ` s="${style}"` : ''}><v>${decimal}</v></c>`;
  }

  /** A formula with its cached result (so readers that do not calculate still see the value). */
  formula(column: number, formula: string, cached: string | null, style: number): void {
    this.row += `<c r="${this.letter(column)}${this.rowNumber}"${style ? ` s="${style}"` : ''}><f>${xmlText(formula)}</f>${cached === null ? '' : `<v>${cached}</v>`}</c>`;
  }

  /** An empty cell that still has a style (borders, fill, unlocked). */
  blank(column: number, style: number): void {
    if (style) this.row += `<c r="${this.letter(column)}${this.rowNumber}" s="${style}"/>`;
  }

  /** A comment (批注) on a cell of the row being written; kept until the sheet ends (xlsxComments.ts). */
  comment(column: number, text: string, author: string): void {
    this.comments.push({ row: this.rowNumber, column, text, author });
  }

  /** Whether the sheet carries comments (known once it has ended). */
  get hasComments(): boolean {
    return this.comments.length > 0;
  }

  async endRow(): Promise<void> {
    await this.begin();
    this.lastRow = this.rowNumber;
    await this.entry!.text(this.row + '</row>');
    this.row = '';
  }

  async end(): Promise<void> {
    if (this.closed) return;
    await this.begin();
    let tail = '</sheetData>';
    const protection = this.protection;
    if (protection) {
      // In sheetProtection "1" means the action is protected (forbidden) and "0" allowed.
      tail += `<sheetProtection${attributes({
        algorithmName: protection.password?.algorithmName,
        hashValue: protection.password?.hashValue,
        saltValue: protection.password?.saltValue,
        spinCount: protection.password?.spinCount,
        sheet: true,
        objects: protection.allowEditObjects ? undefined : true,
        scenarios: true,
        formatColumns: protection.allowFormatColumns ? false : undefined,
        formatRows: protection.allowFormatRows ? false : undefined,
        insertRows: protection.allowInsertRows ? false : undefined,
        autoFilter: protection.allowAutoFilter ? false : undefined,
      })}/>`;
    }
    if (this.autoFilter) tail += `<autoFilter ref="${this.autoFilter}"/>`;
    if (this.merges.length > 0) {
      tail += `<mergeCells count="${this.merges.length}">${this.merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`;
    }
    if (this.validations.length > 0) {
      tail += `<dataValidations count="${this.validations.length}">`;
      for (const validation of this.validations) {
        tail += `<dataValidation${attributes({
          type: validation.type,
          operator: validation.operator,
          allowBlank: validation.allowBlank ?? true,
          showInputMessage: validation.prompt ? true : undefined,
          showErrorMessage: true,
          errorTitle: validation.errorTitle,
          error: validation.error,
          promptTitle: validation.promptTitle,
          prompt: validation.prompt,
          sqref: validation.sqref,
        })}><formula1>${xmlText(validation.formula1)}</formula1>${validation.formula2 === undefined ? '' : `<formula2>${xmlText(validation.formula2)}</formula2>`}</dataValidation>`;
      }
      tail += '</dataValidations>';
    }
    const print = this.print;
    if (print) {
      if (print.horizontalCentered) tail += '<printOptions horizontalCentered="1"/>';
      tail += '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.7" header="0.3" footer="0.3"/>';
      tail += `<pageSetup${attributes({
        paperSize: print.paper === 'A3' ? 8 : 9,
        orientation: print.orientation,
        fitToWidth: print.fitToWidth ? 1 : undefined,
        fitToHeight: print.fitToWidth ? 0 : undefined,
      })}/>`;
      if (print.footer) tail += `<headerFooter><oddFooter>${xmlText(print.footer)}</oddFooter></headerFooter>`;
    } else {
      tail += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
    }
    if (this.comments.length > 0) tail += `<legacyDrawing r:id="${LEGACY_DRAWING_ID}"/>`;
    tail += '</worksheet>';
    await this.entry!.text(tail);
    await this.entry!.close();
    if (this.comments.length > 0) await this.book.writeComments(this.index + 1, this.comments);
    this.closed = true;
    this.book.sheetClosed(this);
  }
}

export interface WorkbookProperties {
  title: string;
  creator: string;
}

export interface WorkbookProtection {
  password?: PasswordHash;
}

/** A workbook written sheet by sheet to a sink. */
export class XlsxWriter {
  readonly styles = new StyleRegistry();
  private readonly zip: ZipWriter;
  private readonly sheets: { name: string; state: SheetState; sheet: SheetWriter }[] = [];
  private readonly strings = new Map<string, number>();
  private readonly stringList: string[] = [];
  private stringRefs = 0;
  private current: SheetWriter | null = null;
  private protection: WorkbookProtection | null = null;
  private activeTab = 0;

  constructor(sink: ByteSink, compressionLevel = 6) {
    this.zip = new ZipWriter(sink, compressionLevel);
  }

  /**
   * Start a sheet. Sheets are written one after another: the previous one must be ended first.
   * Names must be valid and unique (see sheetName()).
   */
  addSheet(name: string, options: SheetOptions = {}): SheetWriter {
    if (this.current) throw new Error(`sheet ${this.current.name} is still open`);
    const sheet = new SheetWriter(this, name, this.sheets.length, options);
    if (options.selected) this.activeTab = this.sheets.length;
    this.sheets.push({ name, state: options.state ?? 'visible', sheet });
    this.current = sheet;
    return sheet;
  }

  /** Protect the workbook's structure (sheets cannot be added, removed, renamed or unhidden). */
  protectStructure(protection: WorkbookProtection): void {
    this.protection = protection;
  }

  openSheetEntry(index: number): ZipEntryWriter {
    return this.zip.entry(`xl/worksheets/sheet${index + 1}.xml`);
  }

  /** A sheet's comments: their part, the note drawing that shows them, the sheet's relationships. */
  async writeComments(sheetNumber: number, comments: readonly SheetComment[]): Promise<void> {
    const parts = commentParts(sheetNumber);
    await this.zip.file(parts.comments, commentsXml(comments));
    await this.zip.file(parts.vml, vmlDrawingXml(comments, sheetNumber));
    await this.zip.file(parts.rels, commentRelsXml(sheetNumber));
  }

  sheetClosed(sheet: SheetWriter): void {
    if (this.current === sheet) this.current = null;
  }

  sharedString(text: string): number {
    this.stringRefs++;
    let index = this.strings.get(text);
    if (index === undefined) {
      index = this.stringList.length;
      this.strings.set(text, index);
      this.stringList.push(text);
    }
    return index;
  }

  /** Write the remaining parts and close the sink. */
  async finish(properties: WorkbookProperties): Promise<void> {
    if (this.current) await this.current.end();
    if (this.sheets.length === 0) throw new Error('a workbook needs at least one sheet');
    await this.writeSharedStrings();
    await this.zip.file('xl/styles.xml', this.styles.toXml());
    await this.zip.file('xl/workbook.xml', this.workbookXml());
    await this.zip.file('xl/_rels/workbook.xml.rels', this.workbookRels());
    await this.zip.file('[Content_Types].xml', this.contentTypes());
    await this.zip.file(
      '_rels/.rels',
      XML_DECLARATION +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
        '</Relationships>',
    );
    await this.zip.file(
      'docProps/app.xml',
      XML_DECLARATION +
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Planbench</Application><DocSecurity>0</DocSecurity></Properties>',
    );
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await this.zip.file(
      'docProps/core.xml',
      XML_DECLARATION +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:title>${xmlText(properties.title)}</dc:title><dc:creator>${xmlText(properties.creator)}</dc:creator>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified>` +
        '</cp:coreProperties>',
    );
    await this.zip.finish();
  }

  private async writeSharedStrings(): Promise<void> {
    const entry = this.zip.entry('xl/sharedStrings.xml');
    await entry.text(
      XML_DECLARATION +
        `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.stringRefs}" uniqueCount="${this.stringList.length}">`,
    );
    for (const text of this.stringList) await entry.text(`<si>${textElement(text)}</si>`);
    await entry.text('</sst>');
    await entry.close();
  }

  private workbookXml(): string {
    let xml =
      XML_DECLARATION +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<workbookPr defaultThemeVersion="164011"/>';
    if (this.protection) {
      const password = this.protection.password;
      xml += `<workbookProtection${attributes({
        workbookAlgorithmName: password?.algorithmName,
        workbookHashValue: password?.hashValue,
        workbookSaltValue: password?.saltValue,
        workbookSpinCount: password?.spinCount,
        lockStructure: true,
      })}/>`;
    }
    xml += `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="15000" activeTab="${this.activeTab}"/></bookViews>`;
    xml += '<sheets>';
    this.sheets.forEach((sheet, index) => {
      xml += `<sheet${attributes({ name: sheet.name, sheetId: index + 1, state: sheet.state === 'visible' ? undefined : sheet.state })} r:id="rId${index + 1}"/>`;
    });
    xml += '</sheets>';
    const names: string[] = [];
    this.sheets.forEach(({ sheet, name }, index) => {
      const filter = sheet.autoFilterRef;
      if (filter) {
        const [start, end = start] = filter.split(':') as [string, string?];
        names.push(
          `<definedName name="_xlnm._FilterDatabase" localSheetId="${index}" hidden="1">${xmlText(`${quoteSheetName(name)}!${absolute(start)}:${absolute(end)}`)}</definedName>`,
        );
      }
      const titles = sheet.printSetup?.titleRows;
      if (titles) {
        names.push(
          `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">${xmlText(`${quoteSheetName(name)}!$${titles.first}:$${titles.last}`)}</definedName>`,
        );
      }
    });
    if (names.length > 0) xml += `<definedNames>${names.join('')}</definedNames>`;
    // Totals are formulas with cached results; recalculating on load keeps them live in Excel.
    xml += '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>';
    return xml;
  }

  private workbookRels(): string {
    let xml = XML_DECLARATION + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">';
    this.sheets.forEach((_, index) => {
      xml += `<Relationship Id="rId${index + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`;
    });
    const next = this.sheets.length + 1;
    xml += `<Relationship Id="rId${next}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`;
    xml += `<Relationship Id="rId${next + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`;
    return xml + '</Relationships>';
  }

  private contentTypes(): string {
    let xml =
      XML_DECLARATION +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      (this.sheets.some(({ sheet }) => sheet.hasComments)
        ? `<Default Extension="vml" ContentType="${VML_CONTENT_TYPE}"/>`
        : '') +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>';
    this.sheets.forEach(({ sheet }, index) => {
      xml += `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
      if (sheet.hasComments)
        xml += `<Override PartName="/${commentParts(index + 1).comments}" ContentType="${COMMENTS_CONTENT_TYPE}"/>`;
    });
    xml +=
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      '</Types>';
    return xml;
  }
}

/** "A3" → "$A$3". */
function absolute(ref: string): string {
  const match = /^([A-Z]+)(\d+)$/.exec(ref);
  return match ? `$${match[1]}$${match[2]}` : ref;
}

/** Characters Excel forbids in sheet names, and its 31-character limit. */
const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/g;

/** A valid sheet name from any text, unique among `taken` (which it then joins). */
export function sheetName(wanted: string, taken: Set<string>): string {
  let base =
    wanted
      .replace(SHEET_NAME_FORBIDDEN, '_')
      .replace(/^'+|'+$/g, '')
      .trim() || '工作表';
  base = [...base].slice(0, 31).join('');
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = `(${n})`;
    name = [...base].slice(0, 31 - suffix.length).join('') + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}
