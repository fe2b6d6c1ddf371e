// Development probe: time one query's steps on an existing cache file.
import Database from 'better-sqlite3';
import { orderQuery } from '../common/api/contract';
import { runOrderQuery } from '../main/db/order-query';
import { resolveTerm, searchTerms } from '../main/db/order-search';

const db = new Database(process.argv[2]);
db.pragma('cache_size = -65536');
const q = orderQuery.parse(JSON.parse(process.argv[3]));
const ctx = { now: Date.UTC(2025, 6, 1), waitingThresholdDays: 5 };
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  const ms = searchTerms(q).map((x) => resolveTerm(db, x));
  const tr = performance.now() - t;
  t = performance.now();
  const page = runOrderQuery(db, q, ctx);
  const tq = performance.now() - t;
  const plans: Record<string, number> = {};
  for (const plan of ['walk', 'gather', 'fts-walk'] as const) {
    t = performance.now();
    runOrderQuery(db, q, ctx, { plan });
    plans[plan] = Number((performance.now() - t).toFixed(2));
  }
  console.log({ resolve: tr.toFixed(2), query: tq.toFixed(2), total: page.total, plans, m: ms.map((m) => [m.orderNo, m.orderNoLines, m.productLines, m.customerLines]) });
}
