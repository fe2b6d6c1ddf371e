// The auto-update against a real generic feed on 127.0.0.1, through electron-updater's own code (app-update.yml, the
// generic provider, latest.yml / latest-mac.yml parsing, the version comparison, the sha512-checked download) with a
// stand-in app instead of Electron. The restart is guarded: nothing unsent is left behind unless the user says so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UpdatePhase, UpdateStatus } from '../../common/api/contract-updates';
import { AppError } from '../../common/api/result';
import { createEventBus, type EventBus } from '../api/events';
import { createLogger } from '../log';
import { feedFromEnv, type FeedOverride } from './feed';
import { channelFile, startFeedServer, type FeedServer } from './testing/feed-server';
import { TestApp, TestUpdater, type FeedPlatform } from './testing/test-updater';
import {
  createUpdateController,
  describeBlockers,
  type UpdateController,
  type UpdateTimers,
} from './update-controller';

const CURRENT = '0.1.0';
const installer = (version: string) => ({
  name: `Seller-Desk-Setup-${version}.exe`,
  data: Buffer.from(`installer of ${version} `.repeat(2_000)),
});
const macZip = (version: string) => ({
  name: `Seller-Desk-${version}-arm64-mac.zip`,
  data: Buffer.from(`zip of ${version} `.repeat(2_000)),
});
const macDmg = (version: string) => ({
  name: `Seller-Desk-${version}-arm64.dmg`,
  data: Buffer.from(`dmg of ${version}`),
});

interface Harness {
  feed: FeedServer;
  app: TestApp;
  updater: TestUpdater;
  events: EventBus;
  statuses: UpdateStatus[];
  controller: UpdateController;
  unsent: { n: number };
  dir: string;
}

const harnesses: Harness[] = [];

async function setup(
  opts: {
    platform?: FeedPlatform;
    feed?: (server: FeedServer) => FeedOverride;
    version?: string;
    timers?: UpdateTimers;
  } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'sd-update-'));
  const feed = await startFeedServer();
  const app = new TestApp(opts.version ?? CURRENT, dir);
  app.writeUpdateConfig(feed.url);
  const updater = new TestUpdater(app, opts.platform ?? 'win32');
  const events = createEventBus();
  const statuses: UpdateStatus[] = [];
  events.on('update:status', (s) => statuses.push(s));
  const unsent = { n: 0 };
  const controller = createUpdateController({
    updater,
    events,
    unsentActions: () => unsent.n,
    currentVersion: app.version,
    feed: opts.feed?.(feed) ?? { kind: 'build' },
    clock: { now: () => Date.parse('2025-06-01T00:00:00Z') },
    log: createLogger({ level: 'silent' }),
    timers: opts.timers,
  });
  const h = { feed, app, updater, events, statuses, controller, unsent, dir };
  harnesses.push(h);
  return h;
}

