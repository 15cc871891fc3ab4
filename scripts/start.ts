/**
 * `npm start`: the Electron app when its runtime is installed; otherwise the browser edition on
 * the user's own copy of the sample plan (in their data folder — never in resources/), with the
 * local URL printed and the reason said.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../electron/cli/main';
import { electronRuntime } from '../electron/shell/electronRuntime';
import { SAMPLE_PLAN_FILE_NAME, SOURCE_ROOT, userDataDir } from '../electron/core/paths';
import { createSamplePlan } from '../electron/core/sample/buildSample';
import { findService } from '../electron/core/api/planServices';

const runtime = electronRuntime();
if (runtime && !process.env.PLANBENCH_BROWSER) {
  const child = spawn(runtime, [SOURCE_ROOT, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const dir = userDataDir();
  const plan = path.join(dir, SAMPLE_PLAN_FILE_NAME);
  if (!fs.existsSync(plan)) {
    fs.mkdirSync(dir, { recursive: true });
    createSamplePlan(plan).close();
    console.log(`已在 ${dir} 创建示例规划 / created the sample plan: ${plan}`);
  }
  console.log(
    runtime
      ? '按 PLANBENCH_BROWSER 的设置，启动浏览器版。/ PLANBENCH_BROWSER is set: starting the browser edition.'
      : '未安装 Electron 运行时（内网电脑无法下载），改为启动浏览器版：请在浏览器中打开下面的链接。\n' +
          'The Electron runtime is not installed (it cannot be downloaded here), so the browser edition starts instead: open the link below.',
  );
  // Started twice: the workbench already running on the plan is the one to open, not a second.
  const running = await findService(plan);
  if (running?.pageUrl) {
    console.log(`规划工作台已在运行，请打开 / Planbench is already running: ${running.pageUrl}`);
  } else {
    const port = process.env.PLANBENCH_PORT ?? '0';
    process.exitCode = await runCli(['serve', plan, '--port', port]);
  }
}
