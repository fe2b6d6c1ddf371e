// The diagnostics ZIP (docs/diagnostics.md) after a real account synced against the simulator over HTTP and queued
// an action: it has every part (versions, settings, quick_check "ok", table counts, outbox by state, the logs), and
// neither it nor any log file the run wrote holds the AK or the SK (docs/architecture.md "Security": never in logs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { strFromU8, unzipSync } from 'fflate';
import { version as appVersion } from '../../package.json';
import { startSimulator } from '../../marketplace-sim/index';
import { OUTBOX_STATES } from '../../common/api/contract-outbox';
import { dispatch } from '../api/dispatch';
import { runLines } from '../cli/testing/support';
import { MIGRATIONS } from '../db/migrations';
import { createLogger } from '../log';
import { openLogFile } from '../log-file';
import { createServices, type Services } from '../services';
import { logsDir, profilePaths } from '../settings/paths';
import { logFiles, secretsInLogs } from '../testing/log-scan';
import { exportDiagnostics } from './export';

// A test account of our own: the AK/SK that must never leave the credential file.
const SELLER = {
  ak: 'AKDIAGNOSTICS0000001',
  sk: 'diag-secret-key-0123456789abcdef',
  sellerId: 'SELLERDIAG',
  sellerName: 'Diagnostics Test Co.',
};
const SECRETS = [SELLER.ak, SELLER.sk];
const posix = process.platform !== 'win32';

