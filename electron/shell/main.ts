/**
 * The Electron shell: the app's life, its one window, the menu, dialogs and the IPC bridge. Only
 * electron/shell imports 'electron'. The plan itself is held by the plan service in a utility
 * process (electron/service/): this process is a thin relay to it, and everything the window
 * shows is served there by the same dispatcher as the browser edition and the CLI.
 *
 * Security follows Electron's checklist (security.ts, ipc.ts, scheme.ts): context isolation,
 * sandbox, no Node in the page, a strict CSP, the renderer served from a private scheme instead of
 * file://, no navigation in any frame, no new windows, no permissions, IPC accepted only from our
 * own page, every payload validated by the contract, file paths chosen only by the main side's
 * dialogs; the packaged binary's fuses are set by electron-builder.yml.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, screen, shell, utilityProcess } from 'electron';
import { describeError, PlanbenchError } from '../../shared/contract/errors';
import { SAMPLE_PLAN_FILE_NAME } from '../core/paths';
import { APP_VERSION } from '../core/version';
import type { OpenedPlan, SampleToMake } from '../service/protocol';
import { SERVICE_NAME } from '../service/protocol';
import { createElectronPrintEngine } from './electronPrintEngine';
import { serveApi } from './ipc';
import { menuTemplate } from './menu';
import { CHANGES_CHANNEL, ORIGIN } from './origin';
import { planFileFromArgs } from './planArgs';
import { PlanServiceHost } from './planServiceHost';
import { readRecentPlans, rememberRecentPlan } from './recentPlans';
import { registerAppScheme, serveRendererFrom } from './scheme';
import { lockDown } from './security';
import { readWindowState, restoredBounds, writeWindowState } from './windowState';

registerAppScheme();

/** The app's own files: the built renderer and the bundled sample data. */
const appRoot = app.getAppPath();
const rendererRoot = path.join(appRoot, 'dist', 'renderer');
const sampleDataDir = app.isPackaged
  ? path.join(process.resourcesPath, 'sample', 'data')
  : path.join(appRoot, 'resources', 'sample', 'data');
const smokeTest = process.argv.includes('--smoke-test');
/** The plan this launch was asked to open (a double-clicked file, `planbench.exe plan.planbench`). */
const launchPlan = planFileFromArgs(process.argv, process.cwd());
const dataFile = (name: string) => path.join(app.getPath('userData'), name);
const RECENT_FILE = 'recent-plans.json';
const WINDOW_STATE_FILE = 'window-state.json';
/** A renderer that crashes more often than this within a minute is not reloaded again. */
const RELOADS_PER_MINUTE = 3;

/**
 * The open plan lives in the plan service, a utility process of its own (electron/service/):
 * this process relays the window's calls, files and the menu's actions to it (planServiceHost.ts).
 */
let service: PlanServiceHost | null = null;
let planFile: string | null = null;
let mainWindow: BrowserWindow | null = null;
/** A plan the OS asked to open before the app was ready (macOS 'open-file'). */
let planBeforeReady: string | null = null;

/** The plan's title, and 只读 when it is open read-only, so the window says so too. */
function windowTitle(plan: OpenedPlan): string {
  return `${plan.title}${plan.readOnly ? '（只读）' : ''} — 规划工作台`;
}

/** The plan this window works on from now (the service has opened it): remembered, and in the title. */
function adoptPlan(plan: OpenedPlan, file: string): void {
  planFile = file;
  app.addRecentDocument(file);
  rememberRecentPlan(dataFile(RECENT_FILE), file);
  buildMenu();
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.setTitle(windowTitle(plan));
}

/** Another plan for the open window: the service opens it (the one open stays if it cannot), the page reloads on it. */
async function openPlan(file: string, sample?: SampleToMake): Promise<void> {
  if (planFile && path.resolve(planFile) === path.resolve(file)) return focusWindow();
  adoptPlan(await service!.open(file, sample), file);
  if (mainWindow && !mainWindow.isDestroyed()) {
    mainWindow.webContents.reload();
    focusWindow();
  }
}

function openPlanOrSay(file: string): void {
  openPlan(file).catch(showError);
}

function focusWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** The user's working copy of the sample plan, which the service creates on first start. */
const SAMPLE_COPY: SampleToMake = { dataDir: sampleDataDir, onlyIfMissing: true };

async function chooseAndOpenPlan(): Promise<void> {
  const result = await dialog.showOpenDialog({
    title: '打开规划',
    filters: [{ name: '规划文件', extensions: ['planbench'] }],
    properties: ['openFile'],
  });
  const file = result.filePaths[0];
  if (!result.canceled && file) openPlanOrSay(file);
}

async function saveSampleCopy(): Promise<void> {
  const result = await dialog.showSaveDialog({
    title: '新建示例规划',
    defaultPath: SAMPLE_PLAN_FILE_NAME,
    filters: [{ name: '规划文件', extensions: ['planbench'] }],
  });
  if (result.canceled || !result.filePath) return;
  await openPlan(result.filePath, { dataDir: sampleDataDir, onlyIfMissing: false }).catch(showError);
}

