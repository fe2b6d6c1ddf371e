// Help → Export Diagnostics… without the Electron binary (electron mocked): the menu item is in Help, a save
// dialog picks the file, the same export as the CLI writes it, and a cancelled dialog writes nothing
// (docs/diagnostics.md).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { createLogger } from '../log';
import { createServices, type Services } from '../services';
import { MemoryCredentialStore } from '../settings/credential-store';

const electron = vi.hoisted(() => ({
  savePath: null as string | null,
  saveOptions: [] as Array<Record<string, unknown>>,
  messages: [] as Array<Record<string, unknown>>,
  errors: [] as Array<[string, string]>,
  shown: [] as string[],
}));

vi.mock('electron', () => ({
  app: { isPackaged: false },
  dialog: {
    showSaveDialog: async (options: Record<string, unknown>) => {
      electron.saveOptions.push(options);
      return { canceled: electron.savePath === null, filePath: electron.savePath ?? undefined };
    },
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showMessageBox: async (options: Record<string, unknown>) => {
      electron.messages.push(options);
      return { response: 1 };
    },
    showErrorBox: (title: string, content: string) => electron.errors.push([title, content]),
  },
  shell: { showItemInFolder: (p: string) => electron.shown.push(p), openPath: async () => '' },
  Menu: { buildFromTemplate: (template: unknown) => template },
}));

const AK = 'AKMENUDIAGNOSTICS001';
const SK = 'menu-diagnostics-secret-0123456789';

describe('Help → Export Diagnostics…', () => {
  let root: string;
  let services: Services;
  const log = createLogger({ level: 'silent' });

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'sd-app-diagnostics-'));
    services = createServices({
      dataDir: join(root, 'data'),
      credentialStore: new MemoryCredentialStore({ ak: AK, sk: SK }),
      log,
      transport: 'electron',
    });
  });
  afterAll(async () => {
    await services?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('is an item of the Help menu', async () => {
    const { buildMenu } = await import('./menu');
    let clicked = 0;
    const template = buildMenu({
      syncNow: () => undefined,
      dataDir: root,
      version: '0.0.0',
      checkForUpdates: null,
      exportDiagnostics: () => clicked++,
    }) as unknown as Array<{
      role?: string;
      submenu?: Array<{ label?: string; click?: () => void }>;
    }>;
    const item = template.find((m) => m.role === 'help')?.submenu?.find((i) => i.label === 'Export Diagnostics…');
    expect(item).toBeDefined();
    item?.click?.();
    expect(clicked).toBe(1);
  });

  it('asks where, writes the ZIP there and offers to show it', async () => {
    const { exportDiagnosticsFromMenu } = await import('./diagnostics');
    const out = join(root, 'picked.zip');
    electron.savePath = out;
    await exportDiagnosticsFromMenu({
      window: () => null,
      services,
      dataDir: join(root, 'data'),
      demo: false,
      log,
      now: () => Date.UTC(2025, 5, 1, 12),
    });
    expect(electron.saveOptions.at(-1)).toMatchObject({
      defaultPath: expect.stringMatching(/^seller-desk-diagnostics-\d{8}-\d{6}\.zip$/),
      filters: [{ extensions: ['zip'] }],
    });
    expect(electron.errors).toEqual([]);
    expect(electron.messages.at(-1)).toMatchObject({
      message: 'Diagnostics exported',
      detail: expect.stringContaining(out),
    });
    expect(electron.shown).toEqual([out]);
    const zip = unzipSync(new Uint8Array(readFileSync(out)));
    expect(Object.keys(zip)).toEqual(
      expect.arrayContaining(['versions.json', 'settings.json', 'database.json', 'outbox.json']),
    );
    expect(JSON.parse(strFromU8(zip['versions.json']))).toMatchObject({ transport: 'electron' });
    for (const bytes of Object.values(zip)) {
      expect(strFromU8(bytes)).not.toContain(AK);
      expect(strFromU8(bytes)).not.toContain(SK);
    }
  });

  it('a cancelled dialog writes nothing', async () => {
    const { exportDiagnosticsFromMenu } = await import('./diagnostics');
    electron.savePath = null;
    const before = { messages: electron.messages.length, files: readdirSync(root).sort() };
    await exportDiagnosticsFromMenu({ window: () => null, services, dataDir: join(root, 'data'), demo: false, log });
    expect(electron.messages.length).toBe(before.messages);
    expect(readdirSync(root).sort()).toEqual(before.files);
  });

  it('a file that cannot be written is an error box, not a crash', async () => {
    const { exportDiagnosticsFromMenu } = await import('./diagnostics');
    electron.savePath = join(root, 'picked.zip', 'inside-a-file.zip');
    await exportDiagnosticsFromMenu({ window: () => null, services, dataDir: join(root, 'data'), demo: false, log });
    expect(electron.errors).toEqual([['Diagnostics could not be exported', expect.any(String)]]);
  });
});
