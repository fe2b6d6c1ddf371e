// The 1M-line cache: filled through the repository's bulk path, then 200 mixed
// searches and 200 list pages (stage filter + sort), beside a raw-SQLite page read in the same run.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../main/db/connection';
import { bulkLoadOrderLines } from '../main/db/order-bulk';
import { STAGE_RANK } from '../main/db/order-filters';
import { listOrderLines } from '../main/db/order-lines';
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
  return mix.map((_, i) => percentile(rounds.map((r) => r[i]), 50));
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
  return medianOfRounds(mix, (m) => page.all(STAGE_RANK[m.query.stage?.[0] ?? 'completed'], m.query.limit, m.query.offset));
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
    const [, loadMs] = time(() =>
      bulkLoadOrderLines(db, generateLines(opts.lines, 1), 5_000, (phase, ms) => phases.push(`${phase} ${(ms / 1000).toFixed(1)} s`)),
    );
    log(`load phases: ${phases.join(', ')}`);
    log(`loaded in ${(loadMs / 1000).toFixed(1)} s; running the query mixes …`);
    const searches = searchMix(db);
    const lists = listMix();
    const search = timeQueries(db, searches);
    const list = timeQueries(db, lists);
    const rawList = rawListTimes(db, lists);
    const n = opts.lines.toLocaleString('en-US');
    // Per kind, so a slow category is visible rather than averaged away.
    const kinds = new Map<string, number[]>();
    searches.forEach((m, i) => kinds.set(m.kind, [...(kinds.get(m.kind) ?? []), search[i]]));
    const perKind = [...kinds].map(([kind, ms]) => ({ kind, n: ms.length, p50: percentile(ms, 50), max: Math.max(...ms) }));
    perKind.sort((a, b) => b.max - a.max);
    for (const k of perKind) log(`  ${k.kind.padEnd(38)} n=${String(k.n).padStart(3)}  p50 ${k.p50.toFixed(2)} ms  max ${k.max.toFixed(2)} ms`);
    const row = (name: string, ours: number[], raw: number[], p: number, target: string): Row => {
      const value = percentile(ours, p);
      const baseline = percentile(raw, p);
      return { name, value, unit: 'ms', baseline, ratio: value / baseline, target };
    };
    return [
      { name: `bulk load ${n} lines (generate + bulkLoadOrderLines)`, value: opts.lines / (loadMs / 1000), unit: 'lines/s' },
      row(`search p50 (${searches.length} mixed queries, median of ${ROUNDS} runs each, ${n} lines)`, search, rawList, 50, ''),
      row(`search p95 (${searches.length} mixed queries, median of ${ROUNDS} runs each, ${n} lines)`, search, rawList, 95, '< 30 ms'),
      { name: `search, slowest kind: ${perKind[0].kind} (max)`, value: perKind[0].max, unit: 'ms' },
      row(`list page p50 (stage filter + sort, ${lists.length} pages)`, list, rawList, 50, ''),
      row(`list page p95 (stage filter + sort, ${lists.length} pages)`, list, rawList, 95, '< 10 ms'),
      { name: 'peak RSS after the 1M cache (load + queries)', value: peakRssMb(), unit: 'MB', target: '< 400 MB' },
    ];
  } finally {
    db.close();
    if (!opts.keepAs) clean();
  }
}
