// The deterministic demo seed: order lines covering every stage (S2), both processes either side of the S1 cutover,
// renewals and pay-per-use lines (S6), CNY and USD. Histories are played through transitions.ts, so every
// generated line is one the marketplace itself could have produced. Same (seed, base, start) → same lines.
import { REQUEST_FIRST_CUTOVER_MS } from '../common/domain/supervision';
import { DAY_MS, isoFromMs } from '../common/domain/time';
import { moneyToWire } from '../common/domain/money';
import type { Stage, SupervisionProcess, WireTemplateItem } from '../common/marketplace/wire';
import { CUSTOMERS, PRODUCTS, priceIn, templateOf, type DemoCustomer, type Product } from './catalog';
import { createPrng, hashSeed, type Prng } from './prng';
import type { SampleFiles } from './sample-files';
import { emptyLine, orderIdFor } from './seed-ids';
import { historyFor, type Target } from './seed-history';
import { markCompleted, COMPLETE_AFTER_ACCEPT_MS, type OrderLine, type TransitionContext } from './transitions';
import { addPeriods } from './validity';

export interface GenerateOptions {
  seed: number;
  /** Order lines to produce. */
  count: number;
  /** The instant the data is "as of" (the simulator's clock at generation). */
  baseMs: number;
  /** Index of the first order (keeps ids unique across several generate calls). */
  startIndex: number;
  files: SampleFiles;
  /** Advanced past every order index used, so the next call can continue from it. */
  cursor?: { orderIndex: number };
}

const HOUR = 3_600_000;

/**
 * The first lines walk this list so even a small seed shows every case; the rest are drawn by weight.
 * Completed lines come before the renewal so it has a line to renew (S6).
 */
const COVERAGE: Target[] = [
  { kind: 'supervised', process: 'REQUEST_FIRST', stage: 'awaiting_request' },
  { kind: 'supervised', process: 'REQUEST_FIRST', stage: 'request_pending' },
  { kind: 'supervised', process: 'REQUEST_FIRST', stage: 'request_returned' },
  { kind: 'supervised', process: 'REQUEST_FIRST', stage: 'awaiting_delivery' },
  { kind: 'supervised', process: 'REQUEST_FIRST', stage: 'delivery_returned' },
  { kind: 'supervised', process: 'REQUEST_FIRST', stage: 'awaiting_acceptance' },
  { kind: 'supervised', process: 'REQUEST_FIRST', stage: 'awaiting_acceptance', longWait: true },
  { kind: 'supervised', process: 'REQUEST_FIRST', stage: 'completed', periodic: true },
  { kind: 'supervised', process: 'REQUEST_FIRST', stage: 'closed' },
  { kind: 'supervised', process: 'LEGACY', stage: 'awaiting_delivery' },
  { kind: 'supervised', process: 'LEGACY', stage: 'delivery_returned' },
  { kind: 'supervised', process: 'LEGACY', stage: 'awaiting_acceptance', longWait: true },
  { kind: 'supervised', process: 'LEGACY', stage: 'completed', periodic: true },
  { kind: 'supervised', process: 'LEGACY', stage: 'closed' },
  { kind: 'renewal' },
  { kind: 'payPerUse' },
  { kind: 'supervised', process: 'REQUEST_FIRST', stage: 'awaiting_acceptance', longWait: true, appeal: true },
  { kind: 'supervised', process: 'REQUEST_FIRST', stage: 'awaiting_delivery', unsubscribe: true },
  { kind: 'supervised', process: 'REQUEST_FIRST', stage: 'completed', recentlyAccepted: true },
  { kind: 'supervised', process: 'LEGACY', stage: 'awaiting_acceptance', appeal: true },
  { kind: 'trial' },
];

