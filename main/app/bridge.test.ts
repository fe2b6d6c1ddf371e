// The Electron transport without the Electron binary: the preload exposes exactly
// `window.sellerDesk` built from the contract, and IPC answers only our own page (sender check).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../common/api/contract';
import type { Handlers } from '../api/dispatch';
import { createLogger } from '../log';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const rendererListeners = new Map<string, Array<(...args: unknown[]) => void>>();
  const mainHandlers = new Map<string, (...args: unknown[]) => unknown>();
  return {
    exposed,
    rendererListeners,
    mainHandlers,
    invoke: vi.fn(async (...args: unknown[]) => ({ ok: true, value: args })),
    windows: [] as Array<{ options: Record<string, unknown>; url: string | null }>,
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: electron.invoke,
    on: (channel: string, fn: (...args: unknown[]) => void) =>
      electron.rendererListeners.set(channel, [...(electron.rendererListeners.get(channel) ?? []), fn]),
    removeListener: (channel: string, fn: (...args: unknown[]) => void) =>
      electron.rendererListeners.set(
        channel,
        (electron.rendererListeners.get(channel) ?? []).filter((f) => f !== fn),
      ),
  },
  ipcMain: {
    handle: (channel: string, fn: (...args: unknown[]) => unknown) => electron.mainHandlers.set(channel, fn),
    removeHandler: (channel: string) => electron.mainHandlers.delete(channel),
  },
  protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
  BrowserWindow: class {
    private readonly record: { options: Record<string, unknown>; url: string | null };
    constructor(options: Record<string, unknown>) {
      this.record = { options, url: null };
      electron.windows.push(this.record);
    }
    once(): void {}
    on(): void {}
    loadURL(url: string): Promise<void> {
      this.record.url = url;
      return Promise.resolve();
    }
  },
}));

type Api = Record<string, (input?: unknown) => Promise<unknown>> & {
  on: (event: string, fn: (p: unknown) => void) => () => void;
};

describe('preload', () => {
  let api: Api;
  beforeAll(async () => {
    await import('../../preload/index');
    api = electron.exposed.get('sellerDesk') as Api;
  });

  it('exposes one object, sellerDesk, with one method per contract channel plus on()', () => {
    expect([...electron.exposed.keys()]).toEqual(['sellerDesk']);
    expect(Object.keys(api).sort()).toEqual([...CHANNELS, 'on'].sort());
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
  });

  it('invokes main with (api, channel, input)', async () => {
    await api['orders:list']({ limit: 3 });
    expect(electron.invoke).toHaveBeenLastCalledWith('api', 'orders:list', { limit: 3 });
    await api['sync:status']();
    expect(electron.invoke).toHaveBeenLastCalledWith('api', 'sync:status', {});
  });

  it('on(event) delivers only that event’s payload, never the IPC event, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = api.on('orders:changed', (p) => got.push(p));
    const fire = (...args: unknown[]): void =>
      (electron.rendererListeners.get('event') ?? []).forEach((fn) => fn({ sender: 'ipc' }, ...args));
    fire('orders:changed', { count: 2 });
    fire('sync:progress', { syncing: true });
    expect(got).toEqual([{ count: 2 }]);
    off();
    fire('orders:changed', { count: 3 });
    expect(got).toHaveLength(1);
    expect(() => api.on('no:such-event', () => undefined)).toThrow(/unknown event/);
  });
});

describe('IPC registration', () => {
  it('dispatches calls from app://seller-desk and refuses any other sender frame', async () => {
    const { registerIpc } = await import('./ipc');
    const handlers = {
      'app:info': () => ({ version: '1', demo: false, transport: 'electron' }),
    } as unknown as Handlers;
    const unregister = registerIpc(handlers, createLogger({ level: 'silent' }));
    const handle = electron.mainHandlers.get('api');
    if (!handle) throw new Error('no handler registered');
    const from = (url: string | null) => ({ senderFrame: url === null ? null : { url } });
    expect(await handle(from('app://seller-desk/index.html'), 'app:info', {})).toEqual({
      ok: true,
      value: { version: '1', demo: false, transport: 'electron' },
    });
    expect(await handle(from('app://seller-desk/'), 'orders:list', { limit: -1 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', null]) {
      expect(await handle(from(url), 'app:info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    unregister();
    expect(electron.mainHandlers.has('api')).toBe(false);
  });
});

describe('main window', () => {
  it('is isolated, sandboxed, without Node, with the CommonJS preload, and loads the app origin', async () => {
    const { createMainWindow } = await import('./window');
    createMainWindow('/opt/seller-desk', 'Seller Desk');
    const [win] = electron.windows;
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/opt/seller-desk/dist/preload/preload.cjs',
    });
    expect(win.url).toBe('app://seller-desk/index.html');
  });
});
