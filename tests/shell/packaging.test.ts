import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Configuration } from 'app-builder-lib';
import { readBuilderConfig } from '../fixtures/builderConfig';
import { REPO_ROOT } from '../helpers';

/**
 * What can be proven about the installers without Electron's runtime (which `npm run dist`
 * downloads and this machine cannot): electron-builder.yml is valid for the installed
 * electron-builder, the packaged binary's fuses are set, and every platform and architecture we
 * build for has a better-sqlite3 binary of that very architecture in the package.
 */

let read: ReturnType<typeof readBuilderConfig> | null = null;
const loadConfig = async () => (read ??= readBuilderConfig(REPO_ROOT)).config;

test('electron-builder.yml is valid for the installed electron-builder', async () => {
  await loadConfig();
  assert.equal(read!.invalid, null, `electron-builder refuses electron-builder.yml: ${read!.invalid}`);
});

test('the fuses close what an attacker with a local account would use', async () => {
  const fuses = (await loadConfig()).electronFuses;
  assert.deepEqual(fuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  });
});

/** The (platform, arch) pairs the config builds installers for. */
function targets(config: Configuration): { platform: 'win32' | 'linux'; arch: string; target: string }[] {
  const out: { platform: 'win32' | 'linux'; arch: string; target: string }[] = [];
  for (const [key, platform] of [
    ['win', 'win32'],
    ['linux', 'linux'],
  ] as const) {
    const list = (config[key]?.target ?? []) as { target: string; arch?: string[] }[];
    for (const entry of list)
      for (const arch of entry.arch ?? ['x64']) out.push({ platform, arch, target: entry.target });
  }
  return out;
}

/** The CPU a native module was built for, read from its ELF or PE header. */
function binaryArch(file: string): string {
  const bytes = fs.readFileSync(file);
  if (bytes.subarray(0, 4).toString('latin1') === '\x7fELF') {
    const machine = bytes.readUInt16LE(18);
    return ({ 62: 'x64', 183: 'arm64', 258: 'loong64' } as Record<number, string>)[machine] ?? `elf-${machine}`;
  }
  if (bytes.subarray(0, 2).toString('latin1') === 'MZ') {
    const pe = bytes.readUInt32LE(0x3c);
    assert.equal(bytes.subarray(pe, pe + 4).toString('latin1'), 'PE\0\0');
    const machine = bytes.readUInt16LE(pe + 4);
    return ({ 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'ia32' } as Record<number, string>)[machine] ?? `pe-${machine}`;
  }
  return 'unknown';
}

test('Windows x64 and Linux x64 and arm64 (UOS/Kylin on Kunpeng, Phytium) each get their own SQLite binary', async () => {
  const config = await loadConfig();
  const built = targets(config);
  assert.deepEqual([...new Set(built.map((t) => `${t.platform}-${t.arch}`))].sort(), [
    'linux-arm64',
    'linux-x64',
    'win32-x64',
  ]);
  // electron-builder normalises `files` to [{ filter: [...] }].
  const files = (config.files as unknown[]).flatMap((entry) =>
    typeof entry === 'string' ? [entry] : ((entry as { filter?: string[] }).filter ?? []),
  );
  const pattern: string | undefined = files.find((entry) => entry.includes('better-sqlite3/prebuilds/'));
  assert.ok(pattern, 'the package takes its platform’s better-sqlite3 binary');
  for (const { platform, arch } of built) {
    const relative: string = pattern.replace('${platform}', platform).replace('${arch}', arch);
    const binary = path.join(REPO_ROOT, relative);
    assert.ok(fs.existsSync(binary), `${relative} is missing: no prebuilt better-sqlite3 for ${platform}-${arch}`);
    assert.equal(binaryArch(binary), arch, `${relative} is built for ${arch}`);
  }
  // What the README says is not covered: no LoongArch or 32-bit Windows binary ships with it.
  const prebuilds = fs.readdirSync(path.join(REPO_ROOT, 'node_modules', 'better-sqlite3', 'prebuilds'));
  assert.ok(!prebuilds.some((name) => /loong|mips|ia32/.test(name)), prebuilds.join(', '));
});

test('Windows installs per user, without administrator rights', async () => {
  const config = await loadConfig();
  assert.equal(config.nsis?.perMachine, false);
  assert.equal(config.nsis?.oneClick, true);
  assert.deepEqual(config.fileAssociations, [{ ext: 'planbench', name: '规划文件', description: 'Planbench plan' }]);
});

test('the package carries the plan service that the main process forks into a utility process', async () => {
  const config = await loadConfig();
  const files = (config.files as unknown[]).flatMap((entry) =>
    typeof entry === 'string' ? [entry] : ((entry as { filter?: string[] }).filter ?? []),
  );
  const included = (file: string) =>
    files.some((pattern) => !pattern.startsWith('!') && path.matchesGlob(file, pattern)) &&
    !files.some((pattern) => pattern.startsWith('!') && path.matchesGlob(file, pattern.slice(1)));
  for (const bundle of ['main.cjs', 'preload.cjs', 'planService.cjs', 'readWorker.cjs'])
    assert.ok(included(`dist/electron/${bundle}`), `dist/electron/${bundle} is packaged`);
  assert.equal(included('dist/electron/planService.cjs.map'), false, 'source maps stay out');
});
