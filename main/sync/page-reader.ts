// Order-lines pages read off the main thread (docs/architecture.md "Performance"): turning each page's bytes into
// checked lines (UTF-8, JSON.parse, the wire schema of every item, the raw JSON kept per line) and, in a first sync,
// into the rows it stages. A worker thread does that for the pages after the one being stored, and tells the page's
// cursor first, so the next page is asked for meanwhile. The worker reads exactly what readOrderLinesPage reads on the
// main thread; anything it cannot take as a clean page comes back null and the client reads and reports it as always.
// A worker that cannot start or dies is never fatal: its pages, and every page after, are read on the main thread.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { Logger } from '../log';
import type { PageHead, ReadFeedPage } from './feed-items';
import { readOrderLinesPage, type LineReading } from './order-lines-page';

export interface PageReader {
  /**
   * A success answer's bytes as a page read as `reading` reads lines, or null when they are not a clean page (the
   * client reads them itself). `onHead` may hear the page's head (its cursor) before the items are checked.
   */
  read<T>(
    bytes: Uint8Array,
    reading: LineReading<T>,
    onHead?: (head: PageHead) => void,
  ): Promise<ReadFeedPage<T> | null>;
  close(): Promise<void>;
}

/** On the calling thread: the default, and what a worker that failed falls back to. */
export const inThreadPageReader: PageReader = {
  read: (bytes, reading) => Promise.resolve(readOrderLinesPage(bytes, reading)),
  close: () => Promise.resolve(),
};

/** The worker's file beside the bundle that runs (scripts/build.mjs builds it into dist/main and dist/bench). */
export const PAGE_READER_WORKER_FILE = 'page-reader-worker.cjs';

/** What the worker answers: a page's head, then the page read, or null (page-reader-worker.ts). */
const workerAnswer = z.union([
  z.object({
    id: z.number().int(),
    head: z.object({ nextCursor: z.string().nullable(), hasMore: z.boolean(), items: z.number() }),
  }),
  z.object({ id: z.number().int(), page: z.unknown() }),
]);

interface Waiting {
  /** Reads the page here when the worker will not answer. */
  here(): ReadFeedPage<unknown> | null;
  onHead?: (head: PageHead) => void;
  resolve(page: ReadFeedPage<unknown> | null): void;
}

export class WorkerPageReader implements PageReader {
  private worker: Worker | null = null;
  private failed = false;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  /** `file`: the worker's bundle; when it is not there the pages are read on the calling thread. */
  constructor(
    private readonly file: string,
    private readonly log?: Logger,
  ) {}

  read<T>(
    bytes: Uint8Array,
    reading: LineReading<T>,
    onHead?: (head: PageHead) => void,
  ): Promise<ReadFeedPage<T> | null> {
    const worker = this.started();
    if (!worker) return inThreadPageReader.read(bytes, reading);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, {
        here: () => readOrderLinesPage(bytes, reading),
        onHead,
        // The worker's own readOrderLinesPage with this reading, cloned.
        resolve: (page) => resolve(page as ReadFeedPage<T> | null),
      });
      // Copied, not transferred: the bytes stay here until the answer comes, to be read here if it never does.
      worker.postMessage({ id, bytes, as: reading.name });
      worker.ref(); // an unanswered page keeps the process alive
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failed = true;
    this.settleHere();
    if (worker) await worker.terminate();
  }

  private started(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    if (!existsSync(this.file)) {
      this.failed = true;
      return null;
    }
    const worker = new Worker(this.file);
    worker.unref(); // idle, it never keeps the process alive
    worker.on('message', (m: unknown) => this.answered(m));
    worker.on('error', (err) => this.broke(`failed: ${err.message}`));
    worker.on('exit', (code) => this.broke(`ended (exit ${code})`));
    this.worker = worker;
    return worker;
  }

  private answered(m: unknown): void {
    const answer = workerAnswer.safeParse(m);
    const waiting = answer.success ? this.waiting.get(answer.data.id) : undefined;
    if (!answer.success || !waiting) return;
    if ('head' in answer.data) {
      waiting.onHead?.(answer.data.head);
      return;
    }
    this.waiting.delete(answer.data.id);
    if (this.waiting.size === 0) this.worker?.unref();
    waiting.resolve(answer.data.page as ReadFeedPage<unknown> | null);
  }

  private broke(how: string): void {
    if (this.failed) return;
    this.failed = true;
    this.worker = null;
    this.log?.warn(`the page reader's worker ${how}; reading order-line pages on the main thread`);
    this.settleHere();
  }

  /** Pages the worker will not answer any more are read here. */
  private settleHere(): void {
    for (const [id, w] of this.waiting) {
      this.waiting.delete(id);
      w.resolve(w.here());
    }
  }
}
