import { z } from 'zod';

/**
 * Errors every transport carries the same way: a code for programs, a message in Chinese first
 * and English too for people, and where the problem is (file, sheet, row, column) when known.
 */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_call',
  'not_found',
  'invalid_value',
  'not_a_plan',
  /** A plan file whose bytes are broken (truncated, overwritten): restore it from a backup. */
  'damaged',
  'newer_version',
  /** The plan is open read-only (the file or its folder cannot be written): nothing may change. */
  'read_only',
  /** The disk under the plan is full: the change was rolled back, earlier changes are intact. */
  'disk_full',
  'file_exists',
  /**
   * Another program (a second window's server, a colleague's copy, a command-line import) held
   * the plan for writing longer than a writer waits: nothing of this change was saved.
   */
  'busy',
  /**
   * Undo or redo would overwrite what someone else changed since, in the same cells or rows:
   * nothing was changed; the caller asks the person, then calls again with overwrite.
   */
  'conflict',
  'io_error',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

// The schemas are marked pure (/* @__PURE__ */): the renderer uses this module's types and
// functions but not its schemas, and the marks let its bundle leave them, and zod, out.
export const ErrorWhere = /* @__PURE__ */ z
  .object({
    file: z.string().optional(),
    sheet: z.string().optional(),
    row: z.union([z.number(), z.string()]).optional(),
    column: z.string().optional(),
  })
  .strict();
export type ErrorWhere = z.infer<typeof ErrorWhere>;

export const ApiErrorBody = /* @__PURE__ */ z
  .object({
    code: z.enum(ERROR_CODES),
    messageZh: z.string(),
    messageEn: z.string(),
    where: ErrorWhere.optional(),
    /** For invalid_input: which fields were wrong. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .strict();
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export class PlanbenchError extends Error {
  readonly body: ApiErrorBody;

  constructor(body: ApiErrorBody) {
    super(`${body.messageZh} / ${body.messageEn}`);
    this.name = 'PlanbenchError';
    this.body = body;
  }

  static of(code: ErrorCode, messageZh: string, messageEn: string, where?: ErrorWhere): PlanbenchError {
    return new PlanbenchError({ code, messageZh, messageEn, ...(where ? { where } : {}) });
  }
}

/** One line for people: "中文说明（English explanation）[文件 x，工作表 y，第 3 行，列 z]". */
export function describeError(body: ApiErrorBody): string {
  const place: string[] = [];
  if (body.where?.file) place.push(`文件 ${body.where.file}`);
  if (body.where?.sheet) place.push(`工作表 ${body.where.sheet}`);
  if (body.where?.row !== undefined) place.push(`第 ${body.where.row} 行`);
  if (body.where?.column) place.push(`列 ${body.where.column}`);
  const details = body.issues?.map((issue) => `${issue.path || '(输入)'}: ${issue.message}`).join('; ');
  return (
    `${body.messageZh}（${body.messageEn}）` +
    (place.length ? `［${place.join('，')}］` : '') +
    (details ? ` — ${details}` : '')
  );
}

/**
 * The disk (or the user's quota) is full. One message for every place that writes — an exported
 * workbook, send-out files, the plan file itself — so users learn one wording.
 */
export function diskFullError(file?: string): PlanbenchError {
  const name = file ? `“${file}”` : '';
  const nameEn = file ? ` "${file}"` : '';
  return PlanbenchError.of(
    'io_error',
    `磁盘已满，无法写入${name}：请腾出磁盘空间后重试`,
    `disk full: cannot write${nameEn}; free some disk space and try again`,
    file ? { file } : undefined,
  );
}