const RF_STAGES: ReadonlyArray<readonly [Stage, number]> = [
  ['awaiting_request', 12],
  ['request_pending', 15],
  ['request_returned', 7],
  ['awaiting_delivery', 15],
  ['delivery_returned', 6],
  ['awaiting_acceptance', 17],
  ['completed', 21],
  ['closed', 7],
];
const LEGACY_STAGES: ReadonlyArray<readonly [Stage, number]> = [
  ['awaiting_delivery', 12],
  ['delivery_returned', 8],
  ['awaiting_acceptance', 25],
  ['completed', 45],
  ['closed', 10],
];
const OPEN = new Set<Stage>([
  'awaiting_request',
  'request_pending',
  'request_returned',
  'awaiting_delivery',
  'delivery_returned',
  'awaiting_acceptance',
]);

function drawTarget(prng: Prng, legacyPossible: boolean): Target {
  const kind = prng.weighted([
    ['supervised', 85],
    ['renewal', 6],
    ['payPerUse', 6],
    ['trial', 2],
    ['unpaid', 1],
  ] as const);
  if (kind !== 'supervised') return { kind };
  const process: SupervisionProcess = legacyPossible && prng.chance(0.22) ? 'LEGACY' : 'REQUEST_FIRST';
  const stage = prng.weighted(process === 'LEGACY' ? LEGACY_STAGES : RF_STAGES);
  const open = OPEN.has(stage);
  const longWait = stage === 'awaiting_acceptance' && prng.chance(process === 'LEGACY' ? 0.8 : 0.35);
  return {
    kind,
    process,
    stage,
    longWait,
    appeal: open && prng.chance(longWait ? 0.15 : 0.02),
    unsubscribe: open && prng.chance(0.03),
  };
}

interface Renewable {
  line: OrderLine;
  endMs: number;
}

/** Yields `count` order lines (multi-line orders share an order id); nothing is kept but a few renewable lines. */
export function* generateLines(opts: GenerateOptions): Generator<OrderLine> {
  const prng = createPrng(hashSeed('demo-seed', opts.seed, opts.startIndex));
  const rfMin = REQUEST_FIRST_CUTOVER_MS;
  const rfMax = Math.max(opts.baseMs - HOUR, rfMin + HOUR); // (only a base before the S1 cutover puts these after it)
  const legacyMax = Math.min(REQUEST_FIRST_CUTOVER_MS - HOUR, opts.baseMs - HOUR);
  const renewable: Renewable[] = [];
  const itemsByProduct = new Map<string, WireTemplateItem[]>(); // built once per product, not per line
  const templates = (p: Product): WireTemplateItem[] => {
    let items = itemsByProduct.get(p.productId);
    if (!items) itemsByProduct.set(p.productId, (items = templateOf(p).items));
    return items;
  };
  let produced = 0;
  let orderIndex = opts.startIndex;
  while (produced < opts.count) {
    let target = produced < COVERAGE.length && opts.startIndex === 0 ? COVERAGE[produced] : drawTarget(prng, true);
    const customer = produced < COVERAGE.length ? CUSTOMERS[(produced * 7) % CUSTOMERS.length] : prng.pick(CUSTOMERS);
    if (target.kind === 'renewal') {
      if (renewable.length > 0) {
        const line = renewal(
          prng,
          renewable,
          opts.baseMs,
          (placedMs) => `${orderIdFor(placedMs, orderIndex++, opts.seed)}-000001`,
        );
        if (opts.cursor) opts.cursor.orderIndex = orderIndex;
        produced++;
        yield line;
        continue;
      }
      target = { kind: 'supervised', process: 'REQUEST_FIRST', stage: 'completed', periodic: true }; // nothing to renew yet
    }
    const linesInOrder = target.kind === 'supervised' && prng.chance(0.1) ? 2 : 1;
    const placedMs = placement(prng, target, opts.baseMs, rfMin, rfMax, legacyMax);
    const orderId = orderIdFor(placedMs, orderIndex++, opts.seed);
    if (opts.cursor) opts.cursor.orderIndex = orderIndex;
    for (let n = 1; n <= linesInOrder && produced < opts.count; n++) {
      const lineId = `${orderId}-${String(n).padStart(6, '0')}`;
      const line = buildLine(
        createPrng(hashSeed(opts.seed, lineId)),
        opts,
        templates,
        target,
        customer,
        orderId,
        lineId,
        placedMs,
      );
      if (
        line.status === 'COMPLETED' &&
        line.supervision?.stage === 'completed' &&
        line.validity &&
        line.chargingMode === 'PERIOD'
      ) {
        renewable.push({ line, endMs: Date.parse(line.validity.end) });
        if (renewable.length > 32) renewable.shift();
      }
      produced++;
      yield line;
    }
  }
}

