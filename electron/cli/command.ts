import path from 'node:path';
import type { ApiName, ApiOutput } from '../../shared/contract/contract';
import { PlanbenchError } from '../../shared/contract/errors';
import { dispatch } from '../core/api/dispatch';
import type { ApiContext } from '../core/api/context';

/** Where a command writes: lines for people (or JSON) on stdout, messages on stderr. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CommandArgs {
  positionals: string[];
  /** Flags as given; `true` for a flag without a value. */
  flags: Map<string, string | true>;
  json: boolean;
  io: CliIo;
}

/** One `planbench` subcommand. Each lives in ./commands and is listed in ./commands/index.ts. */
export interface CliCommand {
  name: string;
  /** Its line in the usage text, e.g. "summary PLAN   工作表… / sheets…". */
  usage: string;
  /** Its flags besides --json: 'value' takes an argument (--port 8080), 'switch' does not. */
  flags: Record<string, 'value' | 'switch'>;
  run(args: CommandArgs): number | Promise<number>;
}

/** Wrong usage: exit 2 with the usage text. */
export class UsageError extends Error {}

/** The one plan file a command works on, as an absolute path. */
export function planArgument(command: string, positionals: string[], count = 1): string[] {
  if (positionals.length !== count) {
    throw new UsageError(
      `“${command}”需要 ${count} 个文件参数 / "${command}" takes ${count} file argument${count > 1 ? 's' : ''}`,
    );
  }
  return positionals.map((file) => path.resolve(file));
}

/** Run an API call headless, through the same dispatcher as every other front end. */
export async function callApi<N extends ApiName>(context: ApiContext, name: N, input: unknown): Promise<ApiOutput<N>> {
  const response = await dispatch(context, name, input);
  if (!response.ok) throw new PlanbenchError(response.error);
  return response.result as ApiOutput<N>;
}
