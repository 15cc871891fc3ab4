import type { PdfRenderer } from './pdfRenderer';
import type { FontPlan } from './fonts';
import { CFF_PLAN, fontFamily, TRUETYPE_PLAN } from './fonts';
import { escapeHtml } from './text';
import type { PrintModel } from './model';

/**
 * Which font plan a document prints with (see fonts.ts). Few distinct characters: TrueType
 * first, no questions asked. Many: the browser prints a one-line probe of exactly those
 * characters, and if it had to embed a whole TrueType font (its subsetter gave up), the document
 * uses the CFF plan instead. The choice is made before layout, so the preview and the PDF use the
 * same fonts and the same pages; it is remembered per character set for the process.
 */

/** Below this many distinct characters per document no TrueType subset has failed (the cliff is ~750+). */
const SAFE_DISTINCT_CHARACTERS = 500;
/** A FontFile2 longer than this is a whole font, not a subset of a few hundred glyphs. */
const WHOLE_FONT_BYTES = 3 * 1024 * 1024;
const CACHE_LIMIT = 64;

const decided = new Map<string, FontPlan>();

export async function chooseFontPlan(model: PrintModel, renderer: Pick<PdfRenderer, 'pdf'>): Promise<FontPlan> {
  const { body, heading } = documentCharacters(model);
  if (body.length <= SAFE_DISTINCT_CHARACTERS && heading.length <= SAFE_DISTINCT_CHARACTERS) return TRUETYPE_PLAN;
  const key = `${body}\u0000${heading}`;
  const known = decided.get(key);
  if (known) return known;
  const probe =
    '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>' +
    `<p style="font-family: ${escapeHtml(fontFamily(TRUETYPE_PLAN.body, 'serif'))}; word-break: break-all">${escapeHtml(body)}</p>` +
    `<p style="font-family: ${escapeHtml(fontFamily(TRUETYPE_PLAN.heading, 'sans-serif'))}; word-break: break-all">${escapeHtml(heading)}</p>` +
    '</body></html>';
  const pdf = await renderer.pdf(probe, { widthMm: model.geometry.widthMm, heightMm: model.geometry.heightMm });
  const plan = wholeFontEmbedded(pdf) ? CFF_PLAN : TRUETYPE_PLAN;
  if (decided.size >= CACHE_LIMIT) decided.clear();
  decided.set(key, plan);
  return plan;
}

/** Whether a PDF carries a whole TrueType font rather than a subset. */
export function wholeFontEmbedded(pdf: Uint8Array): boolean {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  for (const match of text.matchAll(/\/Length1\s+(\d+)/g)) {
    if (Number(match[1]) > WHOLE_FONT_BYTES) return true;
  }
  return false;
}

/** The distinct non-ASCII characters the body font and the heading font will draw, sorted. */
export function documentCharacters(model: PrintModel): { body: string; heading: string } {
  const body = new Set<string>();
  const heading = new Set<string>();
  const add = (set: Set<string>, text: string | null | undefined) => {
    for (const ch of text ?? '') if (ch.codePointAt(0)! > 0x7f) set.add(ch);
  };
  for (const section of model.sections) {
    add(heading, section.heading?.text);
    add(heading, section.heading?.continued);
    for (const row of section.rows) for (const cell of row.cells) add(body, cell);
    add(heading, section.subtotal?.label);
  }
  add(heading, model.total?.label);
  add(body, model.note?.label);
  for (const note of model.commentNotes ?? []) add(body, note.label);
  add(heading, model.title);
  add(heading, model.attachmentLabel);
  add(body, model.docNumber);
  add(body, '第页共（续）（转下页）（接上页）');
  for (const row of model.headerRows) for (const cell of row) add(heading, cell.text);
  const sorted = (set: Set<string>) => [...set].sort().join('');
  return { body: sorted(body), heading: sorted(heading) };
}
