import { TextDecoder } from 'node:util';
import { SaxesParser } from 'saxes';
import { PlanbenchError } from '../../shared/api/errors';
import { badFile } from './fileErrors';

/**
 * Streaming XML for workbook parts. Bytes arrive in arbitrary chunks; a UTF-8 character can be
 * split between two of them. ExcelJS's streaming reader decodes each chunk on its own and turns
 * such a character into U+FFFD (exceljs #2063, #2084, #2316); here one TextDecoder in stream
 * mode carries the partial bytes over to the next chunk, so every Chinese character survives.
 */

export interface XmlHandlers {
  /** A start tag, by local name (prefix dropped: some writers use x:row). */
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Picks the decoder from a byte-order mark; OOXML parts are UTF-8 unless marked otherwise. */
function decoderFor(first: Buffer): TextDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le');
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}

export async function parseXml(
  chunks: AsyncIterable<Buffer>,
  handlers: XmlHandlers,
  where: { file: string; part: string },
): Promise<void> {
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), tag.attributes as Record<string, string>));
  parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
  parser.on('text', handlers.text);
  parser.on('cdata', handlers.text);
  let decoder: TextDecoder | null = null;
  try {
    for await (const chunk of chunks) {
      decoder ??= decoderFor(chunk);
      parser.write(decoder.decode(chunk, { stream: true }));
    }
    if (decoder) parser.write(decoder.decode());
    parser.close();
  } catch (error) {
    if (error instanceof PlanbenchError) throw error;
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw badFile(
      where.file,
      `文件已损坏：${where.part} 不是有效的 XML（${detail}）`,
      `the file is damaged: ${where.part} is not valid XML (${detail})`,
    );
  }
}
