// `npm run bench`: one table measured in one run on this machine. Prints times,
// never asserts them. The 1M-line cache runs first so its peak RSS is the main-process code's alone
// (the simulator of the sync case runs in this process too).
// Sizes can be lowered for a smoke run: BENCH_CACHE_LINES, BENCH_SYNC_LINES, BENCH_BILLS, BENCH_BILL_LINES,
// BENCH_BIG_BILL_LINES; BENCH_KEEP_DB=path keeps the 1M cache. `--only bills` (or cache, sync, sow; comma-separated)
// runs those parts alone.
import { benchBills } from './bills-bench';
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

const PARTS = ['cache', 'sync', 'sow', 'bills'] as const;

function partsWanted(argv: readonly string[]): Set<string> {
  const i = argv.indexOf('--only');
  if (i < 0) return new Set(PARTS);
  const wanted = (argv[i + 1] ?? '').split(',').filter(Boolean);
  const unknown = wanted.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (wanted.length === 0 || unknown.length > 0) throw new Error(`--only takes one or more of ${PARTS.join(', ')} (comma-separated)`);
  return new Set(wanted);
}

async function main(): Promise<void> {
  const started = performance.now();
  const want = partsWanted(process.argv.slice(2));
  const rows: Row[] = [];
  if (want.has('cache')) rows.push(...benchCache({ lines: count('BENCH_CACHE_LINES', 1_000_000), log, keepAs: process.env.BENCH_KEEP_DB || undefined }));
  if (want.has('sync')) rows.push(...(await benchSync({ lines: count('BENCH_SYNC_LINES', 100_000), log })));
  if (want.has('sow')) {
    log('SOW PDFs …');
    rows.push(...(await benchSow()));
  }
  if (want.has('bills')) {
    rows.push(
      ...(await benchBills({ bills: count('BENCH_BILLS', 240), linesPerBill: count('BENCH_BILL_LINES', 2_000), bigLines: count('BENCH_BIG_BILL_LINES', 100_000), log })),
    );
  }
  rows.push({ name: 'peak RSS, whole run (incl. the in-process simulator)', value: peakRssMb(), unit: 'MB' });
  process.stdout.write(`\n${formatTable(rows)}\n\nmeasured in one run, ${((performance.now() - started) / 1000).toFixed(0)} s, Node ${process.version}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
