import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Electron } from '../../electron/shell/electronTypes';
import { PlanStore } from '../../electron/core/store/planStore';
import type { StandInWindow } from '../fixtures/electronStandIn';
import {
  call,
  ipcEvent,
  type Launched,
  OWN_PAGE,
  refusalOf,
  resultOf,
  shellHarness,
  until,
} from '../fixtures/shellHarness';
import { REPO_ROOT } from '../helpers';

/**
 * The desktop shell, proven without Electron's runtime (which cannot be fetched here): the BUILT
 * main-process bundle is loaded in Node with its require of Electron's package answered by a stand-in typed
 * against Electron's own definitions (tests/fixtures/electronStandIn.ts), and driven the way
 * Electron would drive it. Where the runtime exists, tests/e2e/electron-smoke.test.ts runs the
 * real app too.
 */

const { work, makePlan, launch, close } = shellHarness();

after(close);

function guardsFor(shell: Launched) {
  const contents = new (class extends EventEmitter {
    openHandler: ((details: unknown) => { action: string }) | null = null;
    setWindowOpenHandler(handler: (details: unknown) => { action: string }) {
      this.openHandler = handler;
    }
  })();
  shell.app.emit('web-contents-created', {}, contents);
  const attempt = (event: string, ...args: unknown[]) => {
    let prevented = false;
    const base = { preventDefault: () => (prevented = true) };
    contents.emit(event, Object.assign(base, args[0] ?? {}), ...args.slice(1));
    return prevented;
  };
  return { contents, attempt };
}

