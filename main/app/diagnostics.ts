// Help → Export diagnostics… (docs/diagnostics.md): a save dialog, the same plain-Node export as
// `seller-desk diagnostics`, then where the ZIP went — or why it could not be written.
import { dialog, shell, type BrowserWindow, type MessageBoxOptions } from 'electron';
import { exportDiagnostics } from '../diagnostics/export';
import type { Logger } from '../log';
import type { Services } from '../services';
import { profileOf } from '../settings/paths';
import { createExportDialogs } from './dialogs';

export interface DiagnosticsMenuDeps {
  window: () => BrowserWindow | null;
  services: Pick<Services, 'db' | 'settings'>;
  dataDir: string;
  demo: boolean;
  log: Logger;
  now?: () => number;
}

/** `20250601-120341` in local time: the default file name sorts and says when. */
function fileStamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  const date = `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}`;
  return `${date}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export async function exportDiagnosticsFromMenu(deps: DiagnosticsMenuDeps): Promise<void> {
  const now = (deps.now ?? Date.now)();
  const file = await createExportDialogs(deps.window).saveFile({
    title: 'Export diagnostics',
    defaultName: `seller-desk-diagnostics-${fileStamp(now)}.zip`,
    extension: 'zip',
  });
  if (!file) return;
  const win = deps.window();
  try {
    const { db, settings } = deps.services;
    const profile = profileOf(deps.demo);
    const r = exportDiagnostics({ dataDir: deps.dataDir, profile, transport: 'electron', db, settings, now }, file);
    deps.log.info(`diagnostics exported to ${r.file}`);
    const box: MessageBoxOptions = {
      type: 'info',
      title: 'Seller Desk',
      message: 'Diagnostics exported',
      detail: `${r.file}\n\nLogs, versions, settings and database checks — no access key, secret key or token.`,
      buttons: ['OK', 'Show in Folder'],
      defaultId: 0,
    };
    const answer = win ? await dialog.showMessageBox(win, box) : await dialog.showMessageBox(box);
    if (answer.response === 1) shell.showItemInFolder(r.file);
  } catch (err) {
    deps.log.error('exporting diagnostics failed', err);
    dialog.showErrorBox('Diagnostics could not be exported', err instanceof Error ? err.message : String(err));
  }
}
