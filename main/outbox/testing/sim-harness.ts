// Test support for the outbox's evidence tests: a simulator on port 0, a temp database and
// attachment store, a counting marketplace client, lines created on the simulator and cached locally, and the
// simulator's view of what was applied.
import { randomBytes } from 'node:crypto';
import type { Stage, WireOrderLine } from '../../../common/marketplace/wire';
import { startSimulator, type Simulator } from '../../../marketplace-sim/index';
import { control } from '../../../marketplace-sim/test-client';
import { upsertOrderLines } from '../../orders/order-lines';
import type { Requester } from '../../files/upload';
import { MarketplaceClient, type RawResponse, type RequestOptions } from '../../sync/client';
import { MarketplaceError } from '../../sync/errors';
import { testEnv, type TestEnv } from './fixtures';

// Jitter for the sender's backoff; declared once in test-fixtures.ts (the proof-draft tests use it too).
export { seededRandom } from './fixtures';

export interface SentRequest {
  method: string;
  path: string;
  status: number | 'error';
  bodyBytes: number;
  headers: Record<string, string>;
}

/** Wraps a client and records every request it makes (and how it ended). */
export class CountingClient implements Requester {
  readonly log: SentRequest[] = [];
  /** Runs before a request is forwarded (a test installs a fault for exactly that request). */
  before: ((method: string, path: string, opts: RequestOptions) => Promise<void>) | null = null;

  constructor(readonly inner: MarketplaceClient) {}

  async request(method: string, path: string, opts: RequestOptions = {}): Promise<RawResponse> {
    if (this.before) await this.before(method, path, opts);
    const entry: SentRequest = {
      method,
      path,
      status: 'error',
      bodyBytes: opts.body instanceof Uint8Array ? opts.body.length : 0,
      headers: { ...(opts.headers ?? {}) },
    };
    this.log.push(entry);
    try {
      const res = await this.inner.request(method, path, opts);
      entry.status = res.status;
      return res;
    } catch (err) {
      if (err instanceof MarketplaceError && err.status !== undefined) entry.status = err.status;
      throw err;
    }
  }
}

export interface SimAction {
  id: number;
  actor: string;
  kind: string;
  orderLineId: string | null;
  idempotencyKey: string | null;
  detail: unknown;
}

export interface Harness {
  sim: Simulator;
  env: TestEnv;
  client: CountingClient;
  clock: { now(): number };
  /** Creates lines on the simulator (partials as its control API takes them) and caches them locally. */
  createLines(partials: Array<Record<string, unknown>>): Promise<WireOrderLine[]>;
  /** Lines in a stage, optionally with a pending unsubscription. */
  linesIn(stage: Stage, n: number, opts?: { unsubscription?: boolean }): Promise<WireOrderLine[]>;
  control(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  faults(rules: Array<Record<string, unknown>>, append?: boolean): Promise<void>;
  clearFaults(): Promise<Array<Record<string, unknown> & { applied: number }>>;
  /** Seller actions the simulator applied (actor seller), optionally for one line. */
  sellerActions(orderLineId?: string): Promise<SimAction[]>;
  simLine(orderLineId: string): Promise<WireOrderLine>;
  close(): Promise<void>;
}

export async function startHarness(
  opts: { clientClock?: { now(): number }; timeoutMs?: number } = {},
): Promise<Harness> {
  const sim = await startSimulator({ port: 0, orders: 0, seed: 7, quiet: true });
  const clock = opts.clientClock ?? { now: () => Date.now() };
  const env = testEnv(clock);
  const inner = new MarketplaceClient({
    baseUrl: sim.url,
    credentials: () => sim.credentials,
    clock,
    timeoutMs: opts.timeoutMs ?? 10_000,
  });
  const client = new CountingClient(inner);
  const ctl = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const a = await control(sim, method, path, body);
    if (a.status !== 200 || !a.json)
      throw new Error(`control ${method} ${path} answered ${a.status}: ${a.text.slice(0, 500)}`);
    return a.json;
  };
  let serial = 0;
  const createLines = async (partials: Array<Record<string, unknown>>): Promise<WireOrderLine[]> => {
    const created: WireOrderLine[] = [];
    for (let i = 0; i < partials.length; i += 500) {
      const res = await ctl('POST', '/sim/v1/order-lines', { lines: partials.slice(i, i + 500) });
      created.push(...(res.orderLines as WireOrderLine[]));
    }
    upsertOrderLines(env.db, created);
    return created;
  };
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const harness: Harness = {
    sim,
    env,
    client,
    clock,
    createLines,
    async linesIn(stage, n, o = {}) {
      const partials = Array.from({ length: n }, () => {
        const id = `CS${tag}${String(++serial).padStart(6, '0')}`;
        return { orderId: id, orderLineId: `${id}-000001`, supervision: { process: 'REQUEST_FIRST', stage } };
      });
      let lines = await createLines(partials);
      if (o.unsubscription) {
        lines = [];
        for (const p of partials) {
          const res = await ctl('POST', `/sim/v1/order-lines/${p.orderLineId}/customer/unsubscribe`, {
            amount: '1.00',
            reason: 'budget cut',
          });
          lines.push(res.orderLine as WireOrderLine);
        }
        upsertOrderLines(env.db, lines);
      }
      return lines;
    },
    control: ctl,
    async faults(rules, append = false) {
      await ctl('POST', '/sim/v1/faults', { rules, append });
    },
    async clearFaults() {
      const before = (await ctl('GET', '/sim/v1/faults')).rules as Array<Record<string, unknown> & { applied: number }>;
      await ctl('DELETE', '/sim/v1/faults');
      return before;
    },
    async sellerActions(orderLineId) {
      const state = await ctl(
        'GET',
        `/sim/v1/state${orderLineId ? `?orderLineId=${encodeURIComponent(orderLineId)}` : '?lines=0'}`,
      );
      return (state.actions as SimAction[]).filter((a) => a.actor === 'seller');
    },
    async simLine(orderLineId) {
      const state = await ctl('GET', `/sim/v1/state?orderLineId=${encodeURIComponent(orderLineId)}`);
      return (state.orderLines as WireOrderLine[])[0];
    },
    async close() {
      env.close();
      await sim.close();
    },
  };
  return harness;
}

/** A sleep that does not wait (the tests' "fast sleep"); it records what the sender asked for. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms: number) => {
      waits.push(ms);
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}
