import { FILE_UPLOAD_MAX_BYTES } from '../../../shared/contract/uploadLimit';
import type { ApiErrorBody } from '../../../shared/contract/errors';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { MadeFile } from '../../../shared/contract/files';

import type { PickedFile } from './pickedFile';

export type { PickedFile } from './pickedFile';
export { baseName } from './pickedFile';

/**
 * Files in and out of the renderer, never as bytes inside an API call: a workbook the user picks
 * or drops is uploaded first, as a plain stream, to ./files (relative to the page: the browser
 * edition's server, or the desktop app's own scheme), and the calls name it by the id the upload
 * answered; a workbook or PDF a call makes is offered as a download of ./files/<id> (the desktop
 * app asks where to save). The page never names a path: the main side would refuse one.
 */

function mib(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/**
 * Upload a picked or dropped file. One over the upload limit is refused here, before a byte is
 * sent (the main side counts again as the bytes arrive).
 */
export async function uploadPickedFile(file: File): Promise<PickedFile> {
  if (file.size > FILE_UPLOAD_MAX_BYTES) {
    throw PlanbenchError.of(
      'invalid_value',
      `文件“${file.name}”超过 ${mib(FILE_UPLOAD_MAX_BYTES)} 的上传上限，未被接收，规划未作任何修改`,
      `"${file.name}" is larger than the ${mib(FILE_UPLOAD_MAX_BYTES)} upload limit; it was not accepted and the plan is unchanged`,
      { file: file.name },
    );
  }
  let response: Response;
  try {
    response = await fetch(`./files?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: file,
    });
  } catch {
    throw PlanbenchError.of(
      'io_error',
      `无法读取或发送文件“${file.name}”（可能已被移走或被其他程序占用）`,
      `cannot read or send "${file.name}" (it may have been moved or be locked)`,
      {
        file: file.name,
      },
    );
  }
  let answer:
    { ok: true; result: { upload: string; fileName: string; bytes: number } } | { ok: false; error: ApiErrorBody };
  try {
    answer = (await response.json()) as typeof answer;
  } catch {
    throw PlanbenchError.of(
      'io_error',
      `上传“${file.name}”失败（HTTP ${response.status}）`,
      `uploading "${file.name}" failed (HTTP ${response.status})`,
      { file: file.name },
    );
  }
  if (!answer.ok) throw new PlanbenchError(answer.error);
  return { fileName: answer.result.fileName, upload: answer.result.upload, size: answer.result.bytes };
}

/** Offer a file a call made as a download (it waits on the main side under its id). */
export function download(made: MadeFile): void {
  if (!made.download) return;
  const link = document.createElement('a');
  link.href = `./files/${encodeURIComponent(made.download)}`;
  link.download = made.fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

/** "2024-05-01T08:30:00.000Z" as local date and time, as officials read it. */
export function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
