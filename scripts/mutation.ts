/**
 * Mutation testing: `npm run mutation [-- --module NAME[,NAME…]]`.
 *
 * Runs StrykerJS once per module group (scripts/mutationGroups.ts), each group against only the
 * test files that cover it, one group at a time with concurrency 1, so a run fits a 2-core machine
 * shared with others. The tests run under Node's own test runner (TAP reporter, TypeScript through
 * tsx) via @stryker-mutator/tap-runner. Prints a table per group — mutants, killed, survived,
 * timeout, no coverage, equivalent (`// Stryker disable` with a reason next to the code), kill
 * ratio over the non-equivalent mutants, time — and writes it with every survivor's place to
 * mutation/results/latest.json (git-ignored). Exit code: 0 when every group run reached
 * MUTATION_MIN_RATIO (default 90%), 1 otherwise, 2 on wrong usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Stryker } from '@stryker-mutator/core';
import type { LogLevel, MutantResult } from '@stryker-mutator/api/core';
import { existingTests, GROUPS, mutateEntries, type MutationGroup } from './mutationGroups';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEMP_DIR = '.stryker-tmp';
const RESULTS_DIR = path.join(ROOT, 'mutation', 'results');
const MIN_RATIO = Number(process.env.MUTATION_MIN_RATIO ?? 90);

interface GroupResult {
  module: string;
  mutants: number;
  killed: number;
  survived: number;
  timeout: number;
  noCoverage: number;
  equivalent: number;
  errors: number;
  /** Killed + timed out, over the mutants that are not equivalent (and not compile/runtime errors). */
  killRatio: number;
  seconds: number;
  /** When this group was last run. */
  date: string;
  survivors: string[];
}

function usage(message: string): never {
  console.error(
    `${message}\n用法 (usage): npm run mutation [-- [--module ${GROUPS.map((g) => g.name).join('|')}[,…]] [--full]]`,
  );
  process.exit(2);
}

interface RunOptions {
  groups: MutationGroup[];
  /** Test every mutant again instead of reusing the last run's results (--full). */
  full: boolean;
}

function parseArgs(argv: string[]): RunOptions {
  let names: string[] | null = null;
  let full = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--full') {
      full = true;
    } else if (arg === '--module' || arg === '-m') {
      const value = argv[++i];
      if (!value) usage('--module 需要模块名 (--module needs a module name)');
      names = [...(names ?? []), ...value.split(',').filter(Boolean)];
    } else if (arg.startsWith('--module=')) {
      names = [...(names ?? []), ...arg.slice('--module='.length).split(',').filter(Boolean)];
    } else {
      usage(`未知参数 (unknown argument): ${arg}`);
    }
  }
  const groups = names
    ? names.map((name) => GROUPS.find((group) => group.name === name) ?? usage(`未知模块 (unknown module): ${name}`))
    : GROUPS;
  return { groups, full };
}

/**
 * Stryker copies the project into TEMP_DIR/sandbox-*; the tests look for the domain data at
 * REPO_ROOT/../shared, so TEMP_DIR/shared points at the real shared folder.
 */
function linkSharedFolder(): void {
  const temp = path.join(ROOT, TEMP_DIR);
  fs.mkdirSync(temp, { recursive: true });
  const link = path.join(temp, 'shared');
  const target = path.resolve(ROOT, '..', 'shared');
  if (!fs.existsSync(link) && fs.existsSync(target)) fs.symlinkSync(target, link, 'dir');
}

/**
 * Where a group's last run is kept for Stryker's incremental mode: a mutant whose code and
 * covering test files are unchanged keeps its result, so a run after adding a test file tests
 * again only the mutants the new file covers (and any whose code changed). --full ignores it.
 */
function incrementalFile(group: MutationGroup): string {
  return path.join('mutation', 'results', `incremental-${group.name}.json`);
}

