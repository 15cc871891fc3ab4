import { IMPORT_UPLOAD_MAX_BYTES } from '../../../shared/api/uploadLimit';
import { PlanbenchError } from '../../../shared/api/errors';
import type { PickedFile } from './pickedFile';

export type { PickedFile } from './pickedFile';
export { baseName } from './pickedFile';

/**
 * Files in and out of the renderer. Bytes cross the API as base64, never paths: a workbook the
 * user picks or drops is read with the File API, and a workbook or PDF the main side makes is
 * offered through the browser's own download (the desktop app asks where to save).
 */

/**
 * Read a picked or dropped file with the File API. The bytes travel to the main side, never a
 * path. A file over the upload limit is refused here, before it is read into memory.
 */
export function readPickedFile(file: File): Promise<PickedFile> {
  if (file.size > IMPORT_UPLOAD_MAX_BYTES) {
    const mib = Math.round(IMPORT_UPLOAD_MAX_BYTES / 1024 / 1024);
    return Promise.reject(
      PlanbenchError.of(
        'invalid_value',
        `文件“${file.name}”大于 ${mib} MiB，无法在界面中导入；请用命令行 planbench import 导入`,
        `"${file.name}" is larger than ${mib} MiB and cannot be imported here; use the planbench import command`,
        { file: file.name },
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () =>
      reject(
        PlanbenchError.of('io_error', `无法读取文件“${file.name}”（可能已被移走或被其他程序占用）`, `cannot read "${file.name}" (it may have been moved or be locked)`, {
          file: file.name,
        }),
      );
    reader.onload = () => {
      // A data URL: "data:<type>;base64,<bytes>"; the bytes are what the main side needs.
      const url = String(reader.result ?? '');
      resolve({ fileName: file.name, contentBase64: url.slice(url.indexOf(',') + 1), size: file.size });
    };
    reader.readAsDataURL(file);
  });
}


const MIME: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
  '.pdf': 'application/pdf',
};

/** Offer bytes (base64) to the user as a download named `fileName`. */
export function downloadBase64(base64: string, fileName: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  const extension = fileName.slice(fileName.lastIndexOf('.')).toLowerCase();
  const url = URL.createObjectURL(new Blob([bytes], { type: MIME[extension] ?? 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after the click returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "2024-05-01T08:30:00.000Z" as local date and time, as officials read it. */
export function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
