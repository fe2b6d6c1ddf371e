// `npm run bench` (issue 2 item 15): one table measured in one run on this machine. Prints times,
// never asserts them. The 1M-line cache runs first so its peak RSS is the main-process code's alone
// (the simulator of the sync case runs in this process too).
// Sizes can be lowered for a smoke run: BENCH_CACHE_LINES, BENCH_SYNC_LINES; BENCH_KEEP_DB=path keeps the 1M cache.
import { benchCache } from './cache-bench';
import { benchSow } from './sow';
import { benchSync } from './sync-bench';
import { formatTable, peakRssMb, type Row } from './table';

const log = (m: string): void => {
  process.stderr.write(`bench: ${m}\n`);
};
const count = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};

async function main(): Promise<void> {
  const started = performance.now();
  const rows: Row[] = [];
  rows.push(...benchCache({ lines: count('BENCH_CACHE_LINES', 1_000_000), log, keepAs: process.env.BENCH_KEEP_DB || undefined }));
  rows.push(...(await benchSync({ lines: count('BENCH_SYNC_LINES', 100_000), log })));
  log('SOW PDFs …');
  rows.push(...(await benchSow()));
  rows.push({ name: 'peak RSS, whole run (incl. the in-process simulator)', value: peakRssMb(), unit: 'MB' });
  process.stdout.write(`\n${formatTable(rows)}\n\nmeasured in one run, ${((performance.now() - started) / 1000).toFixed(0)} s, Node ${process.version}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
