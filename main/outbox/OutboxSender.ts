// Sends the outbox: per order line strictly in order, different lines independently (a small
// concurrency limit), each item through queued → sending → acked | rejected | conflict | unknown, resending an
// unknown outcome with the SAME idempotency key (backoff with jitter and a cap, Retry-After honoured).
// Crash safety: `sending` is committed before the request leaves; a row still `sending` at start-up is resent.
import type { ReadDb, WriteDb } from '../db/connection';
import { perDb } from '../db/statement-cache';
import { orderLine as wireOrderLine } from '../../common/marketplace/wire';
import { upsertOrderLines } from '../orders/order-lines';
import type { AttachmentStore } from '../files/store';
import { uploadAttachment, type Requester } from '../files/upload';
import type { RetryPolicy } from '../sync/retry';
import { decide, type Decision } from './outcome';
import { getRow, logEvent, rowAction, rowToItem, type OutboxItem, type OutboxRow } from './repo';
import { actionBody, actionPath } from './request';
import { attachmentsOf, type ActionPayload } from './schemas';
import { storedJson } from '../db/row-problems';

export interface OutboxPolicy extends RetryPolicy {
  /** A pass waits (sleeps) for a retry due within this long; later ones are left for the next pass. */
  maxWaitInPassMs: number;
}

/**
 * Until a definite answer (docs/marketplace-api.md): exponential backoff from 1 s with full jitter, capped at 5 min.
 */
export const OUTBOX_POLICY: OutboxPolicy = {
  baseMs: 1000,
  capMs: 5 * 60_000,
  maxAttempts: Infinity,
  maxWaitInPassMs: 30_000,
};

export type OutboxChange =
  { type: 'state'; item: OutboxItem } | { type: 'progress'; id: string; sha256: string; sent: number; size: number };

export interface SendSummary {
  /** Action requests sent in this pass (uploads not counted). */
  sent: number;
  acked: number;
  rejected: number;
  conflict: number;
  /** Items whose outcome is still unknown at the end of the pass (they are resent with the same key). */
  unknown: number;
  /** Items still waiting to be sent at the end of the pass (queued + unknown). */
  waiting: number;
}

export interface OutboxSenderOptions {
  db: WriteDb;
  client: Requester;
  store: AttachmentStore;
  clock: { now(): number };
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  policy?: Partial<OutboxPolicy>;
  onChange?: (change: OutboxChange) => void;
  /** Order lines sent at the same time. */
  concurrency?: number;
  /** Our own upload chunk limit (the marketplace's chunkSize caps it). */
  uploadChunkSize?: number;
}

const OPEN = "('queued', 'sending', 'unknown')";

const reads = perDb((db: ReadDb) => ({
  sending: db.prepare<[], { id: string; request_json: string | null }>(
    "SELECT id, request_json FROM outbox WHERE state = 'sending'",
  ),
  dueLines: db
    .prepare<[number], string>(
      `SELECT DISTINCT order_line_id FROM outbox WHERE discarded_at IS NULL AND state IN ${OPEN} AND next_attempt_at <= ? ORDER BY seq`,
    )
    .pluck(),
  openCounts: db.prepare<[], { state: string; n: number }>(
    `SELECT state, count(*) AS n FROM outbox WHERE discarded_at IS NULL AND state IN ${OPEN} GROUP BY state`,
  ),
  lineHead: db.prepare<[string], OutboxRow>(
    `SELECT * FROM outbox WHERE order_line_id = ? AND discarded_at IS NULL AND state IN ${OPEN} ORDER BY seq LIMIT 1`,
  ),
}));

const RETRY_NOW = `UPDATE outbox SET next_attempt_at = ? WHERE discarded_at IS NULL AND state IN ${OPEN} AND next_attempt_at > ?`;

