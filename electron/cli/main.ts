import fs from 'node:fs';
import path from 'node:path';
import { describeError, PlanbenchError } from '../../shared/api/errors';
import type { ApiName, ApiOutput } from '../../shared/api/contract';
import { dispatch } from '../api/dispatch';
import type { ApiContext } from '../api/handlers';
import { rendererDir } from '../paths';
import { createSamplePlan } from '../sample/buildSample';
import { startBrowserServer } from '../server/browserServer';
import { PlanStore } from '../store/planStore';
import { APP_VERSION } from '../version';
import { summaryText } from './summaryText';

/**
 * The headless front end: the same API calls as the UI, for batch jobs and acceptance tests.
 * Exit codes: 0 done, 1 the input was wrong (nothing changed), 2 wrong usage.
 */

const USAGE = `用法 / Usage: planbench <命令> [参数] [--json]

  new PLAN [--sample]          新建空白规划，或复制内置示例规划 / create an empty plan, or a copy of the sample
  summary PLAN                 工作表、行数、精确合计、分类汇总 / sheets, rows, exact totals, categories
  serve PLAN [--port N]        在 127.0.0.1 上启动浏览器版 / serve the browser edition on 127.0.0.1

  --json                       机器可读输出 / machine-readable output
  --help, --version`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text + '\n'),
  stderr: (text) => process.stderr.write(text + '\n'),
};

class UsageError extends Error {}

interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  flags: Map<string, string | true>;
}

const FLAGS_WITH_VALUE = new Set(['--port']);
const KNOWN_FLAGS: Record<string, readonly string[]> = {
  new: ['--sample', '--json'],
  summary: ['--json'],
  serve: ['--port', '--json'],
};

function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.split('=', 2) as [string, string | undefined];
      if (FLAGS_WITH_VALUE.has(name)) {
        const value = inline ?? argv[++index];
        if (value === undefined) throw new UsageError(`${name} 需要一个值 / ${name} needs a value`);
        flags.set(name, value);
      } else {
        flags.set(name, true);
      }
    } else {
      positionals.push(arg);
    }
  }
  return { command: positionals.shift(), positionals, flags };
}

function onePlanArgument(args: ParsedArgs): string {
  if (args.positionals.length !== 1) {
    throw new UsageError(`“${args.command}”需要且只需要一个规划文件 / "${args.command}" takes exactly one PLAN file`);
  }
  return path.resolve(args.positionals[0]!);
}

function call<N extends ApiName>(context: ApiContext, name: N, input: unknown): ApiOutput<N> {
  const response = dispatch(context, name, input);
  if (!response.ok) throw new PlanbenchError(response.error);
  return response.result as ApiOutput<N>;
}

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  let json = argv.includes('--json');
  try {
    const args = parseArgs(argv);
    json = args.flags.has('--json');
    if (args.flags.has('--version')) {
      io.stdout(json ? JSON.stringify({ version: APP_VERSION }) : APP_VERSION);
      return 0;
    }
    if (args.flags.has('--help') || args.command === undefined || args.command === 'help') {
      io.stdout(USAGE);
      return args.command === undefined && !args.flags.has('--help') ? 2 : 0;
    }
    const known = KNOWN_FLAGS[args.command];
    if (!known) throw new UsageError(`未知命令“${args.command}” / unknown command "${args.command}"`);
    for (const flag of args.flags.keys()) {
      if (!known.includes(flag)) throw new UsageError(`“${args.command}”不接受 ${flag} / "${args.command}" does not take ${flag}`);
    }
    switch (args.command) {
      case 'new':
        return commandNew(onePlanArgument(args), args.flags.has('--sample'), json, io);
      case 'summary':
        return commandSummary(onePlanArgument(args), json, io);
      case 'serve':
        return await commandServe(onePlanArgument(args), parsePort(args.flags.get('--port')), json, io);
    }
    return 2;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof PlanbenchError) {
      if (json) io.stdout(JSON.stringify({ ok: false, error: error.body }));
      io.stderr(`错误 / Error: ${describeError(error.body)}`);
      return 1;
    }
    throw error;
  }
}

function parsePort(value: string | true | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`端口无效：${String(value)} / invalid port: ${String(value)}`);
  }
  return port;
}

function commandNew(file: string, sample: boolean, json: boolean, io: CliIo): number {
  const store = sample ? createSamplePlan(file) : PlanStore.create(file, { title: path.basename(file, path.extname(file)) });
  try {
    const plan = call({ store, edition: 'cli' }, 'plan.get', {});
    if (json) io.stdout(JSON.stringify({ ok: true, file, title: plan.meta.title, sheets: plan.sheets.length }));
    else io.stdout(`已创建 ${file}：${plan.meta.title}，${plan.sheets.length} 个工作表 / created`);
  } finally {
    store.close();
  }
  return 0;
}

function commandSummary(file: string, json: boolean, io: CliIo): number {
  const store = PlanStore.open(file);
  try {
    const summary = call({ store, edition: 'cli' }, 'plan.summary', {});
    io.stdout(json ? JSON.stringify(summary, null, 2) : summaryText(summary));
  } finally {
    store.close();
  }
  return 0;
}

async function commandServe(file: string, port: number, json: boolean, io: CliIo): Promise<number> {
  const dir = rendererDir();
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw PlanbenchError.of(
      'not_found',
      '界面尚未构建，请先运行 npm run build',
      'the renderer is not built yet; run npm run build first',
      { file: dir },
    );
  }
  const store = PlanStore.open(file);
  const server = await startBrowserServer({ context: { store, edition: 'browser' }, rendererDir: dir, port });
  if (json) io.stdout(JSON.stringify({ ok: true, url: server.url, file }));
  else io.stdout(`规划工作台浏览器版已启动 / Planbench browser edition: ${server.url}\n（仅本机可访问；按 Ctrl+C 退出 / local only; Ctrl+C to stop）`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  store.close();
  return 0;
}
