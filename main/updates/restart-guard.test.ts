// The restart to update through the handler table, with the real outbox counting what is unsent (queued, sending,
// unknown) and the real electron-updater check and download against a local feed. The browser host and the CLI have
// no updater: their update channels answer `unsupported`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RestartAnswer, UpdateStatus } from '../../common/api/contract-updates';
import type { OutboxEntry } from '../../common/api/contract-outbox';
import type { Result } from '../../common/api/result';
import { dispatch } from '../api/dispatch';
import { upsertOrderLines } from '../orders/order-lines';
import { wireLine } from '../outbox/testing/fixtures';
import { createServices, type Services } from '../services';
import { MemoryCredentialStore } from '../settings/credential-store';
import { channelFile, startFeedServer, type FeedServer } from './testing/feed-server';
import { TestApp, TestUpdater } from './testing/test-updater';
import { createUpdateController } from './update-controller';

let dir: string;
let feed: FeedServer;
let updater: TestUpdater;
let services: Services;
let plain: Services;
const call = <T>(s: Services, channel: string, input: unknown) =>
  dispatch(s.handlers, channel, input) as Promise<Result<T>>;
const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sd-restart-guard-'));
  feed = await startFeedServer();
  const file = { name: 'Seller-Desk-Setup-0.2.0.exe', data: Buffer.from('installer '.repeat(1_000)) };
  feed.put(file.name, file.data);
  feed.put('latest.yml', channelFile({ version: '0.2.0', file }));
  const app = new TestApp('0.1.0', join(dir, 'app'));
  app.writeUpdateConfig(feed.url);
  updater = new TestUpdater(app, 'win32');
  // Not connected to a marketplace: an action stays queued, which is what an offline restart would leave behind.
  services = createServices({
    dataDir: join(dir, 'data'),
    credentialStore: new MemoryCredentialStore(),
    transport: 'electron',
    updates: (deps) => createUpdateController({ ...deps, updater, feed: { kind: 'build' } }),
  });
  plain = createServices({ dataDir: join(dir, 'plain'), credentialStore: new MemoryCredentialStore() });
  upsertOrderLines(services.db, [wireLine('U-REQ-000001'), wireLine('U-REQ-000002'), wireLine('U-REQ-000003')]);
});

afterAll(async () => {
  await services?.close();
  await plain?.close();
  await feed?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('update channels through the handler table', () => {
  it('the browser host / CLI: `unsupported`, and a restart is a typed conflict', async () => {
    expect(value(await call<UpdateStatus>(plain, 'update:status', {}))).toMatchObject({ phase: 'unsupported' });
    expect(await call(plain, 'update:restart', { mode: 'anyway' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await call(plain, 'update:restart', { mode: 'later' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });

  it('update:check finds 0.2.0 and the download completes; update:status reads it', async () => {
    const ready = new Promise<UpdateStatus>((resolve) => {
      const off = services.events.on('update:status', (s) => {
        if (s.phase !== 'ready') return;
        off();
        resolve(s);
      });
    });
    expect(value(await call<UpdateStatus>(services, 'update:check', {})).manual).toBe(true);
    expect(await ready).toMatchObject({ version: '0.2.0' });
    expect(value(await call<UpdateStatus>(services, 'update:status', {}))).toMatchObject({
      phase: 'ready',
      version: '0.2.0',
    });
  });

  it('3 queued actions: the restart is refused with the count, "anyway" is not needed once they are gone', async () => {
    const ids: string[] = [];
    for (const orderLineId of ['U-REQ-000001', 'U-REQ-000002', 'U-REQ-000003']) {
      ids.push(value(await call<OutboxEntry>(services, 'actions:accept-request', { orderLineId })).id);
    }
    const refused = value(await call<RestartAnswer>(services, 'update:restart', { mode: 'now' }));
    expect(refused).toEqual({
      restarting: false,
      waiting: false,
      unsentActions: 3,
      unsavedDraft: false,
      message: '3 actions not yet sent to the marketplace',
    });
    expect(updater.installs).toEqual([]);

    const waiting = value(await call<RestartAnswer>(services, 'update:restart', { mode: 'when-sent' }));
    expect(waiting).toMatchObject({ restarting: false, waiting: true, unsentActions: 3 });
    expect(services.updates?.status()).toMatchObject({ waitingFor: 3 });
    expect(value(await call<UpdateStatus>(services, 'update:cancel-restart', {}))).toMatchObject({ waitingFor: null });

    // The user discards them in the Sync Center (a restart would not have lost them: they are durable, just late).
    for (const id of ids) value(await call(services, 'outbox:discard', { id, reason: 'not needed any more' }));
    expect(value(await call<RestartAnswer>(services, 'update:restart', {}))).toMatchObject({
      restarting: true,
      unsentActions: 0,
    });
    expect(updater.installs).toEqual([{ isSilent: true, isForceRunAfter: true }]);
  });
});
