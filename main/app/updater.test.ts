// The Electron wiring of the auto-update without the Electron binary: only a packaged app updates itself, the feed
// is the build's (app-update.yml) unless SELLER_DESK_UPDATE_URL overrides it, and the menu has "Check for Updates…"
// (Help; the app menu on macOS).
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createEventBus } from '../api/events';
import { createLogger } from '../log';
import type { UpdateServiceDeps } from '../updates/update-controller';

const electron = vi.hoisted(() => ({ isPackaged: true, templates: [] as unknown[] }));
const updater = vi.hoisted(() => ({ feedUrls: [] as unknown[], checks: 0 }));

vi.mock('electron', () => ({
  app: {
    get isPackaged() {
      return electron.isPackaged;
    },
  },
  dialog: { showMessageBox: () => Promise.resolve() },
  shell: { openPath: () => Promise.resolve('') },
  Menu: {
    buildFromTemplate: (template: unknown) => {
      electron.templates.push(template);
      return { template };
    },
  },
}));

vi.mock('electron-updater', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeAutoUpdater extends Emitter {
    autoDownload = false;
    logger: unknown = null;
    setFeedURL(options: unknown): void {
      updater.feedUrls.push(options);
    }
    checkForUpdates(): Promise<null> {
      updater.checks++;
      return Promise.resolve(null);
    }
    quitAndInstall(): void {}
  }
  return { autoUpdater: new FakeAutoUpdater() };
});

const deps = (): UpdateServiceDeps => ({
  events: createEventBus(),
  unsentActions: () => 0,
  currentVersion: '0.1.0',
  clock: { now: () => 0 },
  log: createLogger({ level: 'silent' }),
});

afterEach(() => {
  electron.isPackaged = true;
  electron.templates.length = 0;
  updater.feedUrls.length = 0;
  updater.checks = 0;
});

describe('createAppUpdates', () => {
  it('an unpackaged run (npm start) has no app-update.yml: no controller, the channels answer `unsupported`', async () => {
    electron.isPackaged = false;
    const { createAppUpdates } = await import('./updater');
    expect(createAppUpdates(deps(), createLogger({ level: 'silent' }), {})).toBeNull();
  });

  it('a packaged app reads the build feed (no setFeedURL) and downloads in the background', async () => {
    const { createAppUpdates } = await import('./updater');
    const { autoUpdater } = await import('electron-updater');
    const controller = createAppUpdates(deps(), createLogger({ level: 'silent' }), {});
    expect(controller).not.toBeNull();
    expect(updater.feedUrls).toEqual([]);
    expect(autoUpdater.autoDownload).toBe(true);
    expect(autoUpdater).toBeInstanceOf(EventEmitter);
    await controller?.check({ manual: false });
    expect(updater.checks).toBe(1);
    controller?.dispose();
  });

  it('SELLER_DESK_UPDATE_URL overrides the feed with setFeedURL({ provider: "generic", url })', async () => {
    const { createAppUpdates } = await import('./updater');
    const controller = createAppUpdates(deps(), createLogger({ level: 'silent' }), {
      SELLER_DESK_UPDATE_URL: 'https://mirror.example.com/seller-desk/',
    });
    expect(updater.feedUrls).toEqual([{ provider: 'generic', url: 'https://mirror.example.com/seller-desk/' }]);
    controller?.dispose();
  });
});

describe('the menu', () => {
  const build = async (
    platform: NodeJS.Platform,
    checkForUpdates: (() => void) | null,
  ): Promise<MenuItemConstructorOptions[]> => {
    const original = process.platform;
    Object.defineProperty(process, 'platform', { value: platform });
    try {
      const { buildMenu } = await import('./menu');
      buildMenu({ syncNow: () => undefined, dataDir: '/data', version: '0.1.0', checkForUpdates });
    } finally {
      Object.defineProperty(process, 'platform', { value: original });
    }
    return electron.templates.at(-1) as MenuItemConstructorOptions[];
  };
  const find = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions | undefined =>
    items.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : [])).find((i) => i.label === 'Check for Updates…');

  it('Help → "Check for Updates…" asks for a manual check (Windows, Linux)', async () => {
    const check = vi.fn();
    const template = await build('linux', check);
    const help = template.find((m) => m.role === 'help');
    const item = (help?.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Check for Updates…');
    expect(item?.enabled).toBe(true);
    item?.click?.({} as never, undefined, {} as never);
    expect(check).toHaveBeenCalledOnce();
  });

  it('macOS keeps it in the app menu; disabled where this run cannot update itself', async () => {
    const template = await build('darwin', null);
    expect(template[0].role).toBe('appMenu');
    expect((template[0].submenu as MenuItemConstructorOptions[]).some((i) => i.label === 'Check for Updates…')).toBe(
      true,
    );
    expect(find(template.slice(1))).toBeUndefined();
    expect(find(template)?.enabled).toBe(false);
  });
});
