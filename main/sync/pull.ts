// Pull sync (docs/marketplace-api.md "Feeds"): order lines by cursor, then the delivery templates
// they refer to, then (when given) the bills feed and the account (docs/rules.md B5). Each page and its cursor are
// stored in one transaction, so a crash between pages loses nothing (feed.ts, shared by both feeds).
import type { SyncProgress } from '../../common/api/types';
import type { WireOrderLine } from '../../common/marketplace/wire';
import type { Db } from '../db/connection';
import { upsertOrderLines, type ReceivedOrderLine } from '../orders/order-lines';
import { finishStagedSync, stageOrderLines, stagesFirstSync } from '../orders/order-incoming';
import type { StagedLine } from '../orders/staged-line';
import { RECEIVED_LINES, STAGED_LINES } from './order-lines-page';
import { noteTemplateRefs, saveTemplate, templatesToFetch } from '../proofs/templates';
import type { Clock, MarketplaceClient } from './client';
import { MarketplaceError } from './errors';
import { pullCursorFeed, type CursorFeed, type FeedRunner, type PullResult } from './feed';
import type { PageReader } from './page-reader';
import { classify, PULL_POLICY, realSleep, withRetry, type RetryPolicy } from './retry';

export type { PullResult } from './feed';

export const ORDER_LINES_FEED = 'order-lines';
/** WAL pages between checkpoints while a first sync is staged and moved in: 256 MiB with 4 KiB pages. */
const STAGED_CHECKPOINT_PAGES = 65_536;
const ACCOUNT_PATH = '/api/seller-sync/v1/account';

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
  /**
   * The parsed lines of each feed page, just before the page is stored (notifications compare them with the cache;
   * not while a first sync is staged, when the cache is empty).
   */
  onPage?: (lines: readonly WireOrderLine[]) => void;
  /** Pulled in the same run after the order lines and templates: the bills feed and the account (docs/rules.md B5). */
  bills?: (run: ExtraPull) => Promise<ExtraPullResult>;
  /** Pages per feed per run (feed.ts MAX_PAGES_PER_RUN); lower in tests. */
  maxPagesPerRun?: number;
  /**
   * Reads order-line pages of a long feed (page-reader.ts: a worker thread in the app), from the page after the first
   * one that says there is more; default (and for a feed of one page) on the main thread.
   */
  pageReader?: PageReader;
}

type ProgressSink = (p: SyncProgress) => void;

/** What the bills pull of a run did (docs/rules.md B5). */
export interface ExtraPullResult {
  pages: number;
  /** Items new to the archive. */
  received: number;
  /** Items already stored exactly as received again (ignored). */
  duplicates: number;
  skipped: number;
  restarted: boolean;
}

