// A small application menu: File / Edit / View / Help. Developer tools only in development builds.
import { app, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  syncNow(): void;
  dataDir: string;
  version: string;
  /** "Check for Updates…"; null where this run cannot update itself (the item is shown disabled). */
  checkForUpdates: (() => void) | null;
  /** Help → "Export Diagnostics…": a ZIP of logs and checks for support (docs/diagnostics.md). */
  exportDiagnostics?: () => void;
}

export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const checkForUpdates: MenuItemConstructorOptions = {
    label: 'Check for Updates…',
    enabled: actions.checkForUpdates !== null,
    click: () => actions.checkForUpdates?.(),
  };
  // macOS keeps it in the app menu (where users look for it), elsewhere it is in Help.
  const appMenu: MenuItemConstructorOptions = {
    role: 'appMenu',
    submenu: [
      { role: 'about' },
      checkForUpdates,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as MenuItemConstructorOptions]),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [appMenu] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Sync Now', click: () => actions.syncNow() },
        { label: 'Open Data Folder', click: () => void shell.openPath(actions.dataDir) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    {
      role: 'help',
      submenu: [
        {
          label: 'About Seller Desk',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: 'Seller Desk',
              message: `Seller Desk ${actions.version}`,
              detail: `Data: ${actions.dataDir}`,
            }),
        },
        ...(isMac ? [] : [checkForUpdates]),
        ...(actions.exportDiagnostics
          ? [{ label: 'Export Diagnostics…', click: () => actions.exportDiagnostics?.() }]
          : []),
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
