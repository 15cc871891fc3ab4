/**
 * A policy document read for its structure: its paragraphs and tables in reading order, whatever
 * container it came in (.docx, .doc, .pdf, .txt — electron/core/documents reads them). Each block
 * says where it is (出处): the page for a PDF, the paragraph's number otherwise, so every proposed
 * row of a task breakdown can be found again in the document.
 */

export interface BlockPlace {
  /** 1-based page (PDF only). */
  page: number | null;
  /** 1-based number among the document's paragraphs and tables. */
  paragraph: number;
}

export type DocumentBlock =
  | {
      kind: 'paragraph';
      text: string;
      place: BlockPlace;
      /** Its number was Word's automatic numbering, inferred from the list (see documents/html.ts). */
      autoNumbered?: true;
    }
  | { kind: 'table'; rows: string[][]; place: BlockPlace };

export type DocumentFormat = 'docx' | 'doc' | 'pdf' | 'txt';

export interface DocumentRead {
  fileName: string;
  format: DocumentFormat;
  /** The text encoding of a .txt file (UTF-8, GB18030/GBK…); null for the other formats. */
  encoding: string | null;
  blocks: DocumentBlock[];
}

/** How a place is shown: 第3页 / 第12段. */
export function placeLabel(place: BlockPlace): { zh: string; en: string } {
  return place.page !== null
    ? { zh: `第${place.page}页`, en: `page ${place.page}` }
    : { zh: `第${place.paragraph}段`, en: `paragraph ${place.paragraph}` };
}
