// The proof-submit crash test's child process: submits proof.json (submitProofJson, what `seller-desk proof submit`
// runs) for every order line that has no draft yet, one after another, and prints each order line id to stdout only
// once its submission returned (acknowledged). The parent SIGKILLs it at random points and starts it again.
// Environment: SD_DB (database file), SD_DATA (folder of the attachment store), SD_FROM (the proof.json).
import { readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/connection';
import { AttachmentStore } from '../files/store';
import { submitProofJson } from './submit-proof-json';

async function main(): Promise<void> {
  const env = (name: string): string => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set`);
    return v;
  };
  const db = openDatabase(env('SD_DB'));
  const clock = { now: () => Date.now() };
  const store = new AttachmentStore({ db, dataDir: env('SD_DATA'), clock });
  const from = env('SD_FROM');
  const json = JSON.parse(readFileSync(from, 'utf8')) as unknown;
  const next = db
    .prepare<[], string>(
      `SELECT order_line_id FROM order_lines WHERE order_line_id NOT IN (SELECT order_line_id FROM proof_drafts) ORDER BY order_line_id LIMIT 1`,
    )
    .pluck();
  writeSync(1, 'ready\n');
  for (let line = next.get(); line; line = next.get()) {
    await submitProofJson(db, line, json, { store, clock, baseDir: path.dirname(from), label: path.basename(from) });
    writeSync(1, `${line}\n`); // acknowledged: the submission returned
  }
  db.close();
  writeSync(1, 'done\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
