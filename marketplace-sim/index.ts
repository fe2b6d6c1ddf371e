// The marketplace simulator: docs/marketplace-api.md over real HTTP on 127.0.0.1, its own SQLite,
// a deterministic demo seed, the control API and fault injection. `startSimulator()` is its whole public API.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { MARKET_ZONE } from '../common/domain/time';
import type { Seller } from './auth';
import type { SimContext } from './context';
import { controlRoutes } from './control';
import { createCounters } from './counters';
import { createFaultEngine } from './faults';
import { openApiRoutes } from './openapi';
import { createSampleFiles } from './sample-files';
import { sellerActionRoutes } from './seller-actions';
import { sellerReadRoutes } from './seller-routes';
import { generateInto, seedProducts } from './seeding';
import { MAX_BILLED_SEED_LINES, refundReserve, seedBills } from './seed-bills';
import { createSimServer } from './server';
import { createSimClock, type SimClock } from './sim-clock';
import { SimStore } from './store';
import { createIdempotencyGate } from './idempotency';
import { uploadRoutes } from './uploads';

export interface SimOptions {
  port?: number; // default 0 (random); always binds 127.0.0.1
  dbPath?: string; // default ':memory:'
  seed?: number; // default 1
  orders?: number; // demo order lines to generate at start; default 300; 0 = none
  bills?: number; // months of settlement bills the start-up seed produces (B1–B5); default 12; 0 = none (none above 20,000 orders)
  now?: number; // initial simulated clock (UTC ms); default Date.now()
  token?: string; // X-Sim-Token for /sim/v1; default random hex
  sellers?: Array<{ ak: string; sk: string; sellerId: string; sellerName: string }>; // default one: AKTESTSELLER0001 / sk-test-0123456789abcdef
  quiet?: boolean;
}

export interface Simulator {
  url: string; // http://127.0.0.1:PORT
  port: number;
  token: string;
  credentials: { ak: string; sk: string }; // the first seller's
  clock: { now(): number; set(ms: number): void; advance(ms: number): void };
  close(): Promise<void>;
}

export const DEFAULT_SELLER: Seller = {
  ak: 'AKTESTSELLER0001',
  sk: 'sk-test-0123456789abcdef',
  sellerId: 'SELLER0001',
  sellerName: '示例服务商 / Demo Services Co., Ltd.',
};

/**
 * The instant demo data is generated "as of": `now` when given, else the start of today at UTC+8 — so the demo
 * looks recent and is the same all day (the seed alone decides the rest).
 */
export function seedBase(options: Pick<SimOptions, 'now'>): number {
  return options.now ?? DateTime.now().setZone(MARKET_ZONE).startOf('day').toMillis();
}

export async function startSimulator(options: SimOptions = {}): Promise<Simulator> {
  const sellers = options.sellers && options.sellers.length > 0 ? options.sellers : [DEFAULT_SELLER];
  const seed = options.seed ?? 1;
  const log = (m: string): void => {
    if (!options.quiet) process.stderr.write(`marketplace-sim: ${m}\n`);
  };
  const store = SimStore.open(options.dbPath ?? ':memory:');
  try {
    const clock: SimClock = createSimClock(options.now ?? Date.now(), (now) => store.settleDue(now));
    const files = createSampleFiles();
    const base = seedBase(options);
    const billMonths = options.bills ?? 12;
    if (store.meta('seeded') === null) {
      seedProducts(store);
      const orders = options.orders ?? 300;
      // The bill seed turns a few of the lines into refunds of earlier orders (B3), so `orders` stays the line count.
      const refunds = billMonths > 0 ? refundReserve(orders) : 0;
      if (orders > 0) {
        const r = generateInto(store, files, {
          seed,
          count: orders - refunds,
          baseMs: base,
          sellerId: sellers[0].sellerId,
        });
        log(`generated ${r.count} order lines (seed ${seed}) in ${Math.round(r.ms)} ms`);
      }
      if (orders > 0 && orders <= MAX_BILLED_SEED_LINES && billMonths > 0) {
        const b = seedBills(store, {
          seed,
          baseMs: base,
          sellerId: sellers[0].sellerId,
          months: billMonths,
          refunds,
          files,
        });
        log(
          `produced ${b.bills} bills over ${billMonths} months with ${b.refundLines} refunds in ${Math.round(b.ms)} ms`,
        );
      }
      store.setMeta('seeded', String(seed));
      store.setMeta('bills_seeded', String(billMonths));
    } else if (store.meta('bills_seeded') === null) {
      // A database seeded before bills existed: its twelve months of bills (and their refunds) are added once.
      const lines = store.countLines();
      if (lines > 0 && lines <= MAX_BILLED_SEED_LINES && billMonths > 0)
        seedBills(store, {
          seed,
          baseMs: base,
          sellerId: sellers[0].sellerId,
          months: billMonths,
          refunds: refundReserve(lines),
        });
      store.setMeta('bills_seeded', String(billMonths));
    }
    store.settleDue(clock.now());
    const ctx: SimContext = {
      store,
      clock,
      sellers: new Map(sellers.map((s) => [s.ak, s])),
      files,
      faults: createFaultEngine(seed),
      counters: createCounters(),
      token: options.token ?? randomBytes(16).toString('hex'),
      seed,
      epoch: store.meta('epoch') ?? '00000000',
      newId: (prefix) => `${prefix}-${randomBytes(8).toString('hex')}`,
      log,
    };
    const actions = sellerActionRoutes(ctx);
    const server = createSimServer(ctx, {
      api: [...sellerReadRoutes(ctx), ...openApiRoutes(ctx), ...actions, ...uploadRoutes(ctx)],
      sim: controlRoutes(ctx),
      idempotent: new Set(actions),
      idempotency: createIdempotencyGate(ctx),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    let closed: Promise<void> | null = null;
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      token: ctx.token,
      credentials: { ak: sellers[0].ak, sk: sellers[0].sk },
      clock,
      close: () =>
        (closed ??= new Promise<void>((resolve) => {
          server.close(() => {
            store.close();
            resolve();
          });
          server.closeAllConnections();
        })),
    };
  } catch (err) {
    store.close();
    throw err;
  }
}
