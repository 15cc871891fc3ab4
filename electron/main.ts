/**
 * The Electron shell: window, menu, dialogs and the IPC bridge. This is one of the only two
 * files that import 'electron' (with preload.ts); everything it serves comes from the same
 * dispatcher as the browser edition and the CLI.
 *
 * Security follows Electron's checklist: context isolation, sandbox, no Node integration, a
 * strict CSP, the renderer served from a private scheme instead of file://, no navigation, no
 * new windows, no permissions, IPC accepted only from our own page, every payload validated by
 * the contract, and file paths chosen only by the main side's dialogs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session } from 'electron';
import type { IpcMainInvokeEvent, MenuItemConstructorOptions } from 'electron';
import type { ApiResponse } from '../shared/api/client';
import { describeError, PlanbenchError } from '../shared/api/errors';
import { CONTENT_SECURITY_POLICY } from '../shared/security';
import { dispatch } from './api/dispatch';
import { FileExchange } from './api/fileExchange';
import { isFileRequest, pageFileRequest } from './pageFiles';
import { createElectronPrintEngine } from './print/electronEngine';
import { closePdfRenderer, setPdfRenderer, setSystemPrinter } from './print/engine';
import { SAMPLE_PLAN_FILE_NAME } from './paths';
import { createSamplePlan } from './sample/buildSample';
import { PlanStore } from './store/planStore';

const SCHEME = 'planbench';
const ORIGIN = `${SCHEME}://app`;
const IPC_CHANNEL = 'planbench:call';

// codeCache: V8 keeps the compiled bundle between starts (by default only http(s) pages get
// this), so the window reaches its first rows sooner from the second start on.
protocol.registerSchemesAsPrivileged([
  // supportFetchAPI and stream: the page uploads files to its own scheme as streams (pageFiles.ts).
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: false, codeCache: true } },
]);

/** The app's own files: the built renderer and the bundled sample data. */
const appRoot = app.getAppPath();
const rendererRoot = path.join(appRoot, 'dist', 'renderer');
const sampleDataDir = app.isPackaged
  ? path.join(process.resourcesPath, 'sample', 'data')
  : path.join(appRoot, 'resources', 'sample', 'data');
const smokeTest = process.argv.includes('--smoke-test');

let store: PlanStore | null = null;
let mainWindow: BrowserWindow | null = null;
/** The page's uploads and downloads: the page names files only by these ids, never by path. */
let pageFiles: FileExchange | null = null;

function openPlan(file: string): void {
  const next = PlanStore.open(file);
  store?.close();
  store = next;
  app.addRecentDocument(file);
  mainWindow?.setTitle(windowTitle(next));
  mainWindow?.webContents.reload();
}

/** The plan's title, and 只读 when it is open read-only, so the window says so too. */
function windowTitle(plan: PlanStore): string {
  return `${plan.getMeta().title}${plan.readOnly ? '（只读）' : ''} — 规划工作台`;
}

/** The user's working copy of the sample plan, created on first start. */
function defaultPlanFile(): string {
  const argument = process.argv.slice(1).find((arg) => arg.endsWith('.planbench'));
  if (argument) return path.resolve(argument);
  const file = path.join(app.getPath('userData'), SAMPLE_PLAN_FILE_NAME);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    createSamplePlan(file, sampleDataDir).close();
  }
  return file;
}

