// `GET /sim/v1/state`: everything the simulator holds, for assertions. `?orderLineId=X` narrows it to one line;
// `?lines=0` leaves the lines out (and they are left out by default above 50,000 lines unless `?lines=1`).
import { isoFromMs } from '../common/domain/time';
import { accountWire, getAccount } from './account';
import { billsState } from './bills';
import { listProducts } from './catalog-store';
import type { SimContext } from './context';
import { notFound, ok } from './responses';
import type { Route } from './router';

const LINES_BY_DEFAULT_UP_TO = 50_000;

export function stateRoute(ctx: SimContext): Route {
  return {
    method: 'GET',
    path: '/sim/v1/state',
    handler: (req) => {
      const { store } = ctx;
      const common = {
        now: ctx.clock.now(),
        nowIso: isoFromMs(ctx.clock.now()),
        sellers: [...ctx.sellers.values()].map((s) => ({ sellerId: s.sellerId, sellerName: s.sellerName, ak: s.ak })),
        requests: ctx.counters.snapshot(),
        faults: ctx.faults.list(),
        feed: { lastSeq: store.lastSeq, epoch: ctx.epoch },
      };
      const one = req.query.get('orderLineId');
      if (one) {
        const stored = store.getLine(one);
        if (!stored) throw notFound(`no such order line: ${one}`);
        return ok({
          ...common,
          orderLines: [stored.line],
          actions: store.actions(one),
          deliveries: deliveries(ctx, one),
        });
      }
      const count = store.countLines();
      const wantLines = req.query.get('lines');
      const includeLines = wantLines === '1' || (wantLines !== '0' && count <= LINES_BY_DEFAULT_UP_TO);
      const scalar = (sql: string): number => (store.db.prepare(sql).pluck().get() as number) ?? 0;
      return ok({
        ...common,
        counts: {
          orderLines: count,
          attachments: scalar('SELECT count(*) FROM attachments'),
          bills: scalar('SELECT count(*) FROM bills'),
          idempotencyKeys: scalar('SELECT count(*) FROM idempotency'),
          uploads: scalar('SELECT count(*) FROM uploads'),
        },
        products: listProducts(store),
        accounts: [...ctx.sellers.values()].map((s) => accountWire(s, getAccount(store, s.sellerId))),
        bills: billsState(store),
        usage: store.db
          .prepare(
            'SELECT order_line_id AS orderLineId, at, amount_minor AS amountMinor FROM usage_records ORDER BY at, id',
          )
          .all(),
        orderLines: includeLines ? store.allLines() : undefined,
        actions: store.actions(),
        deliveries: deliveries(ctx),
        attachments: store.db
          .prepare(
            'SELECT attachment_id AS attachmentId, seller_id AS sellerId, file_name AS fileName, content_type AS contentType, size, sha256 FROM attachments ORDER BY created_at, attachment_id',
          )
          .all(),
        uploads: store.db
          .prepare(
            'SELECT upload_id AS uploadId, seller_id AS sellerId, file_name AS fileName, size, sha256, received, attachment_id AS attachmentId FROM uploads ORDER BY created_at',
          )
          .all(),
      });
    },
  };
}

/** Every delivery the seller submitted through the API (exactly-once checks count these per line). */
function deliveries(ctx: SimContext, orderLineId?: string): unknown[] {
  return ctx.store
    .actions(orderLineId)
    .filter((a) => a.kind === 'deliveries')
    .map((a) => ({ orderLineId: a.orderLineId, at: a.at, idempotencyKey: a.idempotencyKey, ...(a.detail as object) }));
}
