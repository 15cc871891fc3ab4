import { z } from 'zod';

/** A row, sheet, column or action id. */
export const Id = z.number().int().positive();

/** The input of a call that takes none: an empty object, and nothing else. */
export const Empty = z.object({}).strict();

/** One call of the contract: its input schema, its output schema, and what it does. */
export function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) {
  return { input, output, doc };
}
