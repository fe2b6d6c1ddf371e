// docs/architecture.md "Data": a damaged or missing database never loses the user's work silently. Table-driven over
// 15 kinds of damage: each case is found by the start-up check (the CLI exits 1 naming `db restore` / `db recover` and
// leaves the file as it was) or, when SQLite's checks pass (bytes changed inside a row, a page nothing reads), met by
// the lists, which skip and name the damaged row and still print valid JSON; then `db recover` ends in a working
// database where every draft and queued action is kept or named as lost. `npm test` runs each kind once;
// `npm run soak` (main/testing/soak.ts) repeats them with random offsets over several seeds.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../../common/seeded-random';
import { soakCount } from '../testing/soak';
import { profilePaths, type ProfilePaths } from '../settings/paths';
import { run } from '../cli/testing/support';
import { createServices } from '../services';
import { checkProfile } from './health';
import { recoverDatabase } from './recover';
import { openProfileDatabase } from './profile-db';
import { openSqlite } from '../db/native-binding';
import { getCursor } from '../sync/sync-state';
import { profileFixtureSuite, type ProfileFixture } from './testing/profile-fixture';

const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const randomBytes = (r: () => number, n: number): Buffer =>
  Buffer.from(Array.from({ length: n }, () => int(r, 0, 255)));

function overwrite(file: string, at: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, at);
  } finally {
    closeSync(fd);
  }
}

const PAGE = 4096;
const pages = (file: string): number => Math.floor(statSync(file).size / PAGE);

/** Where the JSON text starting with `prefix` is stored in the file (the row's bytes, not an index's copy). */
function jsonOffset(file: string, prefix: string): number {
  const at = readFileSync(file).indexOf(Buffer.from(prefix, 'utf8'));
  if (at < 0) throw new Error(`${prefix} not found in ${file}`);
  return at + prefix.length - 12;
}

interface Kind {
  name: string;
  /** `crashed`: the files a crash left (phase B's commits only in the -wal); else closed normally. */
  variant: 'clean' | 'crashed';
  /** SQLite's own checks pass: the lists meet the damage (a row's JSON), not the start-up check. */
  passesChecks?: boolean;
  damage(p: ProfilePaths, r: () => number, f: ProfileFixture): void;
}

function rootPage(file: string, index: string): number {
  const db = openSqlite(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(index) as number;
  } finally {
    db.close();
  }
}

export const KINDS: readonly Kind[] = [
  { name: 'deleted', variant: 'clean', damage: (p) => rmSync(p.db) },
  { name: 'zero-byte', variant: 'clean', damage: (p) => truncateSync(p.db, 0) },
  {
    name: 'truncated to half',
    variant: 'clean',
    damage: (p, r) => truncateSync(p.db, Math.floor(statSync(p.db).size * (0.35 + 0.3 * r()))),
  },
  {
    name: 'truncated tail',
    variant: 'clean',
    damage: (p, r) => truncateSync(p.db, statSync(p.db).size - int(r, 1, PAGE * 2)),
  },
  { name: 'header magic overwritten', variant: 'clean', damage: (p, r) => overwrite(p.db, 0, randomBytes(r, 16)) },
  { name: 'header overwritten', variant: 'clean', damage: (p, r) => overwrite(p.db, 0, randomBytes(r, 100)) },
  {
    name: 'a random page overwritten',
    variant: 'clean',
    damage: (p, r) => overwrite(p.db, (int(r, 2, pages(p.db)) - 1) * PAGE, randomBytes(r, PAGE)),
  },
  {
    name: 'a random page zeroed',
    variant: 'clean',
    damage: (p, r) => overwrite(p.db, (int(r, 2, pages(p.db)) - 1) * PAGE, Buffer.alloc(PAGE)),
  },
  {
    name: "an index's root page overwritten",
    variant: 'clean',
    damage: (p, r) => overwrite(p.db, (rootPage(p.db, 'sqlite_autoindex_outbox_1') - 1) * PAGE, randomBytes(r, PAGE)),
  },
  {
    name: "random bytes inside an order line's JSON",
    variant: 'clean',
    passesChecks: true,
    damage: (p, r, f) =>
      overwrite(
        p.db,
        jsonOffset(p.db, `"productName":"${f.markers.orderLine.slice(0, 20)}`) + int(r, 0, 40),
        randomBytes(r, 64),
      ),
  },
  {
    name: "random bytes inside a queued action's JSON",
    variant: 'clean',
    passesChecks: true,
    damage: (p, r, f) =>
      overwrite(
        p.db,
        jsonOffset(p.db, `"reason":"${f.markers.outbox.slice(0, 20)}`) + int(r, 0, 40),
        randomBytes(r, 64),
      ),
  },
  {
    name: "random bytes inside a draft's JSON",
    variant: 'clean',
    passesChecks: true,
    damage: (p, r, f) =>
      overwrite(
        p.db,
        jsonOffset(p.db, `"summary":"${f.markers.draft.slice(0, 20)}`) + int(r, 0, 40),
        randomBytes(r, 64),
      ),
  },
  { name: 'a deleted WAL with committed data in it', variant: 'crashed', damage: (p) => rmSync(`${p.db}-wal`) },
  {
    name: 'a WAL truncated',
    variant: 'crashed',
    damage: (p, r) => truncateSync(`${p.db}-wal`, int(r, 32, statSync(`${p.db}-wal`).size - 1)),
  },
  {
    name: 'a WAL frame overwritten',
    variant: 'crashed',
    damage: (p, r) => overwrite(`${p.db}-wal`, int(r, 40, statSync(`${p.db}-wal`).size - 64), randomBytes(r, 64)),
  },
];

