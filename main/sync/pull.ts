// Pull sync (issue 2 item 7, docs/marketplace-api.md "Feeds"): order lines by cursor, then the delivery templates
// they refer to. Each page and its cursor are stored in one transaction, so a crash between pages loses nothing.
import type { SyncProgress } from '../../common/api/types';
import { orderLine, type FeedPage, type WireOrderLine } from '../../common/marketplace/wire';
import type { Db } from '../db/connection';
import { upsertOrderLines, type ReceivedOrderLine } from '../db/order-lines';
import { getCursor, recordReject, setCursor } from '../db/sync-state';
import { noteTemplateRefs, saveTemplate, templatesToFetch } from '../db/templates';
import type { Clock, MarketplaceClient } from './client';
import { MarketplaceError } from './errors';
import { classify, PULL_POLICY, realSleep, withRetry, type RetryPolicy } from './retry';

export const ORDER_LINES_FEED = 'order-lines';
const ACCOUNT_PATH = '/api/seller-sync/v1/account';
/** A feed that expires again while we restart it is broken; give up rather than loop. */
const MAX_RESTARTS = 2;

export interface PullResult {
  pages: number;
  lines: number;
  skipped: number;
  restarted: boolean;
}

export interface TemplatesResult {
  fetched: number;
  notModified: number;
  /** Products whose template the marketplace refused definitively (e.g. 404); retried next run. */
  failed: number;
}

export interface SyncEngineDeps {
  db: Db;
  client: MarketplaceClient;
  clock: Clock;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  pageSize?: number;
  onProgress?: (p: SyncProgress) => void;
  policy?: RetryPolicy;
  /** The parsed lines of each feed page, just before the page is stored (notifications compare them with the cache). */
  onPage?: (lines: readonly WireOrderLine[]) => void;
}

type ProgressSink = (p: SyncProgress) => void;

export class SyncEngine {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly pageSize: number;
  private readonly policy: RetryPolicy;

  constructor(private readonly deps: SyncEngineDeps) {
    this.sleep = deps.sleep ?? realSleep;
    this.random = deps.random ?? Math.random;
    this.pageSize = Math.min(500, Math.max(1, deps.pageSize ?? 500)); // docs/marketplace-api.md: limit 1–500; fewer round trips
    this.policy = deps.policy ?? PULL_POLICY;
  }

  get client(): MarketplaceClient {
    return this.deps.client;
  }

  async runOnce(opts: { onProgress?: ProgressSink } = {}): Promise<{ orders: PullResult; templates: TemplatesResult }> {
    let last: SyncProgress = { phase: 'orders', pages: 0, lines: 0, percent: null };
    const sink = this.sink(opts.onProgress);
    const emit: ProgressSink = (p) => {
      last = p;
      sink(p);
    };
    try {
      const orders = await this.pullOrderLines({ onProgress: emit });
      const templates = await this.pullTemplates({ onProgress: emit, after: orders });
      emit({ phase: 'done', pages: orders.pages, lines: orders.lines, percent: 100 });
      return { orders, templates };
    } catch (err) {
      emit({ ...last, phase: 'error', percent: null });
      throw err;
    }
  }

