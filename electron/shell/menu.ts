import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';

/** What the menu's own items do (the rest are Electron roles acting on the focused page). */
export interface MenuActions {
  openPlan(): void;
  openRecent(file: string): void;
  clearRecent(): void;
  newSamplePlan(): void;
  openDataFolder(): void;
  about(): void;
}

/**
 * The application menu, in Chinese, with the accelerators an official knows from WPS and Office.
 * Copy, paste, undo and the like are roles: the grid handles its own keys first and the role acts
 * only where the page leaves a key alone (a text field).
 */
export function menuTemplate(actions: MenuActions, recentPlans: readonly string[]): MenuItemConstructorOptions[] {
  const recent: MenuItemConstructorOptions[] =
    recentPlans.length === 0
      ? [{ label: '（无）', enabled: false }]
      : [
          ...recentPlans.map((file, index) => ({
            label: `${index + 1}. ${path.basename(file, path.extname(file))}`,
            toolTip: file,
            click: () => actions.openRecent(file),
          })),
          { type: 'separator' },
          { label: '清除列表', click: () => actions.clearRecent() },
        ];
  return [
    {
      label: '文件(&F)',
      submenu: [
        { label: '打开规划…', accelerator: 'CmdOrCtrl+O', click: () => actions.openPlan() },
        { label: '最近打开', submenu: recent },
        { label: '新建示例规划…', accelerator: 'CmdOrCtrl+N', click: () => actions.newSamplePlan() },
        { type: 'separator' },
        { label: '退出', role: 'quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { label: '撤销', role: 'undo', accelerator: 'CmdOrCtrl+Z' },
        { label: '重做', role: 'redo', accelerator: 'CmdOrCtrl+Y' },
        { type: 'separator' },
        { label: '剪切', role: 'cut', accelerator: 'CmdOrCtrl+X' },
        { label: '复制', role: 'copy', accelerator: 'CmdOrCtrl+C' },
        { label: '粘贴', role: 'paste', accelerator: 'CmdOrCtrl+V' },
        { label: '全选', role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
      ],
    },
    {
      label: '视图(&V)',
      submenu: [
        { label: '重新载入', role: 'reload', accelerator: 'CmdOrCtrl+R' },
        { type: 'separator' },
        { label: '放大', role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
        { label: '缩小', role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
        { label: '实际大小', role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen', accelerator: 'F11' },
      ],
    },
    {
      label: '窗口(&W)',
      submenu: [
        { label: '最小化', role: 'minimize', accelerator: 'CmdOrCtrl+M' },
        { label: '关闭窗口', role: 'close', accelerator: 'CmdOrCtrl+W' },
      ],
    },
    {
      label: '帮助(&H)',
      submenu: [
        { label: '打开数据文件夹', click: () => actions.openDataFolder() },
        { type: 'separator' },
        { label: '关于规划工作台', click: () => actions.about() },
      ],
    },
  ];
}
