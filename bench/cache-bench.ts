// The 1M-line cache: filled through the repository's bulk path, then 200 mixed
// searches and 200 list pages (stage filter + sort), beside a raw-SQLite page read in the same run.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../main/db/connection';
import { bulkLoadOrderLines } from '../main/orders/order-bulk';
import { STAGE_FILTER_RANK } from '../main/orders/order-filters';
import { listOrderLines } from '../main/orders/order-lines';
import { generateLines } from './gen-lines';
import { listMix, searchMix, type MixQuery } from './query-mix';
import { peakRssMb, percentile, time, type Row } from './table';

export interface CacheBenchOptions {
  lines: number;
  dir?: string;
  /** Keep the cache file at this path (for investigating a slow query) instead of deleting it. */
  keepAs?: string;
  log?: (m: string) => void;
}

const CTX = { now: Date.UTC(2025, 6, 1), waitingThresholdDays: 5 };

/** Runs a mix ROUNDS times (nothing is cached between runs but SQLite's pages) and keeps each query's median. */
const ROUNDS = 3;

function medianOfRounds(mix: readonly MixQuery[], run: (m: MixQuery) => unknown): number[] {
  for (const m of mix.slice(0, 20)) run(m); // warm the statement cache and pages
  const rounds = Array.from({ length: ROUNDS }, () => mix.map((m) => time(() => run(m))[1]));
  return mix.map((_, i) =>
    percentile(
      rounds.map((r) => r[i]),
      50,
    ),
  );
}

function timeQueries(db: Db, mix: readonly MixQuery[]): number[] {
  return medianOfRounds(mix, (m) => listOrderLines(db, m.query, CTX));
}

/**
 * The raw floor both rows are compared with: one prepared statement reading a page of 50 in index
 * order (stage = ?, newest first, composite index), no total, no plan, no mapping — docs/architecture.md
 * "page of 50, status = ? ORDER BY placed_at DESC, composite index".
 */
function rawListTimes(db: Db, mix: readonly MixQuery[]): number[] {
  const page = db.prepare<[number, number, number]>(
    `SELECT order_id, order_line_id, product_name, customer_name, amount_minor, currency, status, stage, appeal_open, placed_at,
            stage_since, imported FROM order_lines INDEXED BY order_lines_stage WHERE stage_rank = ? ORDER BY id DESC LIMIT ? OFFSET ?`,
  );
  return medianOfRounds(mix, (m) =>
    page.all(STAGE_FILTER_RANK[m.query.stage?.[0] ?? 'completed'], m.query.limit, m.query.offset),
  );
}