/** Only our own page, loaded from our own scheme, may call the API. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url;
  return mainWindow !== null && event.sender === mainWindow.webContents && url !== undefined && url.startsWith(`${ORIGIN}/`);
}

async function handleCall(event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<ApiResponse> {
  if (!isTrustedSender(event)) {
    return { ok: false, error: { code: 'invalid_input', messageZh: '拒绝来自未知页面的调用', messageEn: 'call refused: unknown sender' } };
  }
  if (typeof name !== 'string') {
    return { ok: false, error: { code: 'invalid_input', messageZh: '调用名称无效', messageEn: 'invalid call name' } };
  }
  if (!store) {
    return { ok: false, error: { code: 'not_found', messageZh: '尚未打开规划', messageEn: 'no plan is open' } };
  }
  return await dispatch({ store, edition: 'electron', files: (pageFiles ??= new FileExchange()) }, name, input);
}

function serveRenderer(request: Request): Promise<Response> | Response {
  if (isFileRequest(request)) return pageFileRequest(request, (pageFiles ??= new FileExchange()));
  const { pathname } = new URL(request.url);
  const file = path.resolve(rendererRoot, '.' + decodeURIComponent(pathname === '/' ? '/index.html' : pathname));
  if (!file.startsWith(rendererRoot + path.sep)) return new Response('Not Found', { status: 404 });
  return net.fetch(pathToFileURL(file).toString());
}

async function chooseAndOpenPlan(): Promise<void> {
  const result = await dialog.showOpenDialog({
    title: '打开规划',
    filters: [{ name: '规划文件', extensions: ['planbench'] }],
    properties: ['openFile'],
  });
  const file = result.filePaths[0];
  if (result.canceled || !file) return;
  try {
    openPlan(file);
  } catch (error) {
    showError(error);
  }
}

async function saveSampleCopy(): Promise<void> {
  const result = await dialog.showSaveDialog({
    title: '新建示例规划',
    defaultPath: SAMPLE_PLAN_FILE_NAME,
    filters: [{ name: '规划文件', extensions: ['planbench'] }],
  });
  if (result.canceled || !result.filePath) return;
  try {
    createSamplePlan(result.filePath, sampleDataDir).close();
    openPlan(result.filePath);
  } catch (error) {
    showError(error);
  }
}

function showError(error: unknown): void {
  const message = error instanceof PlanbenchError ? describeError(error.body) : String(error);
  dialog.showErrorBox('规划工作台', message);
}

function buildMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '打开规划…', accelerator: 'CmdOrCtrl+O', click: () => void chooseAndOpenPlan() },
        { label: '新建示例规划…', click: () => void saveSampleCopy() },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '重新载入', role: 'reload' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function lockDown(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    title: '规划工作台',
    show: !smokeTest,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  void window.loadURL(`${ORIGIN}/index.html`);
  return window;
}

/** --smoke-test: load the page, make one API call through the real bridge, report, quit. */
function runSmokeTest(window: BrowserWindow): void {
  window.webContents.once('did-finish-load', () => {
    window.webContents
      .executeJavaScript(
        `window.planbench.call('plan.get', {}).then((r) => JSON.stringify({ ok: r.ok, sheets: r.ok ? r.result.sheets.length : 0, nodeIntegration: typeof require !== 'undefined' }))`,
      )
      .then((result: string) => {
        process.stdout.write(`SMOKE ${result}\n`);
        app.quit();
      })
      .catch((error: unknown) => {
        process.stdout.write(`SMOKE-FAILED ${String(error)}\n`);
        app.exit(1);
      });
  });
}

/**
 * Printing uses Electron's own Chromium (printToPDF, the print dialog) in hidden, sandboxed
 * windows with no preload — the same HTML the browser edition and the CLI print headless.
 */
function installPrinting(): void {
  const engine = createElectronPrintEngine(
    () =>
      new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: true },
      }),
    app.getPath('temp'),
  );
  setPdfRenderer(engine);
  setSystemPrinter(engine);
}

app.whenReady().then(() => {
  lockDown();
  installPrinting();
  protocol.handle(SCHEME, serveRenderer);
  ipcMain.handle(IPC_CHANNEL, handleCall);
  buildMenu();
  try {
    store = PlanStore.open(defaultPlanFile());
  } catch (error) {
    showError(error);
  }
  mainWindow = createWindow();
  if (store) mainWindow.setTitle(windowTitle(store));
  if (smokeTest) runSmokeTest(mainWindow);
}, (error: unknown) => {
  process.stderr.write(String(error) + '\n');
  app.exit(1);
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => {
  void closePdfRenderer();
  store?.close();
  pageFiles?.close();
});