const SEEDS = soakCount(1, 20, 'SD_RECOVERY_SEEDS');
const EMPTY = createHash('sha256').digest('hex');
const digest = (file: string): string | null =>
  existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null;

describe('a damaged or missing database never loses work silently (docs/architecture.md "Data")', () => {
  const fx = profileFixtureSuite();

  const cases = KINDS.flatMap((kind, k) =>
    Array.from({ length: SEEDS }, (_, s) => ({ kind, seed: 1000 * (k + 1) + s })),
  );
  it.each(cases.map((c) => [c.kind.name, c.seed, c] as const))('%s (seed %i)', async (_name, _seed, { kind, seed }) => {
    const dataDir = fx.fresh(kind.variant);
    const p = profilePaths(dataDir, false);
    kind.damage(p, seededRandom(seed), fx.fixture); // a failing seed replays exactly
    const before = [digest(p.db), digest(`${p.db}-wal`)];

    const health = checkProfile(p, { full: true });
    const dd = ['--data-dir', dataDir];
    if (kind.passesChecks) {
      expect(health.state).toBe('ok');
      // The lists meet the damaged row: valid JSON on stdout, the row named on stderr, exit 1 — never exit 0 over it.
      const orders = await run(['orders', 'list', '--json', '--limit', '500', ...dd]);
      const outbox = await run(['outbox', 'list', '--all', '--json', ...dd]);
      expect(() => JSON.parse(orders.stdout)).not.toThrow();
      expect(() => JSON.parse(outbox.stdout)).not.toThrow();
      const hit = kind.name.includes('order line') ? orders : kind.name.includes('action') ? outbox : null;
      if (hit) {
        expect(hit.code).toBe(1);
        expect(hit.stderr).toMatch(
          /warning: skipped (order_line_raw|outbox) row \S+: its stored \w+ is not valid JSON/,
        );
        expect(hit.stderr).toMatch(/db recover/);
      }
      if (kind.name.includes('draft')) {
        const check = await run(['db', 'check', ...dd]);
        expect(check.code).toBe(1);
        expect(check.stdout).toMatch(/proof_drafts row draft-A1: its stored content_json is not valid JSON/);
      }
    } else if (health.state === 'needs_recovery') {
      // Refused and named, nothing replaced: the damaged file is exactly as it was.
      const refused = await run(['orders', 'list', ...dd]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/nothing was replaced/);
      expect(refused.stderr).toMatch(/seller-desk db restore/);
      expect(refused.stderr).toMatch(/seller-desk db recover/);
      expect(digest(p.db)).toBe(before[0]);
      // The check reads through SQLite, which may add an empty -wal beside a WAL database; an existing one is
      // untouched.
      expect(before[1] === null ? [null, EMPTY] : [before[1]]).toContain(digest(`${p.db}-wal`));
    } else {
      // The damage hit nothing SQLite reads (a free page): every draft and action is there as it was.
      const db = openProfileDatabase(p, { readOnly: true });
      const ids = new Set([
        ...(db.prepare('SELECT id FROM proof_drafts').pluck().all() as string[]),
        ...(db.prepare('SELECT id FROM outbox').pluck().all() as string[]),
      ]);
      db.close();
      for (const item of [...fx.fixture.drafts, ...fx.fixture.actions]) expect(ids.has(item.id), item.id).toBe(true);
    }

    const report = await recoverDatabase(p);
    if (process.env.SD_RECOVERY_VERBOSE) {
      const t = report.tables
        .filter((x) => x.fromBackup + x.lost > 0)
        .map((x) => `${x.table} ${x.saved}/${x.fromBackup}/${x.lost}`);
      console.log(
        `${kind.name} #${seed}: ${health.problem?.kind ?? 'passes checks'}; saved/backup/lost: ${t.join(', ') || 'all saved'}; lost: ${[...report.lostDrafts, ...report.lostActions].map((l) => l.id).join(' ') || 'nothing'}; ${report.notes.map((n) => n.message).join('; ')}`,
      );
    }
    if (before[0] !== null) expect(report.damagedFile).toMatch(/^damaged-\d{8}-\d{6}(-\d+)?\.db$/);
    if (report.damagedFile) expect(digest(path.join(p.dir, report.damagedFile))).toBe(before[0]);

    // A working database: it passes its check, the app opens it, the lists read it whole.
    expect(checkProfile(p, { full: true }).state).toBe('ok');
    const services = createServices({ dataDir, syncOnReconnect: false });
    try {
      const db = services.db;
      const drafts = new Set(db.prepare('SELECT id FROM proof_drafts').pluck().all() as string[]);
      const actions = new Set(db.prepare('SELECT id FROM outbox').pluck().all() as string[]);
      for (const d of fx.fixture.drafts) {
        // Phase A is in the backup: always kept. Phase B is kept or named as lost, with its label.
        if (d.phase === 'A' || drafts.has(d.id)) expect(drafts.has(d.id), `${d.id} kept`).toBe(true);
        else
          expect(
            report.lostDrafts.find((l) => l.id === d.id),
            `${d.id} named as lost`,
          ).toMatchObject({ label: d.name, orderLineId: d.orderLineId });
      }
      for (const a of fx.fixture.actions) {
        if (a.phase === 'A' || actions.has(a.id)) expect(actions.has(a.id), `${a.id} kept`).toBe(true);
        else
          expect(
            report.lostActions.find((l) => l.id === a.id),
            `${a.id} named as lost`,
          ).toMatchObject({ kind: a.name, orderLineId: a.orderLineId });
      }
      // Nothing kept is also reported lost; the lists show it all (no row skipped).
      for (const l of report.lostDrafts) expect(drafts.has(l.id)).toBe(false);
      for (const l of report.lostActions) expect(actions.has(l.id)).toBe(false);
      const listed = (await services.handlers['outbox:list']({ includeDiscarded: true })) as Array<{ id: string }>;
      expect(new Set(listed.map((i) => i.id))).toEqual(actions);
      for (const d of fx.fixture.drafts.filter((x) => drafts.has(x.id)))
        expect(
          ((await services.handlers['proofs:list']({ orderLineId: d.orderLineId })) as Array<{ id: string }>).map(
            (x) => x.id,
          ),
        ).toContain(d.id);
      expect(db.prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(fx.fixture.attachments.length);
      // The cache is pulled again: the order-line cursor is gone.
      expect(getCursor(db, 'order-lines')).toBeNull();
      expect(report.orderLinesToRepull).toBeGreaterThanOrEqual(0);
    } finally {
      await services.close();
    }
  });
});
