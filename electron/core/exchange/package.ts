import { safeFileName } from '../export/exportWorkbook';
import { MemorySink, ZipWriter } from '../formats/zipWriter';
import type { BatchRecord } from './batches';
import { dateStamp } from './labels';
import type { SendOutFile } from './sendout';

/**
 * A send-out's workbooks as one zip: one download in the browser (several downloads at once
 * trigger the browser's "multiple downloads" prompt) and one attachment to file away.
 */
export async function packageFiles(
  batch: BatchRecord,
  files: readonly SendOutFile[],
): Promise<{ fileName: string; bytes: Buffer }> {
  const sink = new MemorySink();
  // Workbooks are already deflated inside: store them with light compression.
  const zip = new ZipWriter(sink, 1);
  for (const file of files) await zip.file(file.fileName, file.bytes);
  await zip.finish();
  return {
    fileName: safeFileName(`${batch.sheetName}_下发_${dateStamp(batch.createdAt)}`, '.zip'),
    bytes: sink.bytes(),
  };
}