function phaseReached(h: Harness, phase: UpdatePhase, timeoutMs = 15_000): Promise<UpdateStatus> {
  const seen = h.statuses.find((s) => s.phase === phase);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no "${phase}" status; saw ${h.statuses.map((s) => s.phase).join(' → ')}`));
    }, timeoutMs);
    const off = h.events.on('update:status', (s) => {
      if (s.phase !== phase) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

/** Publishes a release on the feed the way electron-builder's output folder would be served. */
function publishWindows(h: Harness, version: string): void {
  const file = installer(version);
  h.feed.put(file.name, file.data);
  h.feed.put('latest.yml', channelFile({ version, file }));
}

async function readyWithUpdate(h: Harness): Promise<void> {
  publishWindows(h, '0.2.0');
  await h.controller.check({ manual: false });
  await phaseReached(h, 'ready');
}

afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    h.controller.dispose();
    await h.feed.close();
    rmSync(h.dir, { recursive: true, force: true });
  }
});

describe('checking the generic feed (electron-builder.yml publish → app-update.yml)', () => {
  it('newer version in latest.yml: update available, downloaded in the background, status events carry the version', async () => {
    const h = await setup();
    publishWindows(h, '0.2.0');
    const answered = await h.controller.check({ manual: false });
    expect(answered.phase).not.toBe('error');
    const ready = await phaseReached(h, 'ready');
    expect(ready).toMatchObject({
      phase: 'ready',
      version: '0.2.0',
      currentVersion: CURRENT,
      error: null,
      manual: false,
    });
    const phases = h.statuses.map((s) => s.phase);
    expect(phases.slice(0, 2)).toEqual(['checking', 'downloading']);
    expect(h.statuses.find((s) => s.phase === 'downloading')).toMatchObject({ version: '0.2.0' });
    // The feed URL came from app-update.yml; the installer was fetched and checked against latest.yml's sha512.
    expect(h.feed.requests).toEqual(['/seller-desk/latest.yml', '/seller-desk/Seller-Desk-Setup-0.2.0.exe']);
    const cached = join(h.dir, 'cache', 'seller-desk-updater', 'pending', 'Seller-Desk-Setup-0.2.0.exe');
    expect(readFileSync(cached).equals(installer('0.2.0').data)).toBe(true);
    expect(h.updater.installs).toEqual([]);
  });

  it(`newer version in latest-mac.yml, feed from SELLER_DESK_UPDATE_URL (setFeedURL): the zip is fetched, not the dmg`, async () => {
    const h = await setup({
      platform: 'darwin',
      feed: (server) => feedFromEnv({ SELLER_DESK_UPDATE_URL: `${server.url}staging/` }),
    });
    // The build's feed (app-update.yml) has nothing: only the override's folder has the release.
    const zip = macZip('0.3.0');
    h.feed.put(`staging/${zip.name}`, zip.data);
    h.feed.put('staging/latest-mac.yml', channelFile({ version: '0.3.0', file: zip, extra: [macDmg('0.3.0')] }));
    await h.controller.check({ manual: true });
    expect(await phaseReached(h, 'ready')).toMatchObject({ version: '0.3.0', manual: true });
    expect(h.feed.requests).toEqual(['/seller-desk/staging/latest-mac.yml', `/seller-desk/staging/${zip.name}`]);
  });

  it.each([
    ['the same version', CURRENT],
    ['an older version', '0.0.9'],
  ])('%s in latest.yml: "up to date", nothing downloaded', async (_label, version) => {
    const h = await setup();
    publishWindows(h, version);
    const answered = await h.controller.check({ manual: true });
    expect(answered).toMatchObject({
      phase: 'up-to-date',
      version,
      currentVersion: CURRENT,
      manual: true,
      error: null,
    });
    expect(h.statuses.map((s) => s.phase)).toEqual(['checking', 'up-to-date']);
    expect(h.feed.requests).toEqual(['/seller-desk/latest.yml']);
  });

  it.each([
    [
      'YAML that does not parse',
      'version: 0.2.0\nfiles:\n  - url: [unclosed\n    sha512: x\n',
      'latest.yml is not valid YAML (YAMLException: ',
    ],
    ['an HTML error page instead of YAML', '<html><body>Gateway Timeout</body></html>', 'it gives no valid version'],
    ['no version', 'files:\n  - url: a.exe\n    sha512: abc\n    size: 1\n', 'it gives no valid version'],
    ['an empty file', '', 'latest.yml is empty'],
  ])(
    'malformed latest.yml (%s): a clear error status in words, no crash, and a later check works',
    async (_label, body, words) => {
      const h = await setup();
      h.feed.put('latest.yml', body);
      const answered = await h.controller.check({ manual: true });
      expect(answered.phase).toBe('error');
      expect(answered.error?.code).toBe('feed_invalid');
      expect(answered.error?.message).toMatch(/^the update information from the feed is not valid: /);
      expect(answered.error?.message).toContain(words);
      expect(answered.error?.message).not.toContain('\n');
      expect(h.feed.requests).toEqual(['/seller-desk/latest.yml']);

      publishWindows(h, '0.2.0');
      await h.controller.check({ manual: true });
      expect(await phaseReached(h, 'ready')).toMatchObject({ version: '0.2.0', error: null });
    },
  );

  it('no latest.yml on the feed (404): "feed_missing"; an installer that does not match its sha512: "checksum", not ready', async () => {
    const h = await setup();
    expect(await h.controller.check({ manual: true })).toMatchObject({
      phase: 'error',
      error: { code: 'feed_missing' },
    });

    const file = installer('0.2.0');
    h.feed.put(file.name, Buffer.from('tampered'));
    h.feed.put('latest.yml', channelFile({ version: '0.2.0', file }));
    h.statuses.length = 0;
    await h.controller.check({ manual: true });
    const failed = await phaseReached(h, 'error');
    expect(h.statuses.at(-1)).toMatchObject({ phase: 'error', error: { code: 'checksum' } });
    expect(failed.error?.message).toMatch(/checksum/);
    expect(h.statuses.some((s) => s.phase === 'ready')).toBe(false);
  });

  it('SELLER_DESK_UPDATE_URL that is not an http(s) URL: an error naming the variable, the feed is not asked', async () => {
    const h = await setup({ feed: () => feedFromEnv({ SELLER_DESK_UPDATE_URL: 'ftp://updates.example/seller-desk' }) });
    publishWindows(h, '0.2.0');
    expect(await h.controller.check({ manual: true })).toMatchObject({ phase: 'error', error: { code: 'feed_url' } });
    expect(h.controller.status().error?.message).toContain('SELLER_DESK_UPDATE_URL');
    expect(h.feed.requests).toEqual([]);
    expect(feedFromEnv({})).toEqual({ kind: 'build' });
    expect(feedFromEnv({ SELLER_DESK_UPDATE_URL: ' https://updates.example/sd ' })).toEqual({
      kind: 'url',
      url: 'https://updates.example/sd',
    });
  });
});

describe('restarting to update never drops unsent work', () => {
  it('is refused before an update is downloaded', async () => {
    const h = await setup();
    expect(() => h.controller.restart({ mode: 'anyway', unsavedDraft: false })).toThrow(AppError);
  });

  it('with unsent outbox items: refused with the count, quitAndInstall not called; "anyway" restarts', async () => {
    const h = await setup();
    await readyWithUpdate(h);
    h.unsent.n = 3;
    expect(h.controller.restart({ mode: 'now', unsavedDraft: false })).toEqual({
      restarting: false,
      waiting: false,
      unsentActions: 3,
      unsavedDraft: false,
      message: '3 actions not yet sent to the marketplace',
    });
    expect(h.controller.restart({ mode: 'now', unsavedDraft: true }).message).toBe(
      '3 actions not yet sent to the marketplace; a draft edit is not saved',
    );
    expect(h.updater.installs).toEqual([]);
    expect(h.controller.status().phase).toBe('ready');

    expect(h.controller.restart({ mode: 'anyway', unsavedDraft: false })).toMatchObject({
      restarting: true,
      unsentActions: 3,
      message: null,
    });
    expect(h.updater.installs).toEqual([{ isSilent: true, isForceRunAfter: true }]);
    expect(h.controller.status().phase).toBe('restarting');
    // A second click while the app goes away does not install twice.
    expect(h.controller.restart({ mode: 'anyway', unsavedDraft: false }).restarting).toBe(true);
    expect(h.updater.installs).toHaveLength(1);
  });

  it('with nothing unsent and the draft saved: quitAndInstall is called', async () => {
    const h = await setup();
    await readyWithUpdate(h);
    expect(h.controller.restart({ mode: 'now', unsavedDraft: false })).toEqual({
      restarting: true,
      waiting: false,
      unsentActions: 0,
      unsavedDraft: false,
      message: null,
    });
    expect(h.updater.installs).toEqual([{ isSilent: true, isForceRunAfter: true }]);
  });

  it('P4: a draft edit the window could not save: refused even with an empty outbox', async () => {
    const h = await setup();
    await readyWithUpdate(h);
    expect(h.controller.restart({ mode: 'now', unsavedDraft: true })).toMatchObject({
      restarting: false,
      unsavedDraft: true,
      message: 'a draft edit is not saved',
    });
    expect(h.controller.restart({ mode: 'when-sent', unsavedDraft: true })).toMatchObject({
      restarting: false,
      waiting: false,
    });
    expect(h.updater.installs).toEqual([]);
  });

  it('"Restart when sent" follows the outbox, asks the window to confirm once it is empty, then installs', async () => {
    const h = await setup();
    await readyWithUpdate(h);
    h.unsent.n = 2;
    expect(h.controller.restart({ mode: 'when-sent', unsavedDraft: false })).toMatchObject({
      restarting: false,
      waiting: true,
      unsentActions: 2,
    });
    expect(h.controller.status()).toMatchObject({ phase: 'ready', waitingFor: 2, confirmRestart: false });

    h.unsent.n = 1;
    h.events.emit('outbox:changed', { unsent: 1, needsAttention: 0, revision: 1, orderLineIds: null });
    expect(h.controller.status()).toMatchObject({ waitingFor: 1, confirmRestart: false });
    expect(h.updater.installs).toEqual([]);

    h.unsent.n = 0;
    h.events.emit('outbox:changed', { unsent: 0, needsAttention: 0, revision: 1, orderLineIds: null });
    expect(h.controller.status()).toMatchObject({ waitingFor: 0, confirmRestart: true });
    // The window flushed its draft autosave and confirms.
    expect(h.controller.restart({ mode: 'now', unsavedDraft: false }).restarting).toBe(true);
    expect(h.updater.installs).toHaveLength(1);
  });

  it('"Restart when sent" without a window to confirm installs after the grace period; an action queued meanwhile waits again', async () => {
    const pending: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
    const timers: UpdateTimers = {
      set: (fn, ms) => {
        const t = { fn, ms, cleared: false };
        pending.push(t);
        return t;
      },
      clear: (t) => {
        (t as { cleared: boolean }).cleared = true;
      },
    };
    const h = await setup({ timers });
    await readyWithUpdate(h);
    h.unsent.n = 1;
    h.controller.restart({ mode: 'when-sent', unsavedDraft: false });
    h.unsent.n = 0;
    h.events.emit('outbox:changed', { unsent: 0, needsAttention: 0, revision: 1, orderLineIds: null });
    expect(pending).toHaveLength(1);
    // A new action before the grace period ends: back to waiting, the timer is dropped.
    h.unsent.n = 1;
    h.events.emit('outbox:changed', { unsent: 1, needsAttention: 0, revision: 1, orderLineIds: null });
    expect(pending[0].cleared).toBe(true);
    expect(h.controller.status()).toMatchObject({ waitingFor: 1, confirmRestart: false });
    h.unsent.n = 0;
    h.events.emit('outbox:changed', { unsent: 0, needsAttention: 0, revision: 1, orderLineIds: null });
    expect(pending).toHaveLength(2);
    pending[1].fn();
    expect(h.updater.installs).toHaveLength(1);
  });

  it('cancelling "Restart when sent" stops following the outbox', async () => {
    const h = await setup();
    await readyWithUpdate(h);
    h.unsent.n = 1;
    h.controller.restart({ mode: 'when-sent', unsavedDraft: false });
    expect(h.controller.cancelRestart()).toMatchObject({ phase: 'ready', waitingFor: null, confirmRestart: false });
    h.unsent.n = 0;
    h.events.emit('outbox:changed', { unsent: 0, needsAttention: 0, revision: 1, orderLineIds: null });
    expect(h.controller.status()).toMatchObject({ waitingFor: null, confirmRestart: false });
    expect(h.updater.installs).toEqual([]);
  });

  it('describeBlockers says what is unsent in words', () => {
    expect(describeBlockers(1, false)).toBe('1 action not yet sent to the marketplace');
    expect(describeBlockers(0, false)).toBeNull();
  });
});

beforeEach(() => {
  // electron-updater must never fall back to Electron here (the stand-in app and executor are always given).
  expect(process.versions.electron).toBeUndefined();
});
