/**
 * A picked file as the renderer holds it, apart from how it is read (files.ts, which needs the
 * page's File API), so that pure modules such as the import wizard's state can name it.
 */

/** A file the user picked or dropped, uploaded: its name, and the id the API calls name it by. */
export interface PickedFile {
  fileName: string;
  upload: string;
  size: number;
}

/** The file name without its extension, as a default sheet name. */
export function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').trim() || fileName;
}