function placement(
  prng: Prng,
  target: Target,
  baseMs: number,
  rfMin: number,
  rfMax: number,
  legacyMax: number,
): number {
  const recentBias = (min: number, max: number): number => Math.floor(max - (max - min) * prng.next() ** 1.6);
  if (target.kind === 'supervised') {
    if (target.process === 'LEGACY') return roundSec(recentBias(REQUEST_FIRST_CUTOVER_MS - 300 * DAY_MS, legacyMax));
    // A long wait for acceptance (S5, > 5 days) needs an order placed well before it.
    const max = target.longWait ? Math.max(rfMin + DAY_MS, rfMax - 8 * DAY_MS) : rfMax;
    return roundSec(recentBias(Math.max(rfMin, max - 240 * DAY_MS), max));
  }
  return roundSec(recentBias(baseMs - 365 * DAY_MS, baseMs - 10 * 60_000));
}

const roundSec = (ms: number): number => Math.floor(ms / 1000) * 1000;

function pickProduct(prng: Prng, target: Target): Product {
  const periodic = target.kind === 'trial' || (target.kind === 'supervised' && target.periodic === true);
  const wanted = PRODUCTS.filter((p) =>
    target.kind === 'payPerUse'
      ? p.chargingMode === 'ON_DEMAND'
      : periodic
        ? p.chargingMode === 'PERIOD'
        : p.chargingMode !== 'ON_DEMAND',
  );
  return prng.pick(wanted);
}

function buildLine(
  prng: Prng,
  opts: GenerateOptions,
  templates: (p: Product) => WireTemplateItem[],
  target: Target,
  customer: DemoCustomer,
  orderId: string,
  lineId: string,
  placedMs: number,
): OrderLine {
  const product = pickProduct(prng, target);
  const line = emptyLine({ orderId, orderLineId: lineId, product, customer, placedMs });
  line.templateVersion = product.templateVersion;
  if (product.chargingMode === 'PERIOD') {
    const periodType = prng.pick(product.periodTypes);
    const n = periodType === 'year' ? prng.pick([1, 1, 2, 3]) : prng.pick([1, 1, 1, 3, 6, 12]);
    line.periodType = periodType;
    line.periodNumber = n;
    line.amount = moneyToWire(priceIn(customer.currency, product.priceCnyMinor) * (periodType === 'year' ? 10 * n : n));
  } else if (product.chargingMode === 'ONE_TIME') {
    line.amount = moneyToWire(
      Math.round((priceIn(customer.currency, product.priceCnyMinor) * (0.8 + prng.next() * 0.7)) / 100) * 100,
    );
  }
  if (target.kind !== 'supervised') return unsupervised(prng, line, target, product, customer, opts.baseMs);

  const steps = historyFor(prng, opts.files, target, line, templates(product));
  const times = stepTimes(prng, target, placedMs, opts.baseMs, steps.length);
  let seq = 0;
  const ctx: TransitionContext = { now: placedMs, newId: (prefix) => `${prefix}-${lineId}-${++seq}` };
  steps.forEach((step, i) => {
    ctx.now = times[i];
    step(ctx);
  });
  let last = times.length > 0 ? times[times.length - 1] : placedMs;
  let version = 1 + steps.length;
  const acceptedAt = line.supervision?.acceptedAt ? Date.parse(line.supervision.acceptedAt) : null;
  if (acceptedAt !== null && line.status === 'PROCESSING' && acceptedAt + COMPLETE_AFTER_ACCEPT_MS <= opts.baseMs) {
    last = acceptedAt + COMPLETE_AFTER_ACCEPT_MS; // O2a
    markCompleted(line, last);
    version++;
  }
  line.version = version;
  line.updateTime = isoFromMs(last);
  return line;
}