const writes = perDb((db: WriteDb) => ({
  setState: db.prepare<[string, number, string]>('UPDATE outbox SET state = ?, updated_at = ? WHERE id = ?'),
  retryAll: db.prepare<[number, number]>(RETRY_NOW),
  retryIds: db.prepare<[number, number, string]>(`${RETRY_NOW} AND id IN (SELECT value FROM json_each(?))`),
  claim: db.prepare<[number, string, string]>(
    "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = ? AND discarded_at IS NULL",
  ),
  freeze: db
    .prepare<[string, string], string | null>(
      'UPDATE outbox SET request_json = ? WHERE id = ? AND request_json IS NULL RETURNING request_json',
    )
    .pluck(),
  ack: db.prepare<[number, number, string | null, string]>(
    "UPDATE outbox SET state = 'acked', acked_at = ?, updated_at = ?, last_error_json = ? WHERE id = ?",
  ),
  outcome: db.prepare<[string, string, number, number, string]>(
    'UPDATE outbox SET state = ?, last_error_json = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?',
  ),
  deletePending: db.prepare<[string]>('DELETE FROM outbox_pending WHERE outbox_id = ?'),
}));

/**
 * Crash recovery: an item left `sending` by a previous process may have reached the marketplace, so it becomes
 * `unknown` and is resent with its key. One whose body was never frozen never got as far as the POST: `queued`.
 */
export function recoverInterrupted(db: WriteDb, now: number): number {
  return db.transaction(() => {
    const rows = reads(db).sending.all();
    for (const r of rows) {
      const to = r.request_json === null ? 'queued' : 'unknown';
      writes(db).setState.run(to, now, r.id);
      logEvent(db, r.id, now, 'recovered', { from: 'sending', to });
    }
    return rows.length;
  })();
}

/**
 * Makes every unsent item due now (the user pressed "Sync now", or the network came back): waiting out a long
 * backoff is for a marketplace in trouble, not for one that is just reachable again. Returns how many.
 */
export function retryNow(db: WriteDb, now: number, ids?: readonly string[]): number {
  if (!ids) return writes(db).retryAll.run(now, now).changes;
  return writes(db).retryIds.run(now, now, JSON.stringify(ids)).changes;
}

export class OutboxSender {
  private readonly policy: OutboxPolicy;
  private running: Promise<SendSummary> | null = null;

  constructor(private readonly opts: OutboxSenderOptions) {
    this.policy = { ...OUTBOX_POLICY, ...opts.policy };
    recoverInterrupted(opts.db, opts.clock.now());
  }

