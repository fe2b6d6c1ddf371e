// Windowed fetching for the virtualized order table: rows are fetched in blocks
// around the visible range only, kept in a small LRU, so a 1,000,000-line cache costs a few
// thousand rows of memory and a few `orders:list` calls per scroll stop.
import type { ApiError, Result } from '../../common/api/result';

export interface BlockPage<T> {
  rows: T[];
  /** Matching rows in all: sets the table's scroll height. */
  total: number;
  /** `total` is an estimate (main counts exactly only when asked). */
  totalEstimated?: boolean;
}

export interface BlockCacheOptions<T> {
  load: (offset: number, limit: number) => Promise<Result<BlockPage<T>>>;
  /** Called whenever rows, total or error change. */
  onChange: () => void;
  clock: { now(): number };
  blockSize?: number;
  /** Blocks kept in memory at most (least recently used are dropped). */
  maxBlocks?: number;
  /** A block whose fetch failed is not asked for again before this many ms (no retry storm offline). */
  retryAfterMs?: number;
}

interface Block<T> {
  rows: T[];
  stale: boolean;
}

export class BlockCache<T> {
  readonly blockSize: number;
  private readonly maxBlocks: number;
  private readonly retryAfterMs: number;
  /** Map insertion order is the LRU order: oldest first. */
  private readonly blocks = new Map<number, Block<T>>();
  /** Block index → generation it was requested in. */
  private readonly inflight = new Map<number, number>();
  private readonly failedAt = new Map<number, number>();
  private generation = 0;
  private disposed = false;
  total: number | null = null;
  totalEstimated = false;
  error: ApiError | null = null;

  constructor(private readonly opts: BlockCacheOptions<T>) {
    this.blockSize = opts.blockSize ?? 100;
    this.maxBlocks = Math.max(2, opts.maxBlocks ?? 40);
    this.retryAfterMs = opts.retryAfterMs ?? 2000;
  }

  row(index: number): T | undefined {
    return this.blocks.get(Math.floor(index / this.blockSize))?.rows[index % this.blockSize];
  }

  /** Index of the first held row matching `pred`, or -1 (only fetched blocks are searched). */
  findIndex(pred: (row: T) => boolean): number {
    let found = -1;
    for (const [b, block] of this.blocks) {
      const k = block.rows.findIndex(pred);
      if (k >= 0 && (found < 0 || b * this.blockSize + k < found)) found = b * this.blockSize + k;
    }
    return found;
  }

  /** Whether the block holding `index` is fetched and current (not waiting for a refetch). */
  isFresh(index: number): boolean {
    const block = this.blocks.get(Math.floor(index / this.blockSize));
    return !!block && !block.stale;
  }

  /** Whether the first page has answered (the total is known). */
  get loaded(): boolean {
    return this.total !== null;
  }

  /** Make sure the rows `first..last` (inclusive) are loaded or on their way. */
  ensure(first: number, last: number): void {
    if (this.disposed) return;
    // Once the total is known, never ask past its end (the list may have shrunk since the range was computed).
    const end = Math.max(0, this.total === null ? Math.max(first, last) : Math.min(last, this.total - 1));
    const start = Math.max(0, Math.min(first, end));
    const firstBlock = Math.floor(start / this.blockSize);
    const lastBlock = Math.floor(end / this.blockSize);
    const wanted = new Set<number>();
    for (let b = firstBlock; b <= lastBlock; b++) {
      wanted.add(b);
      const block = this.blocks.get(b);
      if (block) {
        this.blocks.delete(b); // touch: move to the LRU's young end
        this.blocks.set(b, block);
      }
      if ((!block || block.stale) && this.inflight.get(b) !== this.generation && !this.recentlyFailed(b))
        void this.fetch(b);
    }
    this.evict(wanted);
  }

  /** The data changed (orders:changed): keep showing what we have, refetch what is asked for next. */
  invalidate(): void {
    this.generation += 1;
    this.failedAt.clear();
    for (const block of this.blocks.values()) block.stale = true;
  }

  dispose(): void {
    this.disposed = true;
    this.blocks.clear();
    this.inflight.clear();
  }

  /** Blocks held, for tests and diagnostics. */
  heldBlocks(): number[] {
    return [...this.blocks.keys()].sort((a, b) => a - b);
  }

  private recentlyFailed(block: number): boolean {
    const at = this.failedAt.get(block);
    return at !== undefined && this.opts.clock.now() - at < this.retryAfterMs;
  }

  private async fetch(block: number): Promise<void> {
    const generation = this.generation;
    this.inflight.set(block, generation);
    const result = await this.opts.load(block * this.blockSize, this.blockSize);
    if (this.inflight.get(block) === generation) this.inflight.delete(block);
    // An answer to an older generation or a disposed cache describes data we no longer show.
    if (this.disposed || generation !== this.generation) return;
    if (!result.ok) {
      this.failedAt.set(block, this.opts.clock.now());
      this.error = result.error;
      this.opts.onChange();
      return;
    }
    this.failedAt.delete(block);
    this.error = null;
    this.total = result.value.total;
    this.totalEstimated = result.value.totalEstimated === true;
    this.blocks.delete(block);
    this.blocks.set(block, { rows: result.value.rows, stale: false });
    this.dropPastEnd();
    this.evict(new Set([block]));
    this.opts.onChange();
  }

  private dropPastEnd(): void {
    if (this.total === null) return;
    const lastBlock = Math.floor(Math.max(0, this.total - 1) / this.blockSize);
    for (const b of [...this.blocks.keys()]) if (b > lastBlock) this.blocks.delete(b);
  }

  private evict(keep: Set<number>): void {
    for (const b of this.blocks.keys()) {
      if (this.blocks.size <= this.maxBlocks) break;
      if (!keep.has(b)) this.blocks.delete(b);
    }
  }
}
