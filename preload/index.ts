// The preload (CommonJS: a sandboxed preload cannot be ESM). It exposes exactly one
// object, `window.sellerDesk`, built from the contract: one method per channel and `on(event)`.
// Never raw ipcRenderer, process.env or a generic send (docs/architecture.md "The API contract").
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENT_NAMES, type EventName, type Events } from '../common/api/contract';
import type { SellerDeskApi } from '../common/api/bridge';
import type { Result } from '../common/api/result';

// The same two names as main/app/ipc.ts (IPC_API, IPC_EVENT).
const API_CHANNEL = 'api';
const EVENT_CHANNEL = 'event';

const api: Record<string, unknown> = {};
for (const channel of CHANNELS) {
  api[channel] = (input: unknown): Promise<Result<unknown>> =>
    ipcRenderer.invoke(API_CHANNEL, channel, input ?? {}) as Promise<Result<unknown>>;
}
api.on = <E extends EventName>(event: E, listener: (payload: Events[E]) => void): (() => void) => {
  if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event: ${String(event)}`);
  if (typeof listener !== 'function') throw new Error('listener must be a function');
  // The IpcRendererEvent (and with it ipcRenderer) never reaches the page: only the payload does.
  const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => {
    if (name === event) listener(payload as Events[E]);
  };
  ipcRenderer.on(EVENT_CHANNEL, handler);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  };
};

contextBridge.exposeInMainWorld('sellerDesk', api as SellerDeskApi);
