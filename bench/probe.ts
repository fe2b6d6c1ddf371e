// Development probe (not part of npm run bench): load N lines and time each query of the mix with its plan.
import { rmSync } from 'node:fs';
import { openDatabase } from '../main/db/connection';
import { bulkLoadOrderLines } from '../main/db/order-bulk';
import { listOrderLines } from '../main/db/order-lines';
import { generateLines } from './gen-lines';
import { listMix, searchMix } from './query-mix';

const n = Number(process.argv[2] ?? 1_000_000);
const file = process.argv[3] ?? '/tmp/sd-probe.db';
const fresh = process.argv[4] !== 'reuse';
if (fresh) for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
const db = openDatabase(file);
if (fresh) {
  const t0 = performance.now();
  bulkLoadOrderLines(db, generateLines(n, 1));
  console.log(`load ${n}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const ctx = { now: Date.UTC(2025, 6, 1), waitingThresholdDays: 5 };
for (const [name, mix] of [['search', searchMix(db)], ['list', listMix()]] as const) {
  const times: Array<[number, string, string, number]> = [];
  for (const m of mix) {
    let best = Infinity;
    let total = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      total = listOrderLines(db, m.query, ctx).total;
      best = Math.min(best, performance.now() - t);
    }
    times.push([best, m.kind, JSON.stringify({ ...m.query, limit: undefined }), total]);
  }
  times.sort((a, b) => a[0] - b[0]);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))][0].toFixed(2);
  console.log(`${name}: p50 ${p(0.5)} p95 ${p(0.95)} max ${p(0.999)}`);
  for (const t of times.slice(-15)) console.log(`  ${t[0].toFixed(1)} ms  ${t[1]}  ${t[2]}  total=${t[3]}`);
}
console.log('rss MB', Math.round(process.memoryUsage().rss / 1e6));
