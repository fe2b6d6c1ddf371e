// docs/architecture.md "Data": backups (before every migration, at most once a day, the newest 7, each checked), the
// start-up check refusing a missing or empty database where the folder had data, and restoring — through the CLI and
// through the window's channels (profile-runtime.ts), which close and reopen the database around it.
import { describe, expect, it } from 'vitest';
import { closeSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { run } from '../cli/testing/support';
import { createServices } from '../services';
import { startProfileRuntime } from '../profile-runtime';
import { dispatchChannel } from '../api/dispatch';
import type { Channel, ChannelInput, ChannelResult } from '../../common/api/contract';
import { profilePaths } from '../settings/paths';
import {
  backupIfDue,
  BACKUPS_KEPT,
  backupsDir,
  latestGoodBackup,
  listBackups,
  makeBackup,
  verifyDatabaseFile,
} from './backup';
import { checkProfile, DatabaseNeedsRecoveryError, FULL_CHECK_MAX_BYTES, MARKER_FILE, quickCheck } from './health';
import { migrate, schemaVersion } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { openSqlite } from '../db/native-binding';
import { openProfileDatabase, prepareProfile } from './profile-db';
import { profileFixtureSuite } from './testing/profile-fixture';

const mode = (file: string): number => statSync(file).mode & 0o777;
const DAY = 24 * 60 * 60 * 1000;

describe('backups and the start-up check (docs/architecture.md "Data")', () => {
  const fx = profileFixtureSuite(40);
  const fresh = fx.fresh;

  it('takes a checked backup before a migration runs (a new migration simulated), holding the schema as it was', async () => {
    const p = profilePaths(fresh(), false);
    const latest = MIGRATIONS[MIGRATIONS.length - 1].version;
    const next = [
      ...MIGRATIONS,
      { version: latest + 10, name: 'next-test-migration', sql: 'CREATE TABLE next_feature (id INTEGER PRIMARY KEY)' },
    ];
    const before = listBackups(p.dir).length;
    const { health, migrationBackup } = await prepareProfile(p, { migrations: next });
    expect(health.state).toBe('ok');
    expect(migrationBackup?.reason).toBe('migration');
    expect(listBackups(p.dir)).toHaveLength(before + 1);
    const file = path.join(backupsDir(p.dir), migrationBackup!.name);
    expect(verifyDatabaseFile(file)).toMatchObject({ ok: true, schemaVersion: latest });
    // Then the migration runs; the backup keeps the database from before it.
    const db = openSqlite(p.db);
    migrate(db, next);
    expect(schemaVersion(db)).toBe(latest + 10);
    db.close();
    const copy = openSqlite(file, { readonly: true });
    expect(copy.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'next_feature'").pluck().get()).toBe(0);
    expect(copy.prepare('SELECT count(*) FROM proof_drafts').pluck().get()).toBe(fx.fixture.drafts.length);
    copy.close();
    // Nothing pending: no backup.
    expect((await prepareProfile(p)).migrationBackup).toBeNull();
  });

  it('makes the daily backup at most once a day, keeps the newest 7 (0600 in a 0700 folder), each one opening and passing quick_check', async () => {
    const p = profilePaths(fresh(), false);
    const db = openProfileDatabase(p);
    try {
      const start = Date.UTC(2025, 4, 1, 9, 0, 0);
      for (let day = 0; day < 10; day++) {
        expect(await backupIfDue(db, p.dir, start + day * DAY)).not.toBeNull();
        expect(await backupIfDue(db, p.dir, start + day * DAY + 6 * 60 * 60 * 1000)).toBeNull(); // the same day
      }
      const kept = listBackups(p.dir);
      expect(kept).toHaveLength(BACKUPS_KEPT);
      expect(kept.map((b) => b.createdAt)).toEqual(Array.from({ length: 7 }, (_, i) => start + (9 - i) * DAY));
      expect(mode(backupsDir(p.dir))).toBe(0o700);
      for (const b of kept) {
        const file = path.join(backupsDir(p.dir), b.name);
        expect(mode(file)).toBe(0o600);
        expect(b.bytes).toBe(statSync(file).size);
        expect(verifyDatabaseFile(file).ok).toBe(true);
      }
      // A manual backup counts as the day's.
      await makeBackup(db, p.dir, { reason: 'manual', now: start + 20 * DAY });
      expect(await backupIfDue(db, p.dir, start + 20 * DAY + 60_000)).toBeNull();
    } finally {
      db.close();
    }
  });

  it('restores from the newest backup that passes its check, skipping one that is damaged', async () => {
    const p = profilePaths(fresh(), false);
    const db = openProfileDatabase(p);
    const older = await makeBackup(db, p.dir, { reason: 'manual', now: Date.UTC(2025, 4, 2) });
    const newest = await makeBackup(db, p.dir, { reason: 'manual', now: Date.UTC(2025, 4, 3) });
    db.close();
    writeFileSync(path.join(backupsDir(p.dir), newest.name), Buffer.alloc(8192, 7)); // not a database any more
    expect(latestGoodBackup(p.dir)?.backup.name).toBe(older.name);
    truncateSync(p.db, 0);
    const restored = await run(['db', 'restore', '--data-dir', path.dirname(p.dir)]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`Restored ${older.name}`);
    expect(restored.stdout).toMatch(/kept as damaged-\d{8}-\d{6}\.db/);
    expect(checkProfile(p).state).toBe('ok');
  });

  it('refuses a zero-byte database where the folder had data: the CLI exits 1 naming db restore and db recover, nothing is replaced', async () => {
    const dataDir = fresh();
    const p = profilePaths(dataDir, false);
    truncateSync(p.db, 0);
    for (const argv of [['orders', 'list'], ['outbox', 'list'], ['sync'], ['db', 'backup']]) {
      const r = await run([...argv, '--data-dir', dataDir]);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.stderr).toMatch(
        /the database seller-desk\.db is empty \(0 bytes\), though this folder held data \(marker, backups, attachments\); nothing was replaced/,
      );
      expect(r.stderr).toMatch(/'seller-desk db restore' puts back the latest backup \(\d{4}-\d{2}-\d{2}T/);
      expect(r.stderr).toMatch(/'seller-desk db recover' saves what can still be read/);
      expect(statSync(p.db).size).toBe(0);
    }
    expect(() => createServices({ dataDir, syncOnReconnect: false })).toThrow(DatabaseNeedsRecoveryError);
    expect(statSync(p.db).size).toBe(0);
    const check = await run(['db', 'check', '--data-dir', dataDir]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/Check: FAILED — the database seller-desk\.db is empty/);
    // Without any sign of data, an empty file is a new database like any other.
    const bare = fresh();
    const q = profilePaths(bare, false);
    truncateSync(q.db, 0);
    for (const x of [MARKER_FILE, 'backups', 'files', 'intents.ndjson'])
      rmSync(path.join(q.dir, x), { recursive: true, force: true });
    expect((await run(['orders', 'list', '--data-dir', bare])).code).toBe(0);
    expect(statSync(q.db).size).toBeGreaterThan(0);
  });

  it("the start-up check is bounded: on a large database it checks the tables of the user's own work, not the order cache", () => {
    const p = profilePaths(fresh(), false);
    const root = (() => {
      const db = openSqlite(p.db, { readonly: true });
      try {
        return db
          .prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'order_lines_product'")
          .pluck()
          .get() as number;
      } finally {
        db.close();
      }
    })();
    const fd = openSync(p.db, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, (root - 1) * 4096);
    closeSync(fd);
    const db = openSqlite(p.db, { readonly: true });
    try {
      expect(quickCheck(db, 1024)?.kind).toBe('check_failed');
      expect(quickCheck(db, FULL_CHECK_MAX_BYTES + 1)).toBeNull();
    } finally {
      db.close();
    }
    // A crash that kept its write-ahead log is no damage: SQLite replays it.
    expect(checkProfile(profilePaths(fresh('crashed'), false)).state).toBe('ok');
  });

  it('the window: a runtime on an empty database serves app:info and db:*, refuses the rest, then restores and reopens in place', async () => {
    const dataDir = fresh();
    const p = profilePaths(dataDir, false);
    truncateSync(p.db, 0);
    const runtime = await startProfileRuntime({ dataDir, syncOnReconnect: false });
    const statuses: string[] = [];
    runtime.events.on('db:status', (s) => statuses.push(s.state));
    try {
      expect(runtime.status()).toMatchObject({
        state: 'needs_recovery',
        problem: { kind: 'empty' },
        evidence: ['marker', 'backups', 'attachments'],
      });
      // As a window calls: through dispatch, an error answer thrown here as its message.
      const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>> => {
        const answer = await dispatchChannel(runtime.handlers, channel, input);
        if (!answer.ok) throw new Error(answer.error.message);
        return answer.value;
      };
      expect(await call('app:info', {})).toMatchObject({ demo: false });
      await expect(call('orders:list', {})).rejects.toThrow(/needs recovery/);
      const backups = await call('db:backups', {});
      expect(backups).toHaveLength(1);
      const answer = await call('db:restore', {});
      expect(answer.restoredFrom.name).toBe(backups[0].name);
      expect(answer.keptAs).toMatch(/^damaged-/);
      expect(runtime.status().state).toBe('ok');
      expect(statuses).toContain('ok');
      const page = await call('orders:list', {
        sort: { field: 'placedAt', dir: 'desc' },
        offset: 0,
        limit: 500,
      });
      expect(page.total).toBe(40);
      // A restore over a healthy database backs it up first: phase B (made after the backup) is kept there.
      const again = await call('db:restore', { name: backups[0].name });
      expect(again.keptAs).toMatch(/^backups\/backup-\d{8}-\d{6}-\d{3}-restore\.db$/);
      const kept = openSqlite(path.join(p.dir, again.keptAs!), { readonly: true });
      expect(kept.prepare('SELECT count(*) FROM proof_drafts').pluck().get()).toBe(3);
      kept.close();
    } finally {
      await runtime.close();
    }
    // The folder is free again (the runtime released its lock).
    expect((await run(['orders', 'list', '--data-dir', dataDir])).code).toBe(0);
    expect(readFileSync(p.db).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});