function unzip(file: string): Record<string, string> {
  const entries = unzipSync(new Uint8Array(readFileSync(file)));
  return Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** Every entry that contains a secret; [] when the ZIP is clean. */
function secretsIn(entries: Record<string, string>): string[] {
  return Object.entries(entries).flatMap(([name, text]) =>
    SECRETS.filter((s) => text.includes(s)).map((s) => `${name}: ${s}`),
  );
}

describe('diagnostics export', () => {
  let root: string;
  let dataDir: string;
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let services: Services;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sd-diagnostics-'));
    dataDir = join(root, 'data');
    sim = await startSimulator({
      port: 0,
      dbPath: join(root, 'sim.db'),
      seed: 5,
      orders: 120,
      quiet: true,
      sellers: [SELLER],
    });
    // As the browser host runs it: stderr quiet here, every line (debug up) in logs/host.log.
    const log = createLogger({ level: 'silent', file: openLogFile({ dir: logsDir(dataDir), name: 'host.log' }) });
    services = createServices({ dataDir, log });
  });
  afterAll(async () => {
    await services?.close();
    await sim?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('a synced account with a sent action exports every part, and no part holds the AK or the SK', async () => {
    const set = await dispatch(services.handlers, 'settings:set', { endpoint: sim.url, ak: SELLER.ak, sk: SELLER.sk });
    expect(set.ok).toBe(true);
    expect(await dispatch(services.handlers, 'sync:run', {})).toMatchObject({
      ok: true,
      value: { configured: true, online: true, lastError: null },
    });
    // An action through the outbox, sent by the next run's push.
    const page = await dispatch(services.handlers, 'orders:list', { stage: ['request_pending'], limit: 1 });
    if (!page.ok) throw new Error(page.error.message);
    const [line] = (page.value as { rows: Array<{ orderLineId: string }> }).rows;
    expect(line).toBeDefined();
    expect((await dispatch(services.handlers, 'actions:accept-request', { orderLineId: line.orderLineId })).ok).toBe(
      true,
    );
    expect((await dispatch(services.handlers, 'sync:run', {})).ok).toBe(true);
    // A marketplace refusal, and lines a careless caller might write: all of it must come out masked.
    expect((await dispatch(services.handlers, 'orders:import', { orderId: 'NOSUCHORDER0000' })).ok).toBe(false);
    services.log.warn(`careless: connecting as ${SELLER.ak} with ${SELLER.sk}`);
    services.log.error('careless: request failed', {
      headers: { Authorization: `SDK-HMAC-SHA256 Access=${SELLER.ak}, Signature=0123abcd` },
      ak: SELLER.ak,
      sk: SELLER.sk,
    });

    const out = join(root, 'out', 'diagnostics.zip');
    const r = exportDiagnostics(
      {
        dataDir,
        profile: 'account',
        transport: 'browser-host',
        db: services.db,
        settings: services.settings,
        now: Date.now(),
      },
      out,
    );
    expect(r.quickCheck).toEqual(['ok']);
    if (posix) expect(statSync(out).mode & 0o777).toBe(0o600);

    const zip = unzip(out);
    expect(Object.keys(zip).sort()).toEqual([
      'database.json',
      'logs.json',
      'logs/host.log',
      'outbox.json',
      'settings.json',
      'versions.json',
    ]);
    expect(secretsIn(zip)).toEqual([]);

    expect(JSON.parse(zip['versions.json'])).toMatchObject({
      app: appVersion,
      transport: 'browser-host',
      node: process.versions.node,
      electron: null,
      platform: process.platform,
      arch: process.arch,
      osRelease: expect.any(String),
    });
    const settings = JSON.parse(zip['settings.json']) as Record<string, unknown>;
    expect(settings).toEqual({
      profile: 'account',
      dataDir,
      endpoint: sim.url.replace(/\/+$/, ''),
      syncIntervalMinutes: 15,
      language: 'en',
      waitingThresholdDays: 5,
      credentials: 'set',
    });
    const db = JSON.parse(zip['database.json']) as {
      quickCheck: string[];
      schemaVersion: number;
      tables: Record<string, number>;
    };
    expect(db.quickCheck).toEqual(['ok']);
    expect(db.schemaVersion).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    expect(db.tables.order_lines).toBeGreaterThanOrEqual(120);
    expect(db.tables.outbox).toBe(1);
    expect(db.tables.settings).toBeGreaterThan(0);
    // FTS indexes (virtual tables and their shadow tables) are not counted.
    for (const fts of ['order_lines_fts', 'order_lines_fts_data', 'order_product_names_fts'])
      expect(db.tables).not.toHaveProperty(fts);
    const outbox = JSON.parse(zip['outbox.json']) as { byState: Record<string, number>; discarded: number };
    expect(Object.keys(outbox.byState).sort()).toEqual([...OUTBOX_STATES].sort());
    expect(outbox).toEqual({
      byState: { queued: 0, sending: 0, acked: 1, rejected: 0, conflict: 0, unknown: 0 },
      discarded: 0,
    });

    // The log says what happened — requests, the refusal, the careless lines — with every credential masked.
    const hostLog = zip['logs/host.log'];
    expect(hostLog).toMatch(/DEBUG marketplace GET \/api\/seller-sync\/v1\/order-lines\?.* → HTTP 200/);
    expect(hostLog).toMatch(/marketplace POST \/api\/seller-sync\/v1\/.* → HTTP 2\d\d/);
    expect(hostLog).toContain('WARN careless: connecting as [redacted] with [redacted]');
    expect(hostLog).toContain('ERROR careless: request failed');
    expect(JSON.parse(zip['logs.json'])).toMatchObject({
      included: [{ name: 'host.log', truncated: false }],
      leftOut: [],
    });
  });

  it('seller-desk diagnostics --out writes the same ZIP from the command line', async () => {
    await services.close();
    const out = join(root, 'cli-diagnostics.zip');
    const r = await runLines(['diagnostics', '--out', out, '--data-dir', dataDir]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).toMatch(
      /^Wrote diagnostics to .*cli-diagnostics\.zip \([\d.]+ KB\): \d+ log files?, versions, settings without secrets, database check ok, table counts, outbox counts\.$/,
    );
    const zip = unzip(out);
    expect(secretsIn(zip)).toEqual([]);
    expect(JSON.parse(zip['versions.json'])).toMatchObject({ transport: 'cli' });
    expect(JSON.parse(zip['database.json'])).toMatchObject({ quickCheck: ['ok'] });
    expect(Object.keys(zip)).toContain('logs/host.log');
  });

  it('every log file the runs above wrote in the data folder is 0600 and holds neither the AK nor the SK', () => {
    const files = logFiles(dataDir).map((f) => f.slice(logsDir(dataDir).length + 1));
    expect(files).toEqual(['cli.log', 'host.log']);
    expect(secretsInLogs(dataDir, SECRETS)).toEqual([]);
    if (posix) {
      expect(statSync(logsDir(dataDir)).mode & 0o777).toBe(0o700);
      for (const f of logFiles(dataDir)) expect(statSync(f).mode & 0o777).toBe(0o600);
    }
  });

  it('logs are taken newest first within the budget: the newest file cut to its end, older ones listed as left out', () => {
    const dir = join(root, 'budget');
    mkdirSync(logsDir(dir), { recursive: true });
    const older = join(logsDir(dir), 'host.1.log');
    const newer = join(logsDir(dir), 'host.log');
    writeFileSync(older, 'old line\n'.repeat(100));
    writeFileSync(newer, `${'early line\n'.repeat(100)}the newest line\n`);
    utimesSync(older, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const out = join(root, 'budget.zip');
    const r = exportDiagnostics(
      {
        dataDir: dir,
        profile: 'account',
        transport: 'cli',
        db: null,
        settings: null,
        now: Date.now(),
        logBudgetBytes: 200,
      },
      out,
    );
    expect(r.logsLeftOut).toEqual(['host.1.log']);
    const zip = unzip(out);
    expect(zip['logs/host.log'].length).toBe(200);
    expect(zip['logs/host.log'].endsWith('the newest line\n')).toBe(true);
    expect(JSON.parse(zip['logs.json'])).toMatchObject({
      included: [{ name: 'host.log', truncated: true }],
      leftOut: ['host.1.log'],
    });
  });

  it('a database that will not open still gets a ZIP: the reason, the logs redacted on the way out', async () => {
    const broken = join(root, 'broken');
    const paths = profilePaths(broken, false);
    mkdirSync(paths.dir, { recursive: true });
    // A database from a newer app version is refused without writing (docs/architecture.md "Data").
    const db = new Database(paths.db);
    db.pragma('user_version = 9999');
    db.close();
    writeFileSync(paths.credentials, JSON.stringify(SELLER));
    // A log an older version wrote before it masked credentials: the export masks them now.
    mkdirSync(logsDir(broken), { recursive: true });
    writeFileSync(
      join(logsDir(broken), 'host.1.log'),
      `2025-01-01T00:00:00.000Z INFO connecting as ${SELLER.ak} with ${SELLER.sk}\n`,
    );

    const out = join(root, 'broken.zip');
    const r = await runLines(['diagnostics', '--out', out, '--data-dir', broken]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/database not opened/);
    const zip = unzip(out);
    expect(secretsIn(zip)).toEqual([]);
    expect(zip['logs/host.1.log']).toContain('connecting as [redacted] with [redacted]');
    expect(JSON.parse(zip['database.json'])).toEqual({ error: expect.stringMatching(/newer/i) });
    expect(JSON.parse(zip['settings.json'])).toMatchObject({
      profile: 'account',
      error: expect.stringMatching(/cannot open the data folder/),
    });
    expect(JSON.parse(zip['outbox.json'])).toMatchObject({ error: expect.any(String) });
  });
});
