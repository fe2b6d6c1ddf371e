import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../common/api/result';
import { BlockCache, type BlockPage } from './block-cache';

interface Call {
  offset: number;
  limit: number;
  resolve(result: Result<BlockPage<number>>): void;
}

/** A loader whose answers the test releases by hand, over a list of `size` numbers. */
function harness(size: number, opts: { maxBlocks?: number } = {}) {
  const calls: Call[] = [];
  let changes = 0;
  let now = 0;
  const cache = new BlockCache<number>({
    blockSize: 100,
    maxBlocks: opts.maxBlocks ?? 40,
    clock: { now: () => now },
    onChange: () => changes++,
    load: (offset, limit) => new Promise((resolve) => calls.push({ offset, limit, resolve })),
  });
  const answer = async (call: Call, total = size) => {
    const rows = Array.from(
      { length: Math.max(0, Math.min(call.limit, total - call.offset)) },
      (_, i) => call.offset + i,
    );
    call.resolve(ok({ rows, total }));
    await Promise.resolve();
    await Promise.resolve();
  };
  return { cache, calls, answer, changes: () => changes, advance: (ms: number) => (now += ms) };
}

describe('BlockCache (fetch only the rows in view)', () => {
  it('fetches only the blocks covering the visible range of a 1,000,000-row result', async () => {
    const h = harness(1_000_000);
    h.cache.ensure(0, 30);
    expect(h.calls.map((c) => [c.offset, c.limit])).toEqual([[0, 100]]);
    await h.answer(h.calls[0]);
    expect(h.cache.total).toBe(1_000_000);
    expect(h.cache.row(30)).toBe(30);

    h.cache.ensure(499_990, 500_020); // a jump to the middle: two blocks, nothing in between
    expect(h.calls.slice(1).map((c) => c.offset)).toEqual([499_900, 500_000]);
  });

  it('does not ask twice for a block already on its way or loaded', async () => {
    const h = harness(1000);
    h.cache.ensure(0, 50);
    h.cache.ensure(10, 60);
    expect(h.calls).toHaveLength(1);
    await h.answer(h.calls[0]);
    h.cache.ensure(0, 99);
    expect(h.calls).toHaveLength(1);
  });

  it('never asks past the end once the total is known', async () => {
    const h = harness(150);
    h.cache.ensure(0, 10);
    await h.answer(h.calls[0]);
    h.cache.ensure(120, 400);
    expect(h.calls.map((c) => c.offset)).toEqual([0, 100]);
  });

  it('keeps at most maxBlocks blocks, dropping the least recently used', async () => {
    const h = harness(100_000, { maxBlocks: 3 });
    for (const start of [0, 1000, 2000]) {
      h.cache.ensure(start, start + 10);
      await h.answer(h.calls[h.calls.length - 1]);
    }
    h.cache.ensure(0, 10); // touch block 0: block 10 is now the oldest
    h.cache.ensure(5000, 5010);
    await h.answer(h.calls[h.calls.length - 1]);
    expect(h.cache.heldBlocks()).toEqual([0, 20, 50]);
    expect(h.cache.row(1005)).toBeUndefined();
  });

  it('after invalidate keeps showing the old rows and ignores answers to the old generation', async () => {
    const h = harness(1000);
    h.cache.ensure(0, 10);
    const old = h.calls[0];
    h.cache.invalidate();
    h.cache.ensure(0, 10);
    expect(h.calls).toHaveLength(2); // refetched for the new generation
    await h.answer(old, 999); // late answer to the old request: ignored
    expect(h.cache.total).toBeNull();
    await h.answer(h.calls[1], 1000);
    expect(h.cache.total).toBe(1000);

    h.cache.invalidate();
    expect(h.cache.row(5)).toBe(5); // stale rows stay on screen until fresh ones arrive
    h.cache.ensure(0, 10);
    await h.answer(h.calls[2], 400);
    expect(h.cache.total).toBe(400);
  });

  it('drops blocks past a shrunk total', async () => {
    const h = harness(1000);
    h.cache.ensure(0, 10);
    await h.answer(h.calls[0]);
    h.cache.ensure(900, 910);
    await h.answer(h.calls[1]);
    h.cache.invalidate();
    h.cache.ensure(0, 10);
    await h.answer(h.calls[2], 250);
    expect(h.cache.heldBlocks()).toEqual([0]);
  });

  it('offline: a failed block is not asked for again before the retry delay (no request storm)', async () => {
    const h = harness(1000);
    h.cache.ensure(0, 10);
    h.calls[0].resolve(fail('offline', 'host gone'));
    await Promise.resolve();
    await Promise.resolve();
    expect(h.cache.error?.code).toBe('offline');
    for (let i = 0; i < 20; i++) h.cache.ensure(0, 10); // scroll events while offline
    expect(h.calls).toHaveLength(1);
    h.advance(2500);
    h.cache.ensure(0, 10);
    expect(h.calls).toHaveLength(2);
    await h.answer(h.calls[1]);
    expect(h.cache.error).toBeNull();
  });

  it('a disposed cache ignores late answers', async () => {
    const h = harness(1000);
    h.cache.ensure(0, 10);
    h.cache.dispose();
    const before = h.changes();
    await h.answer(h.calls[0]);
    expect(h.changes()).toBe(before);
    expect(h.cache.row(1)).toBeUndefined();
  });
});
