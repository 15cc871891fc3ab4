import { IMPORT_UPLOAD_MAX_BYTES } from '../../../shared/api/calls/importing';
import { PlanbenchError } from '../../../shared/api/errors';

/** A file the user picked or dropped, ready to send: its name and its bytes as base64. */
export interface PickedFile {
  fileName: string;
  contentBase64: string;
  size: number;
}

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

/** The file name without its extension, as a default sheet name. */
export function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').trim() || fileName;
}