/** Step instants: open stages end a short (or, for long waits, > 5 days) while before the base; others run forward. */
function stepTimes(prng: Prng, target: Target, placedMs: number, baseMs: number, k: number): number[] {
  if (k === 0) return [];
  const gaps = Array.from({ length: k }, () => HOUR + Math.floor(prng.next() ** 2 * 5 * DAY_MS));
  const total = gaps.reduce((s, g) => s + g, 0);
  let end: number;
  if (target.kind === 'supervised' && target.recentlyAccepted) end = baseMs - prng.int(10, 150) * 60_000;
  else if (target.kind === 'supervised' && OPEN.has(target.stage))
    end = baseMs - (target.longWait ? 5.5 * DAY_MS + prng.next() * 30 * DAY_MS : 600_000 + prng.next() * 3 * DAY_MS);
  else end = Math.min(placedMs + total, baseMs - 600_000);
  // Never before the placement (a line placed minutes ago squeezes its moves in), never after the base.
  end = Math.min(baseMs - 60_000, Math.max(end, placedMs + (k + 1) * 60_000));
  const scale = Math.min(1, Math.max(0, end - placedMs - 60_000) / total);
  const times: number[] = [];
  let t = end;
  for (let i = k - 1; i >= 0; i--) {
    times[i] = roundSec(t);
    t -= Math.max(1000, gaps[i] * scale);
  }
  return times;
}

function unsupervised(
  prng: Prng,
  line: OrderLine,
  target: Target,
  product: Product,
  customer: DemoCustomer,
  baseMs: number,
): OrderLine {
  line.supervision = null; // S6 (and trials, pay-per-use and unpaid orders are never supervised here)
  line.templateVersion = null;
  const placed = Date.parse(line.createTime);
  if (target.kind === 'payPerUse') {
    line.periodType = null;
    line.periodNumber = null;
    line.amount = moneyToWire(prng.int(50, priceIn(customer.currency, product.priceCnyMinor) * 3));
    line.status = prng.chance(0.8) ? 'PROCESSING' : 'COMPLETED';
  } else if (target.kind === 'trial') {
    line.orderType = 'TRIAL';
    line.chargingMode = 'PERIOD';
    line.periodType = 'day';
    line.periodNumber = 7;
    line.amount = '0.00';
    line.status = 'COMPLETED';
    line.validity = { start: isoFromMs(placed), end: isoFromMs(addPeriods(placed, 'day', 7)) };
  } else {
    line.status = prng.chance(0.6) ? 'PENDING_PAYMENT' : 'CANCELED';
  }
  line.updateTime = isoFromMs(Math.min(baseMs, placed + prng.int(1, 120) * 60_000));
  return line;
}

/** S6: a renewal of a line whose supervision completed — RENEW, not supervised, validity continues the old one. */
function renewal(prng: Prng, pool: Renewable[], baseMs: number, lineIdFor: (placedMs: number) => string): OrderLine {
  const { line: old, endMs } = prng.pick(pool);
  const acceptedMs = Date.parse(old.supervision?.acceptedAt ?? old.createTime);
  const placed = roundSec(
    Math.max(acceptedMs + HOUR, Math.min(endMs - prng.int(1, 10) * DAY_MS, baseMs - prng.int(1, 120) * HOUR)),
  );
  const lineId = lineIdFor(placed);
  const periodType = old.periodType ?? 'month';
  const n = old.periodNumber ?? 1;
  return {
    ...old,
    orderId: lineId.replace(/-\d{6}$/, ''),
    orderLineId: lineId,
    orderType: 'RENEW',
    status: 'COMPLETED',
    createTime: isoFromMs(placed),
    renewsOrderLineId: old.orderLineId,
    templateVersion: null,
    supervision: null,
    validity: { start: isoFromMs(endMs), end: isoFromMs(addPeriods(endMs, periodType, n)) },
    version: 1,
    updateTime: isoFromMs(Math.min(baseMs, placed + 60_000)),
  };
}