async function runGroup(group: MutationGroup, full: boolean): Promise<GroupResult> {
  const tests = existingTests(ROOT, group);
  const started = performance.now();
  const stryker = new Stryker({
    mutate: mutateEntries(ROOT, group),
    testRunner: 'tap',
    plugins: ['@stryker-mutator/tap-runner'],
    tap: {
      testFiles: tests,
      nodeArgs: ['--import', 'tsx', '--test-reporter=tap', '-r', '{{hookFile}}', '{{testFile}}'],
      forceBail: true,
    },
    coverageAnalysis: 'perTest',
    concurrency: 1,
    tempDirName: TEMP_DIR,
    ignorePatterns: ['dist', 'release', 'test-output', 'mutation', 'bench/results', '*.planbench', 'tmp'],
    // Every mutant's result is also written as it is tested (mutation/results/events-<group>/),
    // so a long run can be followed, and a run stopped part-way still shows what it measured.
    reporters: ['progress', 'event-recorder'],
    eventReporter: { baseDir: path.join('mutation', 'results', `events-${group.name}`) },
    timeoutMS: 20_000,
    logLevel: 'warn' as LogLevel,
    fileLogLevel: 'off' as LogLevel,
    cleanTempDir: true,
    incremental: true,
    incrementalFile: incrementalFile(group),
    force: full,
  });
  const results = await stryker.runMutationTest();
  return summarize(group.name, results, (performance.now() - started) / 1000);
}

function summarize(module: string, results: MutantResult[], seconds: number): GroupResult {
  const count = (status: MutantResult['status']) => results.filter((r) => r.status === status).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const equivalent = count('Ignored');
  const errors = count('CompileError') + count('RuntimeError');
  const judged = killed + timeout + survived + noCoverage;
  return {
    module,
    mutants: results.length,
    killed,
    survived,
    timeout,
    noCoverage,
    equivalent,
    errors,
    killRatio: judged === 0 ? 100 : Math.floor(((killed + timeout) / judged) * 1000) / 10,
    seconds: Math.round(seconds),
    date: new Date().toISOString(),
    survivors: results
      .filter((r) => r.status === 'Survived' || r.status === 'NoCoverage')
      .map(
        (r) =>
          `${path.relative(ROOT, r.fileName)}:${r.location.start.line} ${r.mutatorName}${r.replacement ? ` → ${r.replacement.replace(/\s+/g, ' ').slice(0, 60)}` : ''}`,
      ),
  };
}

/**
 * This run's groups over the last results of the others (a group is run alone with --module),
 * in the order the groups are defined.
 */
function mergeResults(file: string, rows: GroupResult[]): GroupResult[] {
  let previous: GroupResult[] = [];
  try {
    previous = (JSON.parse(fs.readFileSync(file, 'utf8')) as { groups?: GroupResult[] }).groups ?? [];
  } catch {
    // No earlier results (or unreadable ones): this run's groups alone.
  }
  const byModule = new Map(previous.map((row) => [row.module, row]));
  for (const row of rows) byModule.set(row.module, row);
  return GROUPS.flatMap((group) => byModule.get(group.name) ?? []);
}

function printTable(rows: GroupResult[]): void {
  const header = ['module', 'mutants', 'killed', 'survived', 'timeout', 'no cov', 'equiv', 'kill %', 'time'];
  const body = rows.map((r) => [
    r.module,
    String(r.mutants),
    String(r.killed),
    String(r.survived),
    String(r.timeout),
    String(r.noCoverage),
    String(r.equivalent),
    `${r.killRatio.toFixed(1)}%`,
    `${r.seconds}s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of body) console.log(line(row));
}

async function main(): Promise<void> {
  const { groups, full } = parseArgs(process.argv.slice(2));
  linkSharedFolder();
  const rows: GroupResult[] = [];
  const file = path.join(RESULTS_DIR, 'latest.json');
  let all: GroupResult[] = [];
  for (const group of groups) {
    console.log(`\n=== ${group.name}: ${group.promise}`);
    const row = await runGroup(group, full);
    rows.push(row);
    for (const survivor of row.survivors) console.log(`  survived: ${survivor}`);
    console.log(
      `  ${group.name}: ${row.mutants} mutants, ${row.killed + row.timeout} killed, kill ratio ${row.killRatio}% in ${row.seconds}s`,
    );
    // Written after every group, so a long run stopped part-way keeps what it measured.
    all = mergeResults(file, [row]);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify({ minRatio: MIN_RATIO, groups: all }, null, 2)}\n`);
  }
  printTable(all);
  console.log(`\nwritten: ${path.relative(ROOT, file)} (groups not run this time keep their last figures and date)`);
  const low = rows.filter((r) => r.killRatio < MIN_RATIO);
  if (low.length > 0) {
    console.log(`below ${MIN_RATIO}%: ${low.map((r) => r.module).join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
