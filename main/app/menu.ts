// A small application menu: File / Edit / View / Help. Developer tools only in development builds.
import { app, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  syncNow(): void;
  dataDir: string;
  version: string;
}

export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
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
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
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
            void dialog.showMessageBox({ type: 'info', title: 'Seller Desk', message: `Seller Desk ${actions.version}`, detail: `Data: ${actions.dataDir}` }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
