// The crash test's child process: runs the outbox sender against a marketplace until nothing
// is left to send, then exits 0. The parent SIGKILLs it at random points and starts it again.
// Environment: SD_DB (database file), SD_DATA (data dir with files/), SD_URL, SD_AK, SD_SK.
import { openDatabase } from '../db/connection';
import { AttachmentStore } from '../files/store';
import { MarketplaceClient } from '../sync/client';
import { realSleep } from '../sync/retry';
import { OutboxSender } from './OutboxSender';
import { countUnsent } from './repo';

async function main(): Promise<void> {
  const env = (name: string): string => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set`);
    return v;
  };
  const clock = { now: () => Date.now() };
  const db = openDatabase(env('SD_DB'));
  const store = new AttachmentStore({ db, dataDir: env('SD_DATA'), clock });
  const creds = { ak: env('SD_AK'), sk: env('SD_SK') };
  const client = new MarketplaceClient({ baseUrl: env('SD_URL'), credentials: () => creds, clock, timeoutMs: 5_000 });
  const sender = new OutboxSender({
    db,
    client,
    store,
    clock,
    sleep: realSleep,
    random: Math.random,
    policy: { baseMs: 5, capMs: 100, maxWaitInPassMs: 1_000 },
    concurrency: 4,
    uploadChunkSize: 64 * 1024,
  });
  // The first request of a process pays for loading the HTTP stack; warm it up so kill points spread over sending.
  await client.getAccount().catch(() => undefined);
  process.stdout.write('ready\n');
  for (let pass = 0; pass < 10_000; pass++) {
    await sender.sendDue();
    if (countUnsent(db) === 0) break;
    await realSleep(5);
  }
  db.close();
  process.stdout.write('done\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
