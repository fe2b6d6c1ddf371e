// Scale figures ("serves 1,000,000 lines"; the bench pulls 100k through the simulator). Prints figures, asserts
// only behaviour. 20,000 lines in `npm test`, 100,000 in `npm run soak` (SELLER_DESK_SOAK=1); SIM_PERF_LINES=1000000
// for the million-line run (needs a few GB of RAM in memory, or set SIM_PERF_DB=/tmp/file.db).
import { describe, expect, it } from 'vitest';
import { feedPage } from './feed';
import { startSimulator } from './index';
import { createSampleFiles } from './sample-files';
import { generateInto, seedProducts } from './seeding';
import { SimStore } from './store';
import { pullAll } from './test-client';

const NOW = Date.UTC(2025, 9, 15, 4, 0, 0);
const LINES = Number(process.env.SIM_PERF_LINES ?? (process.env.SELLER_DESK_SOAK === '1' ? 100_000 : 20_000));
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

describe(`scale: ${LINES} lines`, () => {
  it('generates them in one transaction and serves 500-line pages from stored JSON', { timeout: 600_000 }, () => {
    const store = SimStore.open(process.env.SIM_PERF_DB ?? ':memory:');
    try {
      seedProducts(store);
      const c0 = process.cpuUsage();
      const r = generateInto(store, createSampleFiles(), { seed: 1, count: LINES, baseMs: NOW, sellerId: 'S' });
      const genCpu = cpuMs(c0);
      expect(store.countLines()).toBe(LINES);
      const pages = Math.min(200, Math.ceil(LINES / 500));
      const c1 = process.cpuUsage();
      const t1 = performance.now();
      let cursor: string | undefined;
      let served = 0;
      for (let i = 0; i < pages; i++) {
        const query = new Map([['limit', '500']]);
        if (cursor) query.set('cursor', cursor);
        const parts =
          feedPage({
            kind: 'o',
            epoch: store.meta('epoch') ?? '',
            nowMs: NOW,
            query,
            chunk: (a, l) => store.feedChunk('S', a, l),
            hasMore: (a) => store.hasLinesAfter('S', a),
          }).parts ?? [];
        const tail = parts[parts.length - 1].toString();
        cursor = /"nextCursor":"([^"]+)"/.exec(tail)?.[1];
        served += 500;
      }
      const feedCpu = cpuMs(c1);
      console.log(
        `[sim perf] generate ${LINES} lines: ${Math.round(r.ms)} ms wall, ${Math.round(genCpu)} ms CPU (${Math.round(LINES / (genCpu / 1000))} lines/s CPU); ` +
          `feed ${served} lines in 500-line pages: ${Math.round(performance.now() - t1)} ms wall, ${Math.round(feedCpu)} ms CPU (${Math.round(served / feedCpu)} lines/ms CPU); ` +
          `rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
      );
    } finally {
      store.close();
    }
  });

  const HTTP_LINES = Math.min(LINES, 20_000); // the app's bench pulls 100k through its own client
  it(`a client pulls ${HTTP_LINES} over HTTP, each exactly once`, { timeout: 300_000 }, async () => {
    const sim = await startSimulator({ now: NOW, orders: HTTP_LINES, quiet: true });
    try {
      const t = performance.now();
      const { items, pages } = await pullAll(sim, 500);
      console.log(
        `[sim perf] HTTP pull of ${items.length} lines in ${pages} pages (signing and JSON parsing in the same process): ${Math.round(performance.now() - t)} ms`,
      );
      expect(new Set(items.map((i) => i.orderLineId)).size).toBe(HTTP_LINES);
    } finally {
      await sim.close();
    }
  });
});