  async pullOrderLines(opts: { onProgress?: ProgressSink } = {}): Promise<PullResult> {
    const { db, clock } = this.deps;
    const emit = opts.onProgress ?? this.sink();
    const result: PullResult = { pages: 0, lines: 0, skipped: 0, restarted: false };
    let cursor = getCursor(db, ORDER_LINES_FEED);
    let restarts = 0;
    emit({ phase: 'orders', pages: 0, lines: 0, percent: null });
    for (;;) {
      let page: FeedPage;
      try {
        page = await this.retrying(() => this.deps.client.getOrderLinesPage(cursor, this.pageSize));
      } catch (err) {
        // docs/marketplace-api.md: 410 MKT.2410 → restart that feed from the beginning. Local rows stay; versions dedupe.
        if (classify(err) === 'restart-feed' && cursor !== null && restarts < MAX_RESTARTS) {
          restarts++;
          result.restarted = true;
          setCursor(db, ORDER_LINES_FEED, null, clock.now());
          cursor = null;
          continue;
        }
        throw err;
      }
      // A feed that says "more" but does not move would loop forever.
      if (page.hasMore && (!page.nextCursor || (page.nextCursor === cursor && page.items.length === 0))) {
        throw new MarketplaceError({ kind: 'parse', message: 'the order-lines feed said hasMore without moving its cursor', body: page });
      }
      const { good, bad } = splitItems(page.items);
      this.deps.onPage?.(good.map((g) => g.line));
      const at = clock.now();
      // One transaction per page: the lines, their rejects and the cursor after them (never await inside).
      db.transaction(() => {
        if (good.length > 0) upsertOrderLines(db, good);
        noteTemplateRefs(db, good.map((g) => g.line));
        for (const b of bad) recordReject(db, ORDER_LINES_FEED, b.item, b.error, at);
        // The last page may carry no cursor; keep the one that fetched it so the next run asks from there.
        setCursor(db, ORDER_LINES_FEED, page.nextCursor ?? cursor, at);
      })();
      result.pages++;
      result.lines += good.length;
      result.skipped += bad.length;
      emit({ phase: 'orders', pages: result.pages, lines: result.lines, percent: page.hasMore ? null : 100 });
      if (!page.hasMore) return result;
      cursor = page.nextCursor;
    }
  }

  /** Fetches the templates order lines refer to but the cache lacks (If-None-Match with the cached ETag). */
  async pullTemplates(opts: { onProgress?: ProgressSink; after?: PullResult } = {}): Promise<TemplatesResult> {
    const { db, clock, client } = this.deps;
    const emit = opts.onProgress ?? this.sink();
    const todo = templatesToFetch(db);
    const out: TemplatesResult = { fetched: 0, notModified: 0, failed: 0 };
    const base = { pages: opts.after?.pages ?? 0, lines: opts.after?.lines ?? 0 };
    for (let i = 0; i < todo.length; i++) {
      emit({ phase: 'templates', ...base, percent: Math.floor((i * 100) / todo.length) });
      const want = todo[i];
      try {
        const answer = await this.retrying(() => client.getDeliveryTemplate(want.productId, want.etag));
        if (answer.notModified) {
          out.notModified++;
          continue;
        }
        if (answer.template.productId !== want.productId) {
          throw new MarketplaceError({ kind: 'parse', message: `template for ${want.productId} names ${answer.template.productId}`, body: answer.raw });
        }
        saveTemplate(db, { template: answer.template, etag: answer.etag, raw: answer.raw, fetchedAt: clock.now() });
        out.fetched++;
      } catch (err) {
        // A definite refusal for one product must not stop the others; offline/auth end the run.
        if (classify(err) !== 'fatal') throw err;
        out.failed++;
      }
    }
    return out;
  }

  /** A cheap reachability check: true when the marketplace answered at all (even with an error status). */
  async probe(): Promise<boolean> {
    try {
      await this.deps.client.request('GET', ACCOUNT_PATH);
      return true;
    } catch (err) {
      return !(err instanceof MarketplaceError && (err.kind === 'network' || err.kind === 'timeout'));
    }
  }

  private retrying<T>(fn: () => Promise<T>): Promise<T> {
    return withRetry(fn, { policy: this.policy, clock: this.deps.clock, sleep: this.sleep, random: this.random });
  }

  private sink(extra?: ProgressSink): ProgressSink {
    const own = this.deps.onProgress;
    return (p) => {
      own?.(p);
      extra?.(p);
    };
  }
}

/** Each item is parsed on its own: a malformed one is reported and skipped, never fatal to the page. */
function splitItems(items: readonly unknown[]): { good: ReceivedOrderLine[]; bad: Array<{ item: unknown; error: string }> } {
  const good: ReceivedOrderLine[] = [];
  const bad: Array<{ item: unknown; error: string }> = [];
  for (const item of items) {
    const r = orderLine.safeParse(item);
    if (r.success) {
      // The raw JSON keeps fields this version does not know (the schema drops them) — docs/architecture.md "Data".
      good.push({ line: r.data, rawJson: JSON.stringify(item) });
    } else {
      bad.push({ item, error: r.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`).join('; ') });
    }
  }
  return { good, bad };
}
