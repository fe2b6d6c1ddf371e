// docs/architecture.md "Data": a queued action whose stored JSON was damaged (bytes changed inside the row pass
// SQLite's
// checks) is refused locally with the row named — never retried for ever ahead of its order line's other actions —
// and the Sync Center's list leaves it out and reports it instead of failing whole.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowProblems } from '../db/row-problems';
import { enqueueAction } from './enqueue';
import { OutboxSender } from './OutboxSender';
import { listOutbox } from './repo';
import { recordingSleep, seededRandom, startHarness, type Harness } from './testing/sim-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

it('a damaged payload: refused locally naming the row, the next action of the line still goes, the list skips and reports it', async () => {
  const [line] = await h.linesIn('request_pending', 1);
  const db = h.env.db;
  const damaged = enqueueAction(
    db,
    { orderLineId: line.orderLineId, kind: 'request.reject', payload: { reason: 'please add the environment' } },
    { clock: h.clock },
  );
  const next = enqueueAction(
    db,
    { orderLineId: line.orderLineId, kind: 'appeal', payload: { reason: 'customer silent' } },
    { clock: h.clock },
  );
  db.prepare('UPDATE outbox SET payload_json = ? WHERE id = ?').run(
    '{"reason":"please add\u0001\u0002 the env',
    damaged.id,
  );

  await new OutboxSender({
    db,
    client: h.client,
    store: h.env.store,
    clock: h.clock,
    sleep: recordingSleep().sleep,
    random: seededRandom(3),
  }).sendDue();
  const row = db.prepare('SELECT state, attempts, last_error_json FROM outbox WHERE id = ?').get(damaged.id) as {
    state: string;
    attempts: number;
    last_error_json: string;
  };
  expect(row).toMatchObject({ state: 'rejected', attempts: 1 });
  expect(JSON.parse(row.last_error_json)).toMatchObject({
    kind: 'local',
    message: expect.stringMatching(new RegExp(`the stored payload_json of outbox row ${damaged.id} is damaged`)),
  });
  expect(db.prepare('SELECT state FROM outbox WHERE id = ?').pluck().get(next.id)).toBe('acked');

  const listed = listOutbox(db, { includeDiscarded: true }).map((i) => i.id);
  expect(listed).toContain(next.id);
  expect(listed).not.toContain(damaged.id);
  expect(rowProblems(db)).toContainEqual({ table: 'outbox', id: damaged.id, column: 'payload_json' });
});