function showAbout(): void {
  const detail = [
    `数据文件夹：${app.getPath('userData')}`,
    `当前规划：${planFile ?? '（无）'}`,
    `Electron ${process.versions.electron ?? '?'} · Chromium ${process.versions.chrome ?? '?'} · Node.js ${process.versions.node}`,
  ].join('\n');
  const options = {
    type: 'info' as const,
    title: '关于规划工作台',
    message: `规划工作台 ${APP_VERSION}`,
    detail,
    buttons: ['确定'],
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function showError(error: unknown): void {
  const message = error instanceof PlanbenchError ? describeError(error.body) : String(error);
  dialog.showErrorBox('规划工作台', message);
}

function buildMenu(): void {
  const template = menuTemplate(
    {
      openPlan: () => void chooseAndOpenPlan(),
      openRecent: (file) => openPlanOrSay(file),
      clearRecent: () => {
        fs.rmSync(dataFile(RECENT_FILE), { force: true });
        app.clearRecentDocuments();
        buildMenu();
      },
      newSamplePlan: () => void saveSampleCopy(),
      openDataFolder: () => void shell.openPath(app.getPath('userData')),
      about: showAbout,
    },
    readRecentPlans(dataFile(RECENT_FILE)),
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): BrowserWindow {
  const saved = readWindowState(dataFile(WINDOW_STATE_FILE));
  const workAreas = [
    screen.getPrimaryDisplay().workArea,
    ...screen.getAllDisplays().map((display) => display.workArea),
  ];
  const window = new BrowserWindow({
    ...restoredBounds(saved, workAreas),
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
  if (saved?.maximized && !smokeTest) window.maximize();
  window.on('close', () =>
    writeWindowState(dataFile(WINDOW_STATE_FILE), {
      bounds: window.getNormalBounds(),
      maximized: window.isMaximized(),
    }),
  );
  reloadAfterCrash(window);
  void window.loadURL(`${ORIGIN}/index.html`);
  return window;
}

/**
 * A renderer that crashes (or is killed) is reloaded: the plan lives on the main side and every
 * acknowledged edit is already in the file, so the reloaded page shows it all. A page that keeps
 * crashing is not reloaded in a loop — the user is told instead.
 */
function reloadAfterCrash(window: BrowserWindow): void {
  const crashes: number[] = [];
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    const now = Date.now();
    crashes.push(now);
    while (crashes.length > 0 && crashes[0]! < now - 60_000) crashes.shift();
    if (crashes.length <= RELOADS_PER_MINUTE) window.webContents.reload();
    else
      dialog.showErrorBox(
        '规划工作台',
        `页面多次意外退出（${details.reason}），已停止自动重新载入。规划文件中已保存的内容不受影响。`,
      );
  });
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
 * The plan service, started in a utility process. Its printing comes back here: Electron's own
 * Chromium (printToPDF, the print dialog) in hidden, sandboxed windows with no preload — the same
 * HTML the browser edition and the CLI print headless.
 */
function startPlanService(): PlanServiceHost {
  const printEngine = createElectronPrintEngine(
    () =>
      new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: true },
      }),
    app.getPath('temp'),
  );
  return new PlanServiceHost({
    fork: () =>
      utilityProcess.fork(path.join(__dirname, 'planService.cjs'), [], { serviceName: SERVICE_NAME, stdio: 'inherit' }),
    printEngine,
    // What other programs change in the plan reaches the window as it happens; its own calls' answers told it already.
    onChanges: (changes) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(CHANGES_CHANNEL, changes);
    },
    onFailure: (error) => showError(new PlanbenchError(error)),
  });
}

function start(): void {
  // A second launch (another .planbench double-clicked) hands its plan to this instance.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = planFileFromArgs(argv, workingDirectory);
    if (file && app.isReady()) openPlanOrSay(file);
    else focusWindow();
  });
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (app.isReady()) openPlanOrSay(file);
    else planBeforeReady = file;
  });
  app.whenReady().then(
    () => {
      lockDown();
      const planService = (service = startPlanService());
      serveRendererFrom(rendererRoot, planService);
      serveApi(() => mainWindow, planService);
      // Asked of the service before the window exists: the page's first calls wait behind it.
      const asked = planBeforeReady ?? launchPlan;
      const file = asked ?? dataFile(SAMPLE_PLAN_FILE_NAME);
      planService.open(file, asked ? undefined : SAMPLE_COPY).then((plan) => adoptPlan(plan, file), showError);
      buildMenu();
      mainWindow = createWindow();
      if (smokeTest) runSmokeTest(mainWindow);
    },
    (error: unknown) => {
      process.stderr.write(String(error) + '\n');
      app.exit(1);
    },
  );
  app.on('window-all-closed', () => app.quit());
  // The service closes the plan (and its files) before the app goes.
  let serviceClosed = false;
  app.on('will-quit', (event) => {
    if (serviceClosed || !service) return;
    event.preventDefault();
    void service.close().finally(() => {
      serviceClosed = true;
      app.quit();
    });
  });
}

// One instance per user: the smoke test runs beside a user's open app, so it takes no lock.
if (smokeTest || app.requestSingleInstanceLock()) start();
else app.quit();
