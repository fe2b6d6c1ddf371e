import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { getOrderLine } from '../orders/order-lines';
import { insertLinesBefore0100 } from '../orders/testing/old-order-line';
import { migrate, schemaVersion } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { enqueueAction } from './enqueue';
import { T0, wireLine } from './testing/fixtures';

// docs/architecture.md: every migration has a test that migrates a populated database (0040 outbox, 0050 attachments).
describe('migrations 0040-outbox and 0050-attachments', () => {
  it('a populated database from before them migrates; its order lines are kept and the outbox works', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 40),
    );
    insertLinesBefore0100(db, [
      wireLine('M-1-000001', { stage: 'request_pending' }),
      wireLine('M-2-000001', { stage: 'awaiting_delivery' }),
    ]);
    const before = schemaVersion(db);
    const r = migrate(db, MIGRATIONS);
    expect(r.from).toBe(before);
    expect(schemaVersion(db)).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    expect(getOrderLine(db, 'M-1-000001')?.stage).toBe('request_pending');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['outbox', 'outbox_log', 'outbox_pending', 'attachments', 'uploads']),
    );
    const item = enqueueAction(db, { orderLineId: 'M-1-000001', kind: 'request.accept' }, { clock: { now: () => T0 } });
    expect(item.state).toBe('queued');
    // The schema refuses what the code must never write: an unknown kind or state, a discard without a reason.
    expect(() => db.prepare("UPDATE outbox SET state = 'lost' WHERE id = ?").run(item.id)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE outbox SET discarded_at = 1 WHERE id = ?').run(item.id)).toThrow(/CHECK/);
    expect(() =>
      db.prepare('INSERT INTO uploads (sha256, size, updated_at) VALUES (?, 1, 1)').run('f'.repeat(64)),
    ).toThrow(/FOREIGN KEY/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
