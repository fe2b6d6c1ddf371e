// The draft crash test's child process: saves edits to one draft as fast as it can and prints each
// edit's id to stdout only after saveDraft returned (the edit is acknowledged). The parent SIGKILLs it at random
// points, starts it again, and checks that every acknowledged edit is in the draft.
// Environment: SD_DB (database file), SD_DRAFT (draft id), SD_FILES (comma-separated SHA-256s in the store).
// Edit n (draft-crash-edits.ts) has id n = the draft revision its save produced.
import { writeSync } from 'node:fs';
import { openDatabase } from '../db/connection';
import { saveDraft } from './drafts';
import { getDraft } from './drafts-repo';
import { patchFor } from './draft-crash-edits';

function main(): void {
  const env = (name: string): string => {
    const v = process.env[name];
    if (v === undefined) throw new Error(`${name} is not set`);
    return v;
  };
  const db = openDatabase(env('SD_DB'));
  const id = env('SD_DRAFT');
  const files = env('SD_FILES').split(',').filter(Boolean);
  const clock = { now: () => Date.now() };
  const start = getDraft(db, id);
  if (!start) throw new Error(`no draft ${id}`);
  writeSync(1, `ready ${start.revision}\n`);
  for (let n = start.revision + 1; n < start.revision + 1_000_000; n++) {
    const saved = saveDraft(db, id, patchFor(n, files), { clock });
    if (saved.revision !== n) throw new Error(`revision ${saved.revision} after edit ${n}`);
    // Acknowledged: saveDraft returned. writeSync so the line is out before the next edit starts.
    writeSync(1, `${n}\n`);
  }
  db.close();
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}
