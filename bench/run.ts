// `npm run bench`: one table measured in one run on this machine. Prints times,
// never asserts them. The 1M-line cache runs first so its peak RSS is the main-process code's alone
// (the sync case's simulator runs in a child process). The cache is kept in a data folder of its own
// until the end of the run: the incremental sync and the UI part (the browser host in Chromium) use it.
// Options: `--only cache,sync,ui,sow,bills` runs those parts alone; `--lines N` builds an N-line cache (and syncs at
// most N lines) instead of 1,000,000; `--json FILE` also writes every figure (unit, baseline, ratio, target) as JSON.
// Sizes can also be set one by one: BENCH_CACHE_LINES, BENCH_SYNC_LINES, BENCH_BILLS, BENCH_BILL_LINES,
// BENCH_BIG_BILL_LINES; BENCH_KEEP_DB=dir keeps the cache's data folder. `--reuse-cache DIR` keeps it too and, when
// DIR already holds a cache, uses that one as it is (the cache part is then left out: nothing was loaded to time).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The other parts are imported when they run (below): the UI part's browser host and the bills part's workbook library
// alone took this process from ~65 MB to ~160 MB RSS before anything ran, and the cache part's peak RSS is meant to be
// the main-process code's (docs/architecture.md "Memory").
import { benchCache, queryRssProbe } from './cache-bench';
import { parseArgs } from './args';
import { formatTable, peakRssMb, toJson, type Row } from './table';

const log = (m: string): void => {
  process.stderr.write(`bench: ${m}\n`);
};
const count = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};

async function main(): Promise<void> {
  // The child process of the cache part's memory figure (cache-bench.ts queryRssProbe), not a bench run.
  if (process.env.BENCH_QUERY_RSS) return queryRssProbe(process.env.BENCH_QUERY_RSS);
  // The sync part's simulator, in a child process of its own (sync-bench.ts startChildSimulator), not a bench run.
  if (process.env.BENCH_SIM) return (await import('./sync-bench')).simulatorChild(process.env.BENCH_SIM);
  const started = performance.now();
  const args = parseArgs(process.argv.slice(2));
  const want = args.parts;
  const cacheLines = args.lines ?? count('BENCH_CACHE_LINES', 1_000_000);
  const syncLines = Math.min(cacheLines, count('BENCH_SYNC_LINES', 100_000));
  // A data folder laid out as the app's (<dir>/account/seller-desk.db), so the browser host can open the same cache.
  const keep = args.reuseCache ?? (process.env.BENCH_KEEP_DB || undefined);
  const dataDir = keep ?? join(tmpdir(), `seller-desk-bench-${process.pid}`);
  const cacheFile = join(dataDir, 'account', 'seller-desk.db');
  const needCache = want.has('cache') || want.has('ui') || want.has('sync');
  const reused = args.reuseCache !== undefined && existsSync(cacheFile);
  const rows: Row[] = [];
  try {
    if (reused) log(`using the cache in ${dataDir} as it is (--reuse-cache): the cache part is not run`);
    else if (needCache) {
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(join(dataDir, 'account'), { recursive: true, mode: 0o700 });
      const cacheRows = benchCache({ lines: cacheLines, log, keepAs: cacheFile });
      // Only the parts asked for are printed; the cache is built anyway when the sync or the UI needs it.
      if (want.has('cache')) rows.push(...cacheRows);
    }
    if (want.has('sync')) {
      const { benchIncrementalSync, benchSync } = await import('./sync-bench');
      rows.push(...(await benchSync({ lines: syncLines, log })));
      rows.push(...(await benchIncrementalSync({ cacheFile, cacheLines, changed: Math.min(1_000, cacheLines), log })));
    }
    if (want.has('ui')) {
      const { benchUi } = await import('./ui-bench');
      rows.push(...(await benchUi({ dataDir, lines: cacheLines, log })));
    }
    if (want.has('sow')) {
      log('SOW PDFs …');
      const { benchSow } = await import('./sow');
      rows.push(...(await benchSow()));
    }
    if (want.has('bills')) {
      const { benchBills } = await import('./bills-bench');
      rows.push(
        ...(await benchBills({
          bills: count('BENCH_BILLS', 240),
          linesPerBill: count('BENCH_BILL_LINES', 2_000),
          bigLines: count('BENCH_BIG_BILL_LINES', 100_000),
          log,
        })),
      );
    }
  } finally {
    if (needCache && !keep) rmSync(dataDir, { recursive: true, force: true });
  }
  rows.push({ name: 'peak RSS, whole run (the simulator runs in a child process)', value: peakRssMb(), unit: 'MB' });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `\n${formatTable(rows)}\n\nmeasured in one run, ${seconds.toFixed(0)} s, Node ${process.version}\n`,
  );
  if (args.json) {
    writeFileSync(
      args.json,
      `${JSON.stringify(toJson(rows, { cacheLines, syncLines, seconds, node: process.version }), null, 2)}\n`,
    );
    log(`figures written to ${args.json}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
