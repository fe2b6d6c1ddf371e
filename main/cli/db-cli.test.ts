// `seller-desk db backup|check|restore|recover` (docs/architecture.md "Data") in-process through runCli: what each
// prints
// and its exit status. The damage kinds themselves are main/profile/recover.test.ts; restore and refusals
// main/profile/backup.test.ts.
import { describe, expect, it } from 'vitest';
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { profilePaths } from '../settings/paths';
import { profileFixtureSuite } from '../profile/testing/profile-fixture';
import { lines, run } from './testing/support';

describe('seller-desk db', () => {
  const fx = profileFixtureSuite(30);
  const fresh = fx.fresh;

  it('db backup writes a checked 0600 backup; db check lists it and exits 0 on a healthy database', async () => {
    const dataDir = fresh('clean');
    const b = await run(['db', 'backup', '--data-dir', dataDir]);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    const file = /^Backed up to (\S+) \(/.exec(b.stdout)?.[1];
    expect(file).toMatch(/backups\/backup-\d{8}-\d{6}-\d{3}-manual\.db$/);
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    const c = await run(['db', 'check', '--data-dir', dataDir]);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/^Check: ok \(quick_check of every table, schema \d+\)$/m);
    expect(lines(c.stdout)).toEqual(
      expect.arrayContaining(['Damaged rows: none (every stored JSON value parses)', 'Backups (2, newest first):']),
    );
    const json = JSON.parse((await run(['db', 'check', '--json', '--data-dir', dataDir])).stdout) as {
      ok: boolean;
      backups: unknown[];
    };
    expect(json.ok).toBe(true);
    expect(json.backups).toHaveLength(2);
  });

  it('db recover after a lost write-ahead log: exit 0, what was saved and the drafts and actions lost, by name; --json is the report', async () => {
    const dataDir = fresh('crashed');
    const p = profilePaths(dataDir, false);
    rmSync(`${p.db}-wal`);
    const refused = await run(['outbox', 'list', '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /write-ahead log seller-desk\.db-wal is missing: \d+ committed page writes never reached the database; nothing was replaced/,
    );
    const r = await run(['db', 'recover', '--data-dir', dataDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toMatch(/^Recovered into a new database; the damaged file is kept as damaged-\d{8}-\d{6}\.db\.$/);
    expect(out).toContain('Lost actions (3):');
    expect(out).toContain('Lost drafts (3):');
    for (const d of fx.fixture.drafts.filter((x) => x.phase === 'B'))
      expect(r.stdout).toContain(`${d.id} "${d.name}" on ${d.orderLineId}: created `);
    for (const a of fx.fixture.actions.filter((x) => x.phase === 'B'))
      expect(r.stdout).toContain(`${a.id} ${a.name} on ${a.orderLineId}: created `);
    expect(r.stdout).toMatch(
      /Order lines: the cache \(30 lines\) is pulled again from the marketplace at the next sync\./,
    );
    const reportFile = /^Report: (\S+)$/m.exec(r.stdout)?.[1];
    const report = JSON.parse(readFileSync(path.join(p.dir, reportFile!), 'utf8')) as { lostDrafts: unknown[] };
    expect(report.lostDrafts).toHaveLength(3);
    // The recovered database works: the list that was refused reads it, and the check passes.
    expect((await run(['outbox', 'list', '--all', '--data-dir', dataDir])).code).toBe(0);
    expect((await run(['db', 'check', '--data-dir', dataDir])).code).toBe(0);
    // Recovering a healthy database loses nothing.
    const again = JSON.parse((await run(['db', 'recover', '--json', '--data-dir', dataDir])).stdout) as {
      lostDrafts: unknown[];
      lostActions: unknown[];
    };
    expect(again.lostDrafts).toEqual([]);
    expect(again.lostActions).toEqual([]);
  });

  it('db --help lists the four commands; a missing one is bad usage', async () => {
    const h = await run(['db', '--help']);
    expect(h.code).toBe(0);
    for (const c of ['backup', 'check', 'restore', 'recover']) expect(h.stdout).toContain(`seller-desk db ${c}`);
    const bad = await run(['db', 'vacuum']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown db command 'vacuum'/);
  });
});
