import { attributes, XML_DECLARATION } from './xml';

/**
 * Cell styles for the workbooks we write, registered by description and deduplicated into the
 * fonts, fills, borders, number formats and cell formats (cellXfs) of xl/styles.xml. A cell
 * carries the index this registry returns.
 */

export interface FontSpec {
  name?: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  /** ARGB, e.g. "FF808080". */
  color?: string;
}

export interface CellStyle {
  font?: FontSpec;
  /** Solid fill, ARGB. */
  fill?: string;
  border?: 'thin' | 'none';
  /** A number format code such as "#,##0.00"; omitted means General. */
  numFmt?: string;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'center' | 'bottom';
  wrap?: boolean;
  /** Cell protection: locked is Excel's default (and only matters on a protected sheet). */
  locked?: boolean;
  /**
   * Excel's "quote prefix": the cell shows and keeps text that looks like a formula or number
   * (=SUM(A1), +86…, -5) as text, even after the user edits it.
   */
  quotePrefix?: boolean;
}

/** Body text: 宋体 is what WPS and Chinese Excel default to; readers substitute where missing. */
export const BODY_FONT = '宋体';
export const HEADING_FONT = '黑体';

/** Number formats Excel defines itself (no numFmt element needed). */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '@': 49,
};

export class StyleRegistry {
  private readonly fonts: string[] = [];
  private readonly fills: string[] = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private readonly borders: string[] = ['<border><left/><right/><top/><bottom/><diagonal/></border>'];
  private readonly numFmts = new Map<string, number>();
  private readonly xfs: string[] = [];
  private readonly byKey = new Map<string, number>();

  constructor() {
    // Index 0 is the workbook's default style: body font, General, no border.
    this.style({});
  }

  /** The cellXfs index of a style, registering it on first use. */
  style(spec: CellStyle): number {
    const key = JSON.stringify(spec);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const fontId = intern(this.fonts, fontXml(spec.font ?? {}));
    const fillId = spec.fill
      ? intern(
          this.fills,
          `<fill><patternFill patternType="solid"><fgColor rgb="${spec.fill}"/><bgColor indexed="64"/></patternFill></fill>`,
        )
      : 0;
    const borderId = spec.border === 'thin' ? intern(this.borders, THIN_BORDER) : 0;
    const numFmtId = this.numFmtId(spec.numFmt ?? 'General');
    const alignment =
      spec.horizontal || spec.vertical || spec.wrap
        ? `<alignment${attributes({ horizontal: spec.horizontal, vertical: spec.vertical, wrapText: spec.wrap ? true : undefined })}/>`
        : '';
    // Written as "0"/"1" (what Excel writes); readers must also accept "false"/"true" (LibreOffice).
    const protection = spec.locked === false ? '<protection locked="0"/>' : '';
    const xf =
      `<xf${attributes({
        numFmtId,
        fontId,
        fillId,
        borderId,
        xfId: 0,
        quotePrefix: spec.quotePrefix ? true : undefined,
        applyNumberFormat: numFmtId !== 0 ? true : undefined,
        applyFont: fontId !== 0 ? true : undefined,
        applyFill: fillId !== 0 ? true : undefined,
        applyBorder: borderId !== 0 ? true : undefined,
        applyAlignment: alignment ? true : undefined,
        applyProtection: protection ? true : undefined,
      })}>` +
      alignment +
      protection +
      '</xf>';
    const index = this.xfs.length;
    this.xfs.push(xf);
    this.byKey.set(key, index);
    return index;
  }

  private numFmtId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  toXml(): string {
    const numFmts = [...this.numFmts].map(
      ([code, id]) => `<numFmt numFmtId="${id}"${attributes({ formatCode: code })}/>`,
    );
    return (
      XML_DECLARATION +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
      `<fonts count="${this.fonts.length}">${this.fonts.join('')}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      `<borders count="${this.borders.length}">${this.borders.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0"/>' +
      '</styleSheet>'
    );
  }
}

const THIN_BORDER =
  '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>' +
  '<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>';

function fontXml(font: FontSpec): string {
  return (
    '<font>' +
    (font.bold ? '<b/>' : '') +
    (font.italic ? '<i/>' : '') +
    `<sz val="${font.size ?? 11}"/>` +
    (font.color ? `<color rgb="${font.color}"/>` : '') +
    `<name${attributes({ val: font.name ?? BODY_FONT })}/>` +
    // GB2312 charset: Excel and WPS then pick a Chinese face for the name's fallback.
    '<family val="3"/><charset val="134"/>' +
    '</font>'
  );
}

function intern(list: string[], xml: string): number {
  const index = list.indexOf(xml);
  if (index >= 0) return index;
  list.push(xml);
  return list.length - 1;
}