/** Memory of a process, in MB: its peak and where it is now. */
interface MemoryReport {
  peakRss: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

const MB = 1_048_576;

/**
 * `BENCH_QUERY_RSS=<cache file>` (run.ts): what the app's main process holds with a 1M-line cache it did not
 * build itself — open it, run both query mixes once — printed as one JSON line for the parent bench.
 */
export function queryRssProbe(file: string): void {
  const db = openDatabase(file);
  for (const m of [...searchMix(db), ...listMix()]) listOrderLines(db, m.query, CTX);
  // Garbage is not memory the process needs (the child runs with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const u = process.memoryUsage();
  const report: MemoryReport = {
    peakRss: peakRssMb(),
    rss: u.rss / MB,
    heapUsed: u.heapUsed / MB,
    heapTotal: u.heapTotal / MB,
    external: u.external / MB,
  };
  db.close();
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** Runs queryRssProbe in a fresh process of this same bench bundle. */
function freshProcessMemory(file: string): MemoryReport | null {
  const r = spawnSync(process.execPath, ['--expose-gc', process.argv[1]], {
    env: { ...process.env, BENCH_QUERY_RSS: file },
    encoding: 'utf8',
    timeout: 300_000,
  });
  const line = r.stdout?.trim().split('\n').pop();
  if (r.status !== 0 || !line) return null;
  return JSON.parse(line) as MemoryReport;
}

/**
 * Where the main process's memory goes after the query mix: process.memoryUsage() parts, SQLite's page cache as
 * configured (PRAGMA cache_size; better-sqlite3 does not expose sqlite3_memory_used), and the native rest
 * (SQLite's page cache and allocations, code) as RSS minus the JS heap and buffers.
 */
function memoryRows(db: Db, peakAfterLoad: number): Row[] {
  const mb = (bytes: number): number => bytes / MB;
  const u = process.memoryUsage();
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const cacheMb = cacheSize < 0 ? -cacheSize / 1024 : mb(cacheSize * pageSize);
  const mmapMb = mb(db.pragma('mmap_size', { simple: true }) as number);
  return [
    { name: 'peak RSS after the bulk load, before the queries', value: peakAfterLoad, unit: 'MB' },
    { name: 'RSS after the query mixes (the bench process built the cache itself)', value: mb(u.rss), unit: 'MB' },
    { name: '  JS heap used / total', value: mb(u.heapUsed), unit: `MB of ${mb(u.heapTotal).toFixed(0)}` },
    { name: '  buffers (external incl. ArrayBuffers)', value: mb(u.external), unit: 'MB' },
    {
      name: `  SQLite page cache limit (PRAGMA cache_size; mmap_size ${mmapMb.toFixed(0)} MB)`,
      value: cacheMb,
      unit: 'MB',
    },
    {
      name: '  native rest (SQLite page cache and allocations, code)',
      value: mb(u.rss - u.heapTotal - u.external),
      unit: 'MB',
    },
  ];
}

/** Passes the items through, adding up the time spent producing them. */
function timedIterable<T>(items: Iterable<T>): { lines: Iterable<T>; ms: () => number } {
  let spent = 0;
  const it = items[Symbol.iterator]();
  const lines: Iterable<T> = {
    [Symbol.iterator]: () => ({
      next: () => {
        const t = performance.now();
        const r = it.next();
        spent += performance.now() - t;
        return r;
      },
    }),
  };
  return { lines, ms: () => spent };
}

export function benchCache(opts: CacheBenchOptions): Row[] {
  const log = opts.log ?? (() => undefined);
  const file = opts.keepAs ?? join(opts.dir ?? tmpdir(), `seller-desk-bench-${process.pid}.db`);
  const clean = () => ['', '-wal', '-shm'].forEach((s) => rmSync(file + s, { force: true }));
  clean();
  const db = openDatabase(file);
  try {
    log(`loading ${opts.lines.toLocaleString('en-US')} lines through bulkLoadOrderLines …`);
    const phases: string[] = [];
    // The generator's own time (~10 µs a line) is taken out of the load's: the figure is the repository's.
    const gen = timedIterable(generateLines(opts.lines, 1));
    // Each phase's CPU time beside its wall time: on a shared machine the wall time also counts other processes.
    let cpuMark = process.cpuUsage();
    const onPhase = (phase: string, ms: number): void => {
      const cpu = process.cpuUsage(cpuMark);
      cpuMark = process.cpuUsage();
      phases.push(`${phase} ${(ms / 1000).toFixed(1)} s (cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`);
    };
    const [, loadMs] = time(() => bulkLoadOrderLines(db, gen.lines, 5_000, onPhase));
    log(`load phases: ${phases.join(', ')}`);
    log(`loaded in ${(loadMs / 1000).toFixed(1)} s; running the query mixes …`);
    const peakAfterLoad = peakRssMb();
    const searches = searchMix(db);
    const lists = listMix();
    const search = timeQueries(db, searches);
    const list = timeQueries(db, lists);
    const rawList = rawListTimes(db, lists);
    const n = opts.lines.toLocaleString('en-US');
    // Per kind, so a slow category is visible rather than averaged away.
    const kinds = new Map<string, number[]>();
    searches.forEach((m, i) => kinds.set(m.kind, [...(kinds.get(m.kind) ?? []), search[i]]));
    const perKind = [...kinds].map(([kind, ms]) => ({
      kind,
      n: ms.length,
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      max: Math.max(...ms),
    }));
    perKind.sort((a, b) => b.p95 - a.p95);
    // How many answers carry an estimated total ("about"), per kind: the price of the speed, shown beside it.
    const estimated = new Map<string, number>();
    for (const m of searches)
      if (listOrderLines(db, m.query, CTX).totalEstimated) estimated.set(m.kind, (estimated.get(m.kind) ?? 0) + 1);
    for (const k of perKind) {
      const about = estimated.get(k.kind) ?? 0;
      log(
        `  ${k.kind.padEnd(38)} n=${String(k.n).padStart(3)}  p50 ${k.p50.toFixed(2)} ms  p95 ${k.p95.toFixed(2)} ms  max ${k.max.toFixed(2)} ms${about ? `  (${about} with an estimated total)` : ''}`,
      );
    }
    const memory = memoryRows(db, peakAfterLoad);
    const fresh = freshProcessMemory(file);
    const freshRows: Row[] = fresh
      ? [
          {
            name: 'peak RSS, fresh main process: open the 1M cache + both query mixes',
            value: fresh.peakRss,
            unit: 'MB',
            target: '≤ 200 MB',
          },
          {
            name: '  of which JS heap used / total',
            value: fresh.heapUsed,
            unit: `MB of ${fresh.heapTotal.toFixed(0)}`,
          },
          { name: '  buffers (external)', value: fresh.external, unit: 'MB' },
          {
            name: '  native rest at the end (SQLite page cache ≤ cache_size, code)',
            value: fresh.rss - fresh.heapTotal - fresh.external,
            unit: 'MB',
          },
        ]
      : [];
    const row = (name: string, ours: number[], raw: number[], p: number, target: string): Row => {
      const value = percentile(ours, p);
      const baseline = percentile(raw, p);
      return { name, value, unit: 'ms', baseline, ratio: value / baseline, target };
    };
    return [
      {
        name: `bulk load ${n} lines (bulkLoadOrderLines; generating them not counted)`,
        value: opts.lines / ((loadMs - gen.ms()) / 1000),
        unit: 'lines/s',
        target: '≥ 30,000 lines/s',
      },
      row(
        `search p50 (${searches.length} mixed queries, median of ${ROUNDS} runs each, ${n} lines)`,
        search,
        rawList,
        50,
        '',
      ),
      row(
        `search p95 (${searches.length} mixed queries, median of ${ROUNDS} runs each, ${n} lines)`,
        search,
        rawList,
        95,
        '< 30 ms',
      ),
      { name: `search, slowest kind: ${perKind[0].kind} (max)`, value: perKind[0].max, unit: 'ms' },
      // Every kind's p95 beside the raw page read's p95; the name carries its p50.
      ...perKind.map((k) =>
        row(
          `search p95, ${k.kind} (n=${k.n}; p50 ${k.p50.toFixed(2)} ms)`,
          kinds.get(k.kind) ?? [],
          rawList,
          95,
          '≤ 10 ms',
        ),
      ),
      row(`list page p50 (stage filter + sort, ${lists.length} pages)`, list, rawList, 50, ''),
      row(`list page p95 (stage filter + sort, ${lists.length} pages)`, list, rawList, 95, '< 10 ms'),
      { name: 'peak RSS after the 1M cache (load + queries)', value: peakRssMb(), unit: 'MB', target: '≤ 200 MB' },
      ...memory,
      ...freshRows,
    ];
  } finally {
    db.close();
    if (!opts.keepAs) clean();
  }
}
