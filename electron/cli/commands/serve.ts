import fs from 'node:fs';
import path from 'node:path';
import { PlanbenchError } from '../../../shared/contract/errors';
import { rendererDir } from '../../core/paths';
import { closePdfRenderer } from '../../core/print/engine';
import { startBrowserServer } from '../../server/browserServer';
import type { CliCommand } from '../command';
import { planArgument, UsageError } from '../command';
import { processActor } from '../../core/api/actors';
import { openPlanToRead } from '../openPlan';
import { ReopenablePlan } from '../../core/api/reopenablePlan';

function parsePort(value: string | true | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`端口无效：${String(value)} / invalid port: ${String(value)}`);
  }
  return port;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'serve PLAN [--port N]        在 127.0.0.1 上启动浏览器版 / serve the browser edition on 127.0.0.1',
  flags: { '--port': 'value' },
  async run({ positionals, flags, json, io }) {
    const [file] = planArgument('serve', positionals) as [string];
    const port = parsePort(flags.get('--port'));
    const dir = rendererDir();
    if (!fs.existsSync(path.join(dir, 'index.html'))) {
      throw PlanbenchError.of(
        'not_found',
        '界面尚未构建，请先运行 npm run build',
        'the renderer is not built yet; run npm run build first',
        {
          file: dir,
        },
      );
    }
    const session = openPlanToRead(file, io);
    // Opened read-only because another computer holds it: opened again once it lets go.
    const plan = new ReopenablePlan(session.context.store);
    const server = await startBrowserServer({
      // A call from a tab names its window (browserServer.ts); one that does not is this server's.
      context: {
        get store() {
          return plan.store;
        },
        edition: 'browser',
        actor: processActor('browser'),
      },
      rendererDir: dir,
      port,
      reopen: () => plan.reopenIfChanged(),
    });
    if (json) io.stdout(JSON.stringify({ ok: true, url: server.url, file }));
    else {
      io.stdout(
        `规划工作台浏览器版已启动 / Planbench browser edition: ${server.url}\n（仅本机可访问；按 Ctrl+C 退出 / local only; Ctrl+C to stop）`,
      );
    }
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await server.close();
    await closePdfRenderer();
    plan.close();
    return 0;
  },
};
