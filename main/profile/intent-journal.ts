// A journal of the drafts and seller actions created since the last backup (docs/architecture.md "Data"), beside the
// database in `<profile>/intents.ndjson` (0600). When the database is damaged — a deleted or cut-short write-ahead log
// takes its last commits with it, and the drafts made since the last backup are in no backup — `db recover` still
// names what was lost (id, label or kind, order line) instead of losing it silently.
//
// Written by TEMP triggers on this connection (nothing in the schema changes) through a function that appends one
// line. The trigger runs inside the inserting transaction, before its commit: a line whose row never committed (a
// rollback) is possible, so the journal only ever adds to a recovery report, never to the database.
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

export const INTENT_JOURNAL_FILE = 'intents.ndjson';

export interface IntentEntry {
  /** `draft`: a delivery-proof draft; `action`: an outbox item (a queued seller action). */
  t: 'draft' | 'action';
  id: string;
  orderLineId: string | null;
  /** The draft's label, or the action's kind. */
  name: string | null;
  /** UTC ms (wall clock). */
  at: number;
}

const journalOf = (profileDir: string): string => path.join(profileDir, INTENT_JOURNAL_FILE);

/** Installs the triggers on `db` (an owner's connection to the profile's database). */
export function installIntentJournal(db: Database.Database, profileDir: string): void {
  const file = journalOf(profileDir);
  db.function('sd_intent', { deterministic: false }, (t: unknown, id: unknown, line: unknown, name: unknown) => {
    try {
      const entry: IntentEntry = {
        t: t === 'draft' ? 'draft' : 'action',
        id: String(id),
        orderLineId: typeof line === 'string' ? line : null,
        name: typeof name === 'string' ? name : null,
        at: Date.now(),
      };
      appendFileSync(file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    } catch {
      // The journal is a help for a later recovery; failing to write it must never fail the user's action.
    }
    return null;
  });
  const has = (table: string): boolean =>
    db.prepare("SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;
  // Only where the tables exist (a database opened without migrating may predate them).
  if (has('outbox')) {
    db.exec(
      "CREATE TEMP TRIGGER IF NOT EXISTS sd_intent_action AFTER INSERT ON main.outbox BEGIN SELECT sd_intent('action', new.id, new.order_line_id, new.kind); END;",
    );
  }
  if (has('proof_drafts')) {
    db.exec(
      "CREATE TEMP TRIGGER IF NOT EXISTS sd_intent_draft AFTER INSERT ON main.proof_drafts BEGIN SELECT sd_intent('draft', new.id, new.order_line_id, new.label); END;",
    );
  }
}

/** Every well-formed line (a line torn by a crash is skipped). */
export function readIntentJournal(profileDir: string): IntentEntry[] {
  let text: string;
  try {
    text = readFileSync(journalOf(profileDir), 'utf8');
  } catch {
    return [];
  }
  const out: IntentEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as IntentEntry;
      if ((e.t === 'draft' || e.t === 'action') && typeof e.id === 'string' && typeof e.at === 'number') out.push(e);
    } catch {
      // torn or damaged line
    }
  }
  return out;
}

/** Drops entries older than `before` (they are in a backup now), keeping an hour's margin. */
export function trimIntentJournal(profileDir: string, before: number): void {
  const entries = readIntentJournal(profileDir);
  if (entries.length === 0) return;
  const keep = entries.filter((e) => e.at >= before - 60 * 60 * 1000);
  if (keep.length === entries.length) return;
  const file = journalOf(profileDir);
  const tmp = `${file}.tmp`;
  try {
    writeFileSync(tmp, keep.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // an untrimmed journal only makes a later report longer
  }
}
