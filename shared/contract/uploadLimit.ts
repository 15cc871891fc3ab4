/**
 * The largest file the UI may send for import: 50 MiB (the command line takes larger ones). In a
 * module of its own, without schemas, so the renderer can check a file before reading it without
 * loading zod.
 */
export const IMPORT_UPLOAD_MAX_BYTES = 50 * 1024 * 1024;
