// Notifications: a new customer request, a returned delivery, a resolved appeal, an unsubscription
// request. Found by comparing an order line as cached BEFORE a pull stores its new version with that new version;
// emitted as a typed `notification` event once the pull has stored it. Only lines already known are compared, so the
// first sync of a cache (or a new line) never floods the user.
import type { AppNotification, NotificationKind } from '../../common/api/contract-outbox';
import type { WireOrderLine } from '../../common/marketplace/wire';
import type { Db } from '../db/connection';
import { getOrderLine } from '../orders/order-lines';
import { perDb } from '../db/statement-cache';

/** The few fields the rules below read. */
interface Facts {
  orderLineId: string;
  orderId: string;
  productName: string;
  version: number;
  stage: string | null;
  appealOpen: boolean;
  requestId: string | null;
  deliveryRejections: number;
  unsubscriptionId: string | null;
  unsubscriptionPending: boolean;
}

export function factsOfLine(line: WireOrderLine): Facts {
  const sup = line.supervision;
  return {
    orderLineId: line.orderLineId,
    orderId: line.orderId,
    productName: line.productName,
    version: line.version,
    stage: sup?.stage ?? null,
    appealOpen: sup?.appealOpen ?? false,
    requestId: sup?.request?.requestId ?? null,
    deliveryRejections: sup?.deliveryRejections ?? 0,
    unsubscriptionId: sup?.unsubscription?.requestId ?? null,
    unsubscriptionPending: sup?.unsubscription?.status === 'pending',
  };
}

/** What the customer or the marketplace did between two versions of one order line (S2, S5a, S5b, S5c). */
export function detectNotifications(before: Facts, after: Facts): NotificationKind[] {
  const kinds: NotificationKind[] = [];
  // S1/S2: submitted (or resubmitted after a return) — the stage becomes request_pending, or a new request replaces
  // one.
  if (
    after.stage === 'request_pending' &&
    (before.stage !== 'request_pending' || (after.requestId !== null && after.requestId !== before.requestId))
  ) {
    kinds.push('request_submitted');
  }
  // S2/S5b (decided here): the customer returned the delivery.
  if (
    after.stage === 'delivery_returned' &&
    (before.stage !== 'delivery_returned' || after.deliveryRejections > before.deliveryRejections)
  ) {
    kinds.push('delivery_returned');
  }
  // S5a: the marketplace resolved the appeal; the flow resumes.
  if (before.appealOpen && !after.appealOpen) kinds.push('appeal_resolved');
  // S5c: a negotiated unsubscription waits for the seller's review.
  if (
    after.unsubscriptionPending &&
    (!before.unsubscriptionPending || after.unsubscriptionId !== before.unsubscriptionId)
  ) {
    kinds.push('unsubscription_requested');
  }
  return kinds;
}

const statements = perDb((db) => ({
  versions: db.prepare<[string], { order_line_id: string; version: number }>(
    'SELECT order_line_id, version FROM order_lines WHERE order_line_id IN (SELECT value FROM json_each(?))',
  ),
  version: db.prepare<[string], number>('SELECT version FROM order_lines WHERE order_line_id = ?').pluck(),
}));

export interface NotifierDeps {
  db: Db;
  clock: { now(): number };
  emit(n: AppNotification): void;
  /** At most this many notifications per flush (a pull after days offline must not bury the user); default 20. */
  maxPerFlush?: number;
}

export class OrderNotifier {
  /** Seen, not yet emitted: key kind/orderLineId → the notification and the version that must be stored first. */
  private readonly pending = new Map<string, { n: AppNotification; version: number }>();

  constructor(private readonly deps: NotifierDeps) {}

  /** A feed page was parsed and is about to be stored: compare each known line with its cached version. */
  observe(lines: readonly WireOrderLine[]): void {
    const facts = lines.map(factsOfLine);
    if (facts.length === 0) return;
    const { db } = this.deps;
    // One indexed lookup per page; only lines that are known AND newer are read in full (a feed restart is cheap).
    const stored = new Map(
      statements(db)
        .versions.all(JSON.stringify(facts.map((f) => f.orderLineId)))
        .map((r) => [r.order_line_id, r.version]),
    );
    for (const after of facts) {
      const version = stored.get(after.orderLineId);
      if (version === undefined || after.version <= version) continue;
      const cached = getOrderLine(db, after.orderLineId);
      if (!cached) continue;
      for (const kind of detectNotifications(factsOfLine(cached.line), after)) {
        const n: AppNotification = {
          kind,
          orderLineId: after.orderLineId,
          orderId: after.orderId,
          productName: after.productName,
          at: this.deps.clock.now(),
        };
        this.pending.set(`${kind}/${after.orderLineId}`, { n, version: after.version });
      }
    }
  }

  /** After a pull: emits what was stored (a page whose transaction failed is not announced). Returns how many. */
  flush(): number {
    const max = this.deps.maxPerFlush ?? 20;
    let sent = 0;
    for (const [key, { n, version }] of this.pending) {
      const now = statements(this.deps.db).version.get(n.orderLineId);
      if (now === undefined || now < version) continue; // not stored (yet): the next pull sees it again
      this.pending.delete(key);
      if (sent < max) {
        this.deps.emit(n);
        sent++;
      }
    }
    return sent;
  }
}
