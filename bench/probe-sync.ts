// Development probe: the sync case alone (BENCH_SYNC_LINES lines).
import { benchSync } from './sync-bench';
import { formatTable } from './table';

benchSync({ lines: Number(process.env.BENCH_SYNC_LINES ?? 20_000), log: (m) => process.stderr.write(`${m}\n`) })
  .then((rows) => process.stdout.write(`${formatTable(rows)}\n`))
  .catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(1);
  });
