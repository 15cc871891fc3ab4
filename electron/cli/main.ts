import { describeError } from '../../shared/contract/errors';
import { planFailure } from '../core/api/planSession';
import { APP_VERSION } from '../core/version';
import type { CliIo } from './command';
import { UsageError } from './command';
import { COMMANDS } from './commands';
import { processIo } from './processIo';

/**
 * The headless front end: the same API calls as the UI, for batch jobs and acceptance tests.
 * Exit codes: 0 done, 1 the input was wrong (nothing changed), 2 wrong usage.
 */

const USAGE = [
  '用法 / Usage: planbench <命令> [参数] [--json]',
  '',
  ...COMMANDS.map((command) => `  ${command.usage}`),
  '',
  '  --json                       机器可读输出 / machine-readable output',
  '  --help, --version',
].join('\n');

interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: string[]): ParsedArgs {
  const command = argv.find((arg) => !arg.startsWith('--'));
  const spec = COMMANDS.find((candidate) => candidate.name === command)?.flags ?? {};
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  let commandSeen = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (!arg.startsWith('--')) {
      if (commandSeen || arg !== command) positionals.push(arg);
      commandSeen = true;
      continue;
    }
    const [name, inline] = arg.split('=', 2) as [string, string | undefined];
    if (spec[name] === 'value') {
      const value = inline ?? argv[++index];
      if (value === undefined) throw new UsageError(`${name} 需要一个值 / ${name} needs a value`);
      flags.set(name, value);
    } else {
      flags.set(name, true);
    }
  }
  return { command, positionals, flags };
}

export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let json = argv.includes('--json');
  try {
    const args = parseArgs(argv);
    json = args.flags.has('--json');
    if (args.flags.has('--version')) {
      io.stdout(json ? JSON.stringify({ version: APP_VERSION }) : APP_VERSION);
      return 0;
    }
    if (args.flags.has('--help') || args.command === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    if (args.command === undefined) throw new UsageError('缺少命令 / no command given');
    const command = COMMANDS.find((candidate) => candidate.name === args.command);
    if (!command) throw new UsageError(`未知命令“${args.command}” / unknown command "${args.command}"`);
    for (const flag of args.flags.keys()) {
      if (flag !== '--json' && !(flag in command.flags)) {
        throw new UsageError(`“${command.name}”不接受 ${flag} / "${command.name}" does not take ${flag}`);
      }
    }
    return await command.run({ positionals: args.positionals, flags: args.flags, json, io });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    // A failure of the plan file itself (a full disk, broken bytes) is named like any other.
    const named = planFailure(error);
    if (named) {
      if (json) io.stdout(JSON.stringify({ ok: false, error: named.body }));
      io.stderr(`错误 / Error: ${describeError(named.body)}`);
      return 1;
    }
    throw error;
  }
}
