// Electron: where exports go — a native save dialog for a proof package, a folder picker for
// the SOWs of selected orders. The browser host has neither and writes under the profile folder instead.
import { dialog, type BrowserWindow } from 'electron';
import type { ExportDialogs } from '../proofs/handlers';

export function createExportDialogs(window: () => BrowserWindow | null): ExportDialogs {
  return {
    async saveFile({ title, defaultName, extension }) {
      const win = window();
      const options = {
        title,
        defaultPath: defaultName,
        filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
      };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async pickFolder({ title }) {
      const win = window();
      const options = {
        title,
        properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
      };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
    },
  };
}
