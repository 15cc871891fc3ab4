import { z } from 'zod';
import { FILE_UPLOAD_MAX_BYTES } from './uploadLimit';

/**
 * Files in the API travel as references, never as bytes inside JSON. The transport a call came
 * through resolves them:
 *   - `{ path }`: a file on this computer, named by a front end the user runs as themselves (the
 *     CLI's arguments). A page — the browser edition's or the desktop app's — can never name a
 *     path; its transport refuses one before the call runs (a page naming /etc/passwd, or the plan
 *     file itself, would be a hole).
 *   - `{ upload }`: a file the page sent to its transport beforehand as a plain stream (the
 *     browser edition's POST …/files), kept in a temporary folder under the id the upload gave.
 * A call that makes a file (export, send-out, print to PDF) writes it where `saveTo` says
 * (a path, again only from the CLI) or, without one, offers it as a download the page fetches
 * by id.
 */

export { FILE_UPLOAD_MAX_BYTES };

/** What an upload answered: the id to name the file by in later calls. */
export const UploadId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export const PathRef = z.object({ path: z.string().min(1).max(4096) }).strict();
export const UploadRef = z.object({ upload: UploadId }).strict();

/** A file a call reads. */
export const FileRef = z.union([PathRef, UploadRef]);
export type FileRef = z.infer<typeof FileRef>;

/** Where a call writes the file it makes; absent: offered as a download. */
export const SaveTo = PathRef;
export type SaveTo = z.infer<typeof SaveTo>;

/** A file a call made: written to the path asked for, or waiting as a download. */
export const MadeFile = z
  .object({
    fileName: z.string(),
    bytes: z.number().int(),
    /** Where it was written (when the call named a path). */
    path: z.string().nullable(),
    /** The download's id (when it did not): the page fetches …/files/<id>. */
    download: UploadId.nullable(),
  })
  .strict();
export type MadeFile = z.infer<typeof MadeFile>;
