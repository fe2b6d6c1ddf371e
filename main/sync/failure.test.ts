// A failing sync and Settings' "Test connection" in words (docs/marketplace-api.md "Errors"), against the simulator
// over real HTTP: a wrong SK is a 401 the status carries as `unauthorized` (not "Online"), the test answers why, and
// the right key answers "Connected as <sellerName>".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/api/result';
import { startSimulator } from '../../marketplace-sim/index';
import { dispatch } from '../api/dispatch';
import { createServices, type Services } from '../services';
import { MemoryCredentialStore } from '../settings/credential-store';
import { MarketplaceError } from './errors';
import { syncFailureOf } from './failure';

describe('syncFailureOf', () => {
  it('401/403/4xx/5xx/unreadable/unreachable each have their kind and status', () => {
    const http = (status: number, resultCode?: string) =>
      new MarketplaceError({ kind: 'http', status, resultCode, message: `HTTP ${status}\u001b[2J` });
    expect(syncFailureOf(http(401))).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(syncFailureOf(http(403))).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(syncFailureOf(http(404))).toMatchObject({ kind: 'refused', status: 404 });
    expect(syncFailureOf(http(503))).toMatchObject({ kind: 'server', status: 503 });
    expect(syncFailureOf(http(429))).toMatchObject({ kind: 'server', status: 429 });
    expect(syncFailureOf(new MarketplaceError({ kind: 'parse', message: 'not JSON' }))).toMatchObject({
      kind: 'unreadable',
    });
    expect(syncFailureOf(new MarketplaceError({ kind: 'timeout', message: 'timed out' }))).toMatchObject({
      kind: 'unreachable',
      status: null,
    });
    expect(syncFailureOf(new AppError('unauthorized', 'not connected'))).toMatchObject({ kind: 'unauthorized' });
    // Server text is shown as one line without control characters (docs/architecture.md "Security").
    expect(syncFailureOf(http(401)).message).not.toContain('\u001b');
  });
});

describe('a wrong SK, in words', () => {
  let dataDir: string;
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let services: Services;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sd-failure-'));
    sim = await startSimulator({ port: 0, seed: 5, orders: 5, quiet: true });
    services = createServices({ dataDir, credentialStore: new MemoryCredentialStore(), syncOnReconnect: false });
  });
  afterAll(async () => {
    await services?.close();
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('no account: Test connection says so', async () => {
    expect(await dispatch(services.handlers, 'settings:test', {})).toMatchObject({
      ok: true,
      value: { ok: false, failure: { kind: 'unconfigured' } },
    });
  });

  it('wrong SK → sync status carries unauthorized 401 (online, not "Online"); Test connection answers the same', async () => {
    await dispatch(services.handlers, 'settings:set', {
      endpoint: sim.url,
      ak: sim.credentials.ak,
      sk: 'sk-wrong-0000',
    });
    const run = await dispatch(services.handlers, 'sync:run', {});
    expect(run).toMatchObject({
      ok: true,
      value: { configured: true, online: true, failure: { kind: 'unauthorized', status: 401 } },
    });
    const test = await dispatch(services.handlers, 'settings:test', {});
    expect(test).toMatchObject({ ok: true, value: { ok: false, failure: { kind: 'unauthorized', status: 401 } } });
  });

  it('the right SK → "Connected as <sellerName>", and the next run clears the failure', async () => {
    await dispatch(services.handlers, 'settings:set', { sk: sim.credentials.sk });
    const test = await dispatch(services.handlers, 'settings:test', {});
    expect(test).toMatchObject({ ok: true, value: { ok: true, sellerName: expect.stringMatching(/\S/) } });
    expect(await dispatch(services.handlers, 'sync:run', {})).toMatchObject({
      ok: true,
      value: { online: true, failure: null },
    });
  });
});
