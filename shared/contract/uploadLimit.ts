/**
 * The largest file a page may upload (to import, or a department's return to collect): 1 GiB.
 * The browser edition counts it while the body streams to a temporary file, so it bounds the
 * disk used, not memory; the import's own limits (electron/core/formats/caps.ts) still apply to what
 * is inside. In a module of its own, without schemas, so the renderer can check a file before
 * sending it without loading zod.
 */
export const FILE_UPLOAD_MAX_BYTES = 1024 * 1024 * 1024;