/** What a pull that joins the run (the bills) gets: the shared cursor-feed loop, retries, progress. */
export interface ExtraPull {
  runner: FeedRunner;
  runFeed<T>(feed: CursorFeed<T>): Promise<PullResult>;
  retrying<R>(fn: () => Promise<R>): Promise<R>;
  /** Progress of this pull: the order-line counts of the run stay in pages/lines. */
  progress(p: { percent: number | null; bills: number }): void;
}

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

  async runOnce(
    opts: { onProgress?: ProgressSink } = {},
  ): Promise<{ orders: PullResult; templates: TemplatesResult; bills: ExtraPullResult | null }> {
    let last: SyncProgress = { phase: 'orders', pages: 0, lines: 0, percent: null };
    const sink = this.sink(opts.onProgress);
    const emit: ProgressSink = (p) => {
      last = p;
      sink(p);
    };
    try {
      const orders = await this.pullOrderLines({ onProgress: emit });
      const templates = await this.pullTemplates({ onProgress: emit, after: orders });
      const bills = this.deps.bills ? await this.deps.bills(this.extraPull(orders, emit)) : null;
      const skipped = orders.skipped + (bills?.skipped ?? 0);
      emit({
        phase: 'done',
        pages: orders.pages,
        lines: orders.lines,
        percent: 100,
        ...(bills ? { bills: bills.received } : {}),
        ...(skipped > 0 ? { skipped } : {}),
      });
      return { orders, templates, bills };
    } catch (err) {
      emit({ ...last, phase: 'error', percent: null });
      throw err;
    }
  }

  private feedRunner(): FeedRunner {
    return {
      db: this.deps.db,
      clock: this.deps.clock,
      pageSize: this.pageSize,
      retrying: (fn) => this.retrying(fn),
      sleep: this.sleep,
      maxPages: this.deps.maxPagesPerRun,
    };
  }

  private extraPull(orders: PullResult, emit: ProgressSink): ExtraPull {
    const runner = this.feedRunner();
    return {
      runner,
      runFeed: (feed) => pullCursorFeed(runner, feed),
      retrying: (fn) => this.retrying(fn),
      progress: (p) =>
        emit({ phase: 'bills', pages: orders.pages, lines: orders.lines, percent: p.percent, bills: p.bills }),
    };
  }

  async pullOrderLines(opts: { onProgress?: ProgressSink } = {}): Promise<PullResult> {
    const { db } = this.deps;
    const emit = opts.onProgress ?? this.sink();
    emit({ phase: 'orders', pages: 0, lines: 0, percent: null });
    // A first sync into an empty cache is staged and moved in at the end, with the indexes, counters and trigram
    // tables built once instead of per row (order-incoming.ts); later runs write row by row.
    const staged = stagesFirstSync(db);
    // The staged pages are written once more by the move: checkpointing every 4 MB (SQLite's default) would copy the
    // staging table's pages into the database file (and sync it) again and again while it grows, and the move and the
    // index builds after it likewise. A bounded WAL instead; the move's end checkpoints and empties it (order-bulk.ts).
    const autocheckpoint = staged ? (db.pragma('wal_autocheckpoint', { simple: true }) as number) : null;
    if (staged) db.pragma(`wal_autocheckpoint = ${STAGED_CHECKPOINT_PAGES}`);
    const { client } = this.deps;
    // A worker pays for itself on a long feed only (starting one costs a few hundred ms of CPU): the pages are read on
    // this thread until one says there is more, and by the page reader from the next page asked for.
    let pageReader: PageReader | undefined;
    const committed = (_good: readonly unknown[], r: Readonly<PullResult>, hasMore: boolean): void => {
      if (hasMore) pageReader = this.deps.pageReader;
      emit({ phase: 'orders', pages: r.pages, lines: r.lines, percent: hasMore ? null : 100 });
    };
    // Staged, each line is read straight into the row it stages (off the main thread with a page reader); nothing is
    // observed for notifications, which compare lines with the cache (empty until the move).
    const stagedFeed: CursorFeed<StagedLine> = {
      name: ORDER_LINES_FEED,
      fetchPage: (cursor, limit, onHead) => client.readOrderLinesPage(cursor, limit, STAGED_LINES, pageReader, onHead),
      store: (good) => {
        stageOrderLines(db, good);
        noteTemplateRefs(db, good);
      },
      committed,
    };
    const rowFeed: CursorFeed<ReceivedOrderLine> = {
      name: ORDER_LINES_FEED,
      fetchPage: (cursor, limit, onHead) =>
        client.readOrderLinesPage(cursor, limit, RECEIVED_LINES, pageReader, onHead),
      observe: (good) => this.deps.onPage?.(good.map((g) => g.line)),
      store: (good) => {
        if (good.length > 0) upsertOrderLines(db, good);
        noteTemplateRefs(
          db,
          good.map((g) => g.line),
        );
      },
      committed,
    };
    try {
      return staged
        ? await pullCursorFeed(this.feedRunner(), stagedFeed)
        : await pullCursorFeed(this.feedRunner(), rowFeed);
    } finally {
      // Also when the run failed part-way: what was received is in the cache and searchable.
      if (staged) {
        try {
          finishStagedSync(db);
        } finally {
          db.pragma(`wal_autocheckpoint = ${Math.trunc(autocheckpoint ?? 1000)}`);
        }
      }
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
          throw new MarketplaceError({
            kind: 'parse',
            message: `template for ${want.productId} names ${answer.template.productId}`,
            body: answer.raw,
          });
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