describe('the Electron shell, loaded from its build against a stand-in Electron', () => {
  let plan: string;
  let shell: Launched;

  before(async () => {
    plan = makePlan('甲.planbench', '甲规划');
    shell = await launch([plan]);
  });

  test('opens the plan named on the command line, titled after it, in a sandboxed window of our own scheme', () => {
    const window = shell.mainWindow;
    assert.ok(window, 'a window on planbench://app/index.html');
    assert.equal(window.getTitle(), '甲规划 — 规划工作台');
    const prefs = window.options.webPreferences!;
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.webviewTag, false);
    assert.equal(path.basename(prefs.preload!), 'preload.cjs');
    assert.deepEqual(shell.recorded.recentDocuments, [plan]);
    assert.equal(shell.recorded.privilegedSchemes[0]?.scheme, 'planbench');
  });

  test('what another program changes in the open plan is sent to the window as it happens', async () => {
    const contents = shell.mainWindow!.webContents;
    const sentBefore = contents.sent.length;
    const other = PlanStore.open(plan);
    try {
      const sheetId = other.listSheets()[0]!.id;
      const rowId = other.listRows(sheetId, 0, 1).rows[0]!.id;
      const column = other.columns(sheetId).find((candidate) => candidate.type === 'text')!;
      other.updateCell(sheetId, rowId, column.key, '另一程序写的', { source: 'user', label: '另一程序的修改' });
    } finally {
      other.close();
    }
    for (let waited = 0; contents.sent.length === sentBefore && waited < 100; waited++)
      await new Promise((resume) => setTimeout(resume, 20));
    const message = contents.sent.at(-1);
    assert.equal(message?.channel, 'planbench:changes');
    const changes = message.args[0] as {
      actions: { label: string }[];
      sheets: { cells: { cell: { text: string } }[] }[];
    };
    assert.deepEqual(
      changes.actions.map((action) => action.label),
      ['另一程序的修改'],
    );
    assert.equal(changes.sheets[0]!.cells[0]!.cell.text, '另一程序写的');
  });

  test('every IPC call from our own page reaches the dispatcher; other senders are refused', async () => {
    const own = resultOf(await call(shell, 'plan.get', {}));
    assert.equal(own.meta.title, '甲规划');
    assert.equal(own.sheets.length, 9);
    // The contract still validates the payload behind the sender check.
    const badInput = await call(shell, 'plan.get', { nonsense: 1 });
    assert.equal(badInput.ok, false);
    const refusedSenders = [
      ipcEvent({}, OWN_PAGE), // another window's contents
      ipcEvent(shell.mainWindow!.webContents, 'https://example.com/'), // our window, navigated away
      ipcEvent(shell.mainWindow!.webContents, OWN_PAGE, { url: OWN_PAGE }), // a subframe of our page
    ];
    for (const event of refusedSenders) {
      assert.match(refusalOf(await call(shell, 'plan.get', {}, event)), /拒绝来自未知页面的调用/);
    }
    assert.match(refusalOf(await call(shell, 42, {})), /调用名称无效/);
  });

  test('the scheme serves only files under the built renderer', async () => {
    const handler = shell.recorded.protocolHandlers.get('planbench')!;
    shell.recorded.fetched.length = 0;
    const index = await handler(new Request('planbench://app/'));
    assert.equal(index.status, 200);
    assert.equal(
      shell.recorded.fetched[0],
      new URL(`file://${path.join(REPO_ROOT, 'dist', 'renderer', 'index.html')}`).href,
    );
    for (const escape of [
      'planbench://app/..%2F..%2Fpackage.json',
      'planbench://app/%2e%2e/%2e%2e/package.json',
      'planbench://app/assets/..%5C..%5C..%5Cpackage.json',
    ]) {
      const response = await handler(new Request(escape));
      if (response.status === 200)
        assert.ok(shell.recorded.fetched.at(-1)!.includes('/dist/renderer/'), `${escape} stayed inside`);
      else assert.equal(response.status, 404, escape);
    }
    assert.ok(
      shell.recorded.fetched.every((url) => url.includes('/dist/renderer/')),
      shell.recorded.fetched.join('\n'),
    );
  });

  test('navigation is refused in every frame, webviews and new windows too; permissions are denied', () => {
    const { contents, attempt } = guardsFor(shell);
    assert.equal(attempt('will-frame-navigate', { url: 'https://example.com/', isMainFrame: true }), true);
    assert.equal(attempt('will-frame-navigate', { url: 'https://example.com/', isMainFrame: false }), true);
    assert.equal(attempt('will-frame-navigate', { url: 'planbench://app/index.html', isMainFrame: false }), true);
    assert.equal(
      attempt('will-frame-navigate', { url: 'about:srcdoc', isMainFrame: false }),
      false,
      'the print preview’s srcdoc frame',
    );
    assert.equal(attempt('will-frame-navigate', { url: 'planbench://app/index.html', isMainFrame: true }), false);
    assert.equal(attempt('will-navigate', {}, 'file:///etc/passwd'), true);
    assert.equal(attempt('will-redirect', {}), true);
    assert.equal(attempt('will-attach-webview', {}), true);
    assert.deepEqual(contents.openHandler!({ url: 'https://example.com/' }), { action: 'deny' });
    let granted: boolean | null = null;
    shell.recorded.permissionRequest!({} as Electron.WebContents, 'media', (value) => (granted = value), {} as never);
    assert.equal(granted, false);
    let headers: Record<string, string[]> = {};
    shell.recorded.headersHook!(
      { responseHeaders: {} } as Electron.OnHeadersReceivedListenerDetails,
      (response) => (headers = response.responseHeaders as Record<string, string[]>),
    );
    assert.match(headers['Content-Security-Policy']![0]!, /default-src/);
  });

  test('the menu is Chinese, with the usual accelerators, and lists the plans opened lately', () => {
    const menu = shell.recorded.menus.at(-1)!;
    assert.deepEqual(
      menu.map((item) => item.label),
      ['文件(&F)', '编辑(&E)', '视图(&V)', '窗口(&W)', '帮助(&H)'],
    );
    const items = menu.flatMap((item) => item.submenu as Electron.MenuItemConstructorOptions[]);
    const accelerator = (label: string) => items.find((item) => item.label === label)?.accelerator;
    assert.equal(accelerator('打开规划…'), 'CmdOrCtrl+O');
    assert.equal(accelerator('复制'), 'CmdOrCtrl+C');
    assert.equal(accelerator('粘贴'), 'CmdOrCtrl+V');
    assert.equal(accelerator('撤销'), 'CmdOrCtrl+Z');
    assert.equal(accelerator('全屏'), 'F11');
    const recent = items.find((item) => item.label === '最近打开')!.submenu as Electron.MenuItemConstructorOptions[];
    assert.equal(recent[0]!.label, '1. 甲');
    const about = items.find((item) => item.label === '关于规划工作台')!;
    (about.click as () => void)();
    const box = shell.recorded.messageBoxes.at(-1)!;
    assert.match(box.message, /^规划工作台 \d+\.\d+\.\d+/);
    assert.ok(box.detail!.includes(shell.userData), 'the About box names the data folder');
    (items.find((item) => item.label === '打开数据文件夹')!.click as () => void)();
    assert.deepEqual(shell.recorded.openedPaths, [shell.userData]);
  });

  test('a second launch with another plan hands it to this window, which reloads on it', async () => {
    const other = makePlan('乙.planbench', '乙规划');
    const reloadsBefore = shell.mainWindow!.webContents.reloads.length;
    shell.mainWindow!.minimized = true;
    shell.app.emit('second-instance', {}, ['planbench.exe', '乙.planbench'], work.dir);
    assert.equal(resultOf(await call(shell, 'plan.get', {})).meta.title, '乙规划');
    assert.equal(shell.mainWindow!.getTitle(), '乙规划 — 规划工作台');
    assert.equal(shell.mainWindow!.webContents.reloads.length, reloadsBefore + 1);
    assert.equal(shell.mainWindow!.minimized, false, 'the window is restored and focused');
    const recent = shell.recorded.menus.at(-1)![0]!.submenu as Electron.MenuItemConstructorOptions[];
    const recentList = recent.find((item) => item.label === '最近打开')!
      .submenu as Electron.MenuItemConstructorOptions[];
    assert.deepEqual(
      recentList.slice(0, 2).map((item) => item.toolTip),
      [other, plan],
    );
    // A damaged file is refused with a message; the open plan stays.
    const broken = path.join(work.dir, '坏.planbench');
    fs.writeFileSync(broken, 'not a plan');
    shell.app.emit('second-instance', {}, ['planbench.exe', broken], work.dir);
    assert.equal(resultOf(await call(shell, 'plan.get', {})).meta.title, '乙规划');
    await until(() => shell.recorded.errorBoxes.length > 0);
    assert.equal(shell.recorded.errorBoxes.length, 1);
    assert.match(shell.recorded.errorBoxes[0]!.content, /坏\.planbench|不是|规划文件/);
  });

  test('the print engine prints through hidden sandboxed windows: a real PDF, and the system dialog', async () => {
    const { sheets } = resultOf(await call(shell, 'plan.get', {}));
    const pdf = resultOf(await call(shell, 'print.pdf', { sheetId: sheets[0]!.id }));
    // The page fetches what a call made from its own scheme, by download id.
    assert.ok(pdf.download, 'the PDF is offered to the page as a download');
    const fetched = await shell.recorded.protocolHandlers.get('planbench')!(
      new Request(`planbench://app/files/${pdf.download}`),
    );
    assert.equal(fetched.status, 200);
    const bytes = Buffer.from(await fetched.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    const file = path.join(work.dir, 'printed.pdf');
    fs.writeFileSync(file, bytes);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    assert.equal(pages, pdf.pages);
    const printWindows = shell.recorded.windows.filter((window: StandInWindow) => window.url.startsWith('file:'));
    assert.ok(printWindows.length >= 1);
    for (const window of printWindows) {
      assert.equal(window.options.show, false);
      assert.equal(window.options.webPreferences?.sandbox, true);
      assert.equal(window.options.webPreferences?.preload, undefined);
      assert.equal(window.isDestroyed(), true, 'each print window is closed after its job');
    }
    const system = resultOf(await call(shell, 'print.system', { sheetId: sheets[0]!.id }));
    assert.equal(system.printed, true);
    assert.equal(shell.recorded.printCalls.at(-1)!.options.silent, false);
  });

  test('the page uploads a file to its own scheme and imports it by id; it can never name a path', async () => {
    const scheme = shell.recorded.protocolHandlers.get('planbench')!;
    const csv = '序号,项目名称,投资匡算（万元）\r\n1,桌面上传的项目,1234.5\r\n';
    const uploaded = await scheme(
      new Request('planbench://app/files?name=' + encodeURIComponent('上传.csv'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: Buffer.from('\ufeff' + csv),
      }),
    );
    const receipt = (await uploaded.json()) as { ok: boolean; result: { upload: string } };
    assert.equal(receipt.ok, true);
    const preview = resultOf(
      await call(shell, 'import.preview', {
        file: { upload: receipt.result.upload },
        target: { kind: 'new', sheetKind: 'projects', name: '桌面导入' },
      }),
    );
    const committed = resultOf(await call(shell, 'import.commit', { previewId: preview.previewId }));
    assert.equal(committed.inserted, 1);
    const named = await call(shell, 'import.preview', {
      file: { path: path.join(work.dir, '甲.planbench') },
      target: { kind: 'new', sheetKind: 'projects' },
    });
    assert.match(refusalOf(named), /页面不能指定本机文件路径/);
  });

  test('a crashed page is reloaded, but not in a loop', () => {
    const window = shell.mainWindow!;
    const before = window.webContents.reloads.length;
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    assert.equal(window.webContents.reloads.length, before);
    for (let i = 0; i < 3; i++) window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    assert.equal(window.webContents.reloads.length, before + 3);
    const boxes = shell.recorded.errorBoxes.length;
    window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    assert.equal(window.webContents.reloads.length, before + 3);
    assert.equal(shell.recorded.errorBoxes.length, boxes + 1);
  });

  test('the window opens where it was closed, and on the screen if that place is gone', async () => {
    const window = shell.mainWindow!;
    window.options.x = 200;
    window.options.y = 100;
    window.options.width = 1000;
    window.options.height = 700;
    window.emit('close');
    const again = await launch([plan], { userData: shell.userData });
    assert.deepEqual(
      {
        x: again.mainWindow!.options.x,
        y: again.mainWindow!.options.y,
        width: again.mainWindow!.options.width,
        height: again.mainWindow!.options.height,
      },
      { x: 200, y: 100, width: 1000, height: 700 },
    );
    again.mainWindow!.options.x = 5000; // a monitor that has been unplugged
    again.mainWindow!.emit('close');
    const third = await launch([plan], { userData: shell.userData });
    assert.equal(third.mainWindow!.options.x, undefined, 'back to the default place');
    assert.equal(third.mainWindow!.options.width, 1440);
  });
});

test('a second instance hands over and quits without opening anything', async () => {
  const plan = makePlan('丙.planbench', '丙规划');
  const second = await launch([plan], { singleInstanceLock: false });
  assert.equal(second.recorded.quit, 1);
  assert.equal(second.recorded.ipcHandlers.size, 0);
  assert.equal(second.recorded.windows.length, 0);
});

test('without a plan on the command line, the user’s copy of the sample plan opens (made on first start)', async () => {
  const first = await launch([]);
  assert.equal(resultOf(await call(first, 'plan.get', {})).sheets.length, 9);
  const copy = fs.readdirSync(first.userData).find((name) => name.endsWith('.planbench'));
  assert.ok(copy, 'the sample copy is in the data folder');
  const reopened = PlanStore.open(path.join(first.userData, copy));
  reopened.close();
});
