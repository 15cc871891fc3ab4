import { cellRef, textElement, XML_DECLARATION, xmlText } from './xml';

/**
 * Cell comments (批注) in an .xlsx, as Excel writes them (ECMA-376 Part 1, §18.7 Comments, and
 * the legacy VML drawing of Part 4 §14 that Excel still needs to show a note at all): per sheet
 * a comments part (xl/commentsN.xml — the author list and each comment's rich text, headed by
 * its author in bold as Excel heads a new note), a VML drawing (xl/drawings/vmlDrawingN.vml —
 * one hidden note shape per comment, anchored beside its cell) and the sheet's relationships to
 * both; the worksheet ends with <legacyDrawing r:id=…/>. LibreOffice and WPS read the same parts.
 */

export interface SheetComment {
  /** 1-based row and 0-based column of the commented cell. */
  row: number;
  column: number;
  text: string;
  /** Who wrote it as people read it ('' when unknown). */
  author: string;
}

export const COMMENTS_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
export const VML_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing';
export const COMMENTS_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
export const VML_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.vmlDrawing';

/** The worksheet's relationship ids of its note drawing and its comments. */
export const LEGACY_DRAWING_ID = 'rIdNotes';
const COMMENTS_ID = 'rIdComments';

/** The part names of sheet `sheetNumber`'s (1-based) comments. */
export function commentParts(sheetNumber: number): { comments: string; vml: string; rels: string } {
  return {
    comments: `xl/comments${sheetNumber}.xml`,
    vml: `xl/drawings/vmlDrawing${sheetNumber}.vml`,
    rels: `xl/worksheets/_rels/sheet${sheetNumber}.xml.rels`,
  };
}

/** The run properties of a note's text, as Excel gives a new note (9 pt; 宋体 for Chinese text). */
const RUN = '<sz val="9"/><color indexed="81"/><rFont val="宋体"/><family val="3"/><charset val="134"/>';

/** A hidden note box beside its cell, the size Excel gives a new one. */
const NOTE_STYLE =
  'position:absolute;margin-left:60pt;margin-top:1.5pt;width:144pt;height:79pt;z-index:1;visibility:hidden';

/** The comments part: its authors, then each comment in the order written (row by row). */
export function commentsXml(comments: readonly SheetComment[]): string {
  const authors: string[] = [];
  const authorIndex = new Map<string, number>();
  for (const { author } of comments) {
    if (!authorIndex.has(author)) {
      authorIndex.set(author, authors.length);
      authors.push(author);
    }
  }
  let xml = XML_DECLARATION + '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>';
  for (const author of authors) xml += `<author>${xmlText(author)}</author>`;
  xml += '</authors><commentList>';
  for (const comment of comments) {
    xml += `<comment ref="${cellRef(comment.column, comment.row)}" authorId="${authorIndex.get(comment.author)}"><text>`;
    // Excel heads a note with its author's name in bold, and the text on the next line.
    if (comment.author) xml += `<r><rPr><b/>${RUN}</rPr>${textElement(`${comment.author}:`)}</r>`;
    xml += `<r><rPr>${RUN}</rPr>${textElement(comment.author ? `\n${comment.text}` : comment.text)}</r>`;
    xml += '</text></comment>';
  }
  return xml + '</commentList></comments>';
}

/**
 * The VML drawing: one hidden note per comment, to the right of its cell, as Excel anchors a new
 * note (x:Anchor: left column, offset, top row, offset, right column, offset, bottom row, offset).
 */
export function vmlDrawingXml(comments: readonly SheetComment[], sheetNumber: number): string {
  let xml =
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" ' +
    'xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${sheetNumber}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';
  comments.forEach((comment, index) => {
    const top = Math.max(comment.row - 2, 0);
    const anchor = [comment.column + 1, 15, top, 10, comment.column + 3, 15, top + 4, 4].join(', ');
    xml +=
      // Written as they stand: VML is not SpreadsheetML, so "_x0000_s1025" is a name, not an escape.
      `<v:shape id="_x0000_s${sheetNumber * 1024 + index + 1}" type="#_x0000_t202" style="${NOTE_STYLE}" ` +
      'fillcolor="#ffffe1" o:insetmode="auto">' +
      '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
      '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
      '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>' +
      `<x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>` +
      `<x:Row>${comment.row - 1}</x:Row><x:Column>${comment.column}</x:Column></x:ClientData></v:shape>`;
  });
  return xml + '</xml>';
}

/** The worksheet's relationships: its note drawing and its comments. */
export function commentRelsXml(sheetNumber: number): string {
  return (
    XML_DECLARATION +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    `<Relationship Id="${LEGACY_DRAWING_ID}" Type="${VML_RELATIONSHIP}" Target="../drawings/vmlDrawing${sheetNumber}.vml"/>` +
    `<Relationship Id="${COMMENTS_ID}" Type="${COMMENTS_RELATIONSHIP}" Target="../comments${sheetNumber}.xml"/>` +
    '</Relationships>'
  );
}