  /** Sends every due item. Calls while a pass runs share that pass. */
  sendDue(): Promise<SendSummary> {
    if (!this.running) {
      this.running = this.pass().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async pass(): Promise<SendSummary> {
    const { db, clock } = this.opts;
    const summary: SendSummary = { sent: 0, acked: 0, rejected: 0, conflict: 0, unknown: 0, waiting: 0 };
    const horizon = clock.now() + this.policy.maxWaitInPassMs;
    const lines = reads(db).dueLines.all(horizon);
    const state = { stop: false, next: 0 };
    const worker = async () => {
      while (!state.stop && state.next < lines.length) await this.runLine(lines[state.next++], summary, state);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.opts.concurrency ?? 4, lines.length)) }, worker));
    const counts = reads(db).openCounts.all();
    for (const c of counts) {
      summary.waiting += c.n;
      if (c.state !== 'queued') summary.unknown += c.n;
    }
    return summary;
  }

  /** One order line: its items strictly in order; the next waits until the previous has a definite answer. */
  private async runLine(lineId: string, summary: SendSummary, pass: { stop: boolean }): Promise<void> {
    let waitedFor: string | null = null;
    while (!pass.stop) {
      const head = reads(this.opts.db).lineHead.get(lineId);
      if (!head) return;
      if (waitedFor !== head.id) {
        const wait = head.next_attempt_at - this.opts.clock.now();
        if (wait > this.policy.maxWaitInPassMs) return;
        if (wait > 0) await this.opts.sleep(wait);
      }
      const d = await this.attempt(head, summary);
      if (d === null || d.to === 'acked' || d.to === 'rejected' || d.to === 'conflict') {
        waitedFor = null;
        continue;
      }
      if (d.stopPass) pass.stop = true;
      if (d.stopPass || d.delayMs > this.policy.maxWaitInPassMs) return;
      // Sleep the backoff here and go again without re-reading the clock (a test's fast sleep does not move it).
      await this.opts.sleep(d.delayMs);
      waitedFor = head.id;
    }
  }

  /** One try of one item. Returns null when the item was taken elsewhere (discarded, another process). */
  private async attempt(head: OutboxRow, summary: SendSummary): Promise<Decision | { to: 'acked' } | null> {
    const { db, clock } = this.opts;
    const wasUnknown = head.state !== 'queued';
    const claimed = writes(db).claim.run(clock.now(), head.id, head.state).changes;
    if (claimed === 0) return null;
    this.emit(head.id);
    const attempts = head.attempts + 1;
    let posted = false;
    try {
      // A damaged stored payload is the item's own problem (StoredJsonError, an AppError): refused locally and shown,
      // never retried for ever ahead of the order line's other actions (docs/architecture.md "Data").
      const action = rowAction(head, storedJson(head.payload_json, 'outbox', head.id, 'payload_json'));
      const body = head.request_json ?? (await this.freezeBody(head.id, action));
      posted = true;
      summary.sent++;
      const res = await this.opts.client.request('POST', actionPath(action.kind, head.order_line_id), {
        body: storedJson(body, 'outbox', head.id, 'request_json'),
        idempotencyKey: head.idempotency_key,
      });
      this.finish(head.id, { to: 'acked' }, (res.json as { orderLine?: unknown } | null)?.orderLine);
      summary.acked++;
      return { to: 'acked' };
    } catch (err) {
      const d = decide(err, {
        wasUnknown,
        posted,
        attempts,
        policy: this.policy,
        random: this.opts.random,
        now: clock.now(),
      });
      this.finish(head.id, d, d.to === 'conflict' ? d.orderLine : undefined);
      if (d.to === 'rejected') summary.rejected++;
      if (d.to === 'conflict') summary.conflict++;
      return d;
    }
  }

  /** Uploads the item's attachments (resuming), then freezes the exact body its key will always carry. */
  private async freezeBody(id: string, action: ActionPayload): Promise<string> {
    const ids = new Map<string, string>();
    for (const att of attachmentsOf(action)) {
      if (ids.has(att.sha256)) continue;
      const attachmentId = await uploadAttachment(
        {
          db: this.opts.db,
          client: this.opts.client,
          store: this.opts.store,
          clock: this.opts.clock,
          chunkSize: this.opts.uploadChunkSize,
          onProgress: (p) => this.opts.onChange?.({ type: 'progress', id, ...p }),
        },
        att.sha256,
        att.fileName,
      );
      ids.set(att.sha256, attachmentId);
    }
    const body = JSON.stringify(actionBody(action, ids));
    // A body frozen earlier stays: a key always carries the same request.
    const frozen = writes(this.opts.db).freeze.get(body, id);
    return (frozen === undefined ? getRow(this.opts.db, id)?.request_json : frozen) ?? body;
  }

  /**
   * Records the outcome in one transaction: the item's state, the order line the marketplace answered, the pending
   * mark.
   */
  private finish(id: string, d: Decision | { to: 'acked' }, answeredLine: unknown): void {
    const { db, clock } = this.opts;
    const now = clock.now();
    db.transaction(() => {
      const line = answeredLine === undefined ? null : wireOrderLine.safeParse(answeredLine);
      if (line?.success) upsertOrderLines(db, [line.data]);
      if (d.to === 'acked') {
        // A 200 is definite even if its orderLine is unreadable: the next pull brings the state.
        const note =
          line && !line.success
            ? JSON.stringify({ at: now, kind: 'parse', message: 'applied; the answered order line could not be read' })
            : null;
        writes(db).ack.run(now, now, note, id);
      } else {
        const retry = d.to === 'unknown' || d.to === 'queued';
        writes(db).outcome.run(d.to, JSON.stringify(d.error), retry ? now + d.delayMs : now, now, id);
      }
      if (d.to === 'acked' || d.to === 'rejected' || d.to === 'conflict') writes(db).deletePending.run(id);
      logEvent(
        db,
        id,
        now,
        d.to,
        d.to === 'acked' ? undefined : { error: d.error, ...('delayMs' in d ? { delayMs: d.delayMs } : {}) },
      );
    })();
    this.emit(id);
  }

  private emit(id: string): void {
    if (!this.opts.onChange) return;
    const row = getRow(this.opts.db, id);
    if (row) this.opts.onChange({ type: 'state', item: rowToItem(row) });
  }
}
