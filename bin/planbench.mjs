#!/usr/bin/env node
// The `planbench` command. It runs the TypeScript sources through tsx, so the CLI never lags
// behind the code. better-sqlite3 needs Node ≥ 22.14 (it crashes on older Node), so an older
// Node is refused with a message instead; `npx planbench` in the repository uses the Node 22
// that the `node` dev dependency installs.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 14)) {
  process.stderr.write(
    `规划工作台需要 Node.js 22.14 或更高版本（当前 ${process.version}）；请在项目目录中用 npx planbench 运行。\n` +
      `Planbench needs Node.js 22.14 or newer (this is ${process.version}); run it as "npx planbench" inside the project.\n`,
  );
  process.exit(2);
}
const { register } = await import('tsx/esm/api');
register();
const { runCli } = await import('../electron/cli/main.ts');
try {
  process.exitCode = await runCli(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`内部错误 / internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
}
