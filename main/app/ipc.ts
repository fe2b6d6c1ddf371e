// IPC transport of the one handler table (docs/architecture.md): `invoke('api', channel, input)` → dispatch → Result.
// Only our own page may call: the sender frame's URL must be app://seller-desk (a page that somehow
// navigated elsewhere gets nothing).
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { dispatch, type HandlerTable } from '../api/dispatch';
import type { EventBus } from '../api/events';
import { fail, type Result } from '../../common/api/result';
import type { Logger } from '../log';
import { isAppUrl } from './protocol';

// The same two names as preload/index.ts.
export const IPC_API = 'api';
export const IPC_EVENT = 'event';

export function senderAllowed(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && isAppUrl(frame.url);
}

export function registerIpc(handlers: HandlerTable, log: Logger): () => void {
  ipcMain.handle(IPC_API, async (event, channel: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!senderAllowed(event)) {
      log.warn(`IPC refused from ${event.senderFrame?.url ?? 'an unknown frame'}`);
      return fail('forbidden', 'this page may not call Seller Desk');
    }
    if (typeof channel !== 'string') return fail('validation', 'channel must be a string');
    return dispatch(handlers, channel, input, log);
  });
  return () => ipcMain.removeHandler(IPC_API);
}

/** Forwards every app event to the window as `webContents.send('event', name, payload)`. */
export function forwardEvents(events: EventBus, window: () => BrowserWindow | null): () => void {
  return events.onAny((name, payload) => {
    const win = window();
    if (win && !win.isDestroyed() && isAppUrl(win.webContents.getURL())) win.webContents.send(IPC_EVENT, name, payload);
  });
}
