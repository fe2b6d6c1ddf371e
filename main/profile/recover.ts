// `db recover` (docs/architecture.md "Data"): the user's own work out of a damaged database into a new one. The
// database
// must be closed (the runtime or the CLI command holds the folder). Steps:
//  1. a working copy of the damaged file is opened for reading (salvage.ts: its header put back if needed);
//  2. a new database is made at the latest schema, and filled table by table, row by row, with what can be read —
//     drafts, the outbox (every item: queued, sent, refused), attachments whose files still exist, every bill
//     revision, settings, sync state. A row whose JSON does not parse, or that breaks a constraint, is left out.
// Where a table could not be read whole, the rows it no longer has come from the latest backup that passes its check;
//  3. the order-line cache is not copied: its cursor is reset, so the next sync pulls it again from the marketplace;
//  4. the damaged file is moved aside as `damaged-<time>.db` (never deleted) and the new one takes its place;
//  5. the report says per table what was saved, taken from the backup and lost, and names each lost draft and action —
//     also those only the intent journal knows of (created after the last backup, gone with a lost write-ahead log).
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type {
  LostAction,
  LostDraft,
  LostReasonCode,
  RecoveredTable,
  RecoveryNote,
  RecoveryReport,
} from '../../common/api/contract-db';
import type { ProfilePaths } from '../settings/paths';
import { backupFile, latestGoodBackup } from './backup';
import { openDatabase } from '../db/connection';
import { INTENT_JOURNAL_FILE, readIntentJournal } from './intent-journal';
import { openSqlite } from '../db/native-binding';
import { fileStamp, moveAside } from './restore';
import { columnsOf, keysFromIndexes, openForSalvage, salvageTable, tableExists, type Row } from './salvage';
import { ORDER_LINES_FEED } from '../sync/pull';
import { BILLS_FEED } from '../bills/pull';
import { effectOf } from '../outbox/rules';
import type { ActionPayload } from '../outbox/schemas';

interface Lost {
  code: LostReasonCode;
  reason: string;
}
type Drop = { lost: boolean; code?: LostReasonCode; reason: string };

interface Ctx {
  /** Keys inserted so far, per table. */
  kept: Map<string, Set<string>>;
  filesDir: string;
  notes: RecoveryNote[];
}

interface TablePlan {
  table: string;
  key: readonly string[];
  /** JSON columns: a non-null value must parse. */
  json: readonly string[];
  /** Why a row is left out (lost: counted and named; not lost: it no longer matters). */
  drop?: (row: Row, ctx: Ctx) => Drop | null;
  transform?: (row: Row, ctx: Ctx) => Row;
  /** Rows only in the backup are never taken for this table (inspection data). */
  noBackup?: boolean;
  /**
   * Rows are never deleted from this table: a row only the backup has was lost to the damage (a write-ahead log that
   * is gone leaves the database at an older state that reads whole), so it is always taken back.
   */
  appendOnly?: boolean;
}

const UNSENT = new Set(['queued', 'sending', 'unknown']);
const keyOf = (plan: TablePlan, r: Row): string => JSON.stringify(plan.key.map((k) => r[k] ?? null));
const has = (ctx: Ctx, table: string, ...key: unknown[]): boolean =>
  ctx.kept.get(table)?.has(JSON.stringify(key)) ?? false;

const PLANS: readonly TablePlan[] = [
  { table: 'settings', key: ['key'], json: ['value'] },
  {
    table: 'sync_cursors',
    key: ['feed'],
    json: [],
    // The cache is pulled again from the beginning (step 3).
    drop: (r) => (r.feed === ORDER_LINES_FEED ? { lost: false, reason: 'the order-line cache is pulled again' } : null),
  },
  {
    table: 'delivery_templates',
    appendOnly: true,
    key: ['product_id', 'template_version'],
    json: ['items_json', 'raw_json'],
  },
  {
    table: 'attachments',
    appendOnly: true,
    key: ['sha256'],
    json: ['names_json'],
    drop: (r, ctx) => {
      const file = path.join(ctx.filesDir, String(r.sha256));
      let size: number | null = null;
      try {
        size = statSync(file).size;
      } catch {
        size = null;
      }
      if (size === null) return { lost: true, reason: 'its file is missing from files/' };
      if (size !== r.size) return { lost: true, reason: `its file in files/ has ${size} bytes, not ${String(r.size)}` };
      return null;
    },
  },
  {
    table: 'uploads',
    appendOnly: true,
    key: ['sha256'],
    json: [],
    drop: (r, ctx) => (has(ctx, 'attachments', r.sha256) ? null : { lost: false, reason: 'its attachment is gone' }),
  },
  { table: 'outbox', appendOnly: true, key: ['id'], json: ['payload_json', 'last_error_json', 'request_json'] },
  {
    table: 'outbox_log',
    appendOnly: true,
    key: ['id'],
    json: ['detail_json'],
    drop: (r, ctx) => (has(ctx, 'outbox', r.outbox_id) ? null : { lost: true, reason: 'its action is gone' }),
  },
  {
    table: 'outbox_pending',
    key: ['outbox_id'],
    json: [],
    drop: (r, ctx) =>
      has(ctx, 'outbox', r.outbox_id) && ctx.kept.get('outbox:unsent')?.has(String(r.outbox_id))
        ? null
        : { lost: false, reason: 'its action is no longer waiting' },
  },
  {
    table: 'proof_drafts',
    appendOnly: true,
    key: ['id'],
    json: ['content_json', 'attachments_json', 'conflict_json'],
    transform: (r, ctx) => {
      if (r.outbox_id === null || r.outbox_id === undefined || has(ctx, 'outbox', r.outbox_id)) return r;
      // The delivery queued from this draft was lost: the draft becomes editable again, so it can be delivered anew.
      if (r.state !== 'queued') return { ...r, outbox_id: null };
      ctx.notes.push({
        code: 'delivery_lost',
        draftId: String(r.id),
        message: `draft ${String(r.id)}${r.label ? ` (${String(r.label)})` : ''}: the delivery queued from it was lost; the draft can be edited and delivered again`,
      });
      return { ...r, outbox_id: null, state: 'editing', submitted_at: null };
    },
  },
  {
    table: 'proof_draft_log',
    appendOnly: true,
    key: ['id'],
    json: ['detail_json'],
    drop: (r, ctx) => (has(ctx, 'proof_drafts', r.draft_id) ? null : { lost: true, reason: 'its draft is gone' }),
  },
  { table: 'bill_revisions', appendOnly: true, key: ['bill_id', 'revision'], json: ['raw_json'] },
  {
    table: 'bill_lines',
    appendOnly: true,
    key: ['bill_id', 'revision', 'line_no'],
    json: [],
    drop: (r, ctx) =>
      has(ctx, 'bill_revisions', r.bill_id, r.revision) ? null : { lost: true, reason: 'its bill revision is gone' },
  },
  { table: 'account_snapshots', appendOnly: true, key: ['id'], json: ['raw_json'] },
  { table: 'sync_rejects', key: ['id'], json: ['item_json'], noBackup: true },
];

interface Gathered {
  plan: TablePlan;
  /** Chosen rows by key, with where each came from. */
  chosen: Map<string, { row: Row; from: 'damaged' | 'backup' }>;
  /** Keys known to have existed, with why they were not chosen. */
  missing: Map<string, Lost>;
  /** The row as read, for naming a lost one (also when its JSON was damaged). */
  seen: Map<string, Row>;
}

function jsonProblem(plan: TablePlan, r: Row): Lost | null {
  for (const c of plan.json) {
    const v = r[c];
    if (v === null || v === undefined) continue;
    try {
      JSON.parse(String(v));
    } catch {
      return { code: 'bad_json', reason: `its stored ${c} is not valid JSON` };
    }
  }
  return null;
}

/** `a` was written after `b` (drafts count their saves; outbox items and drafts keep updated_at). */
function newer(a: Row, b: Row): boolean {
  if (typeof a.revision === 'number' && typeof b.revision === 'number' && a.revision !== b.revision)
    return a.revision > b.revision;
  return typeof a.updated_at === 'number' && typeof b.updated_at === 'number' && a.updated_at > b.updated_at;
}

function readSide(
  db: Database.Database | null,
  plan: TablePlan,
): { rows: Row[]; complete: boolean; readable: boolean } {
  if (!db || !tableExists(db, plan.table)) return { rows: [], complete: false, readable: false };
  const s = salvageTable(db, plan.table, plan.key);
  return { rows: s.rows, complete: s.complete, readable: true };
}

function gather(plan: TablePlan, damaged: Database.Database | null, backup: Database.Database | null): Gathered {
  const chosen = new Map<string, { row: Row; from: 'damaged' | 'backup' }>();
  const missing = new Map<string, Lost>();
  const seen = new Map<string, Row>();
  const d = readSide(damaged, plan);
  for (const r of d.rows) {
    // Every key column is NOT NULL: a row without one is what a damaged page decodes to, not a row that existed.
    if (plan.key.some((c) => r[c] === null || r[c] === undefined)) continue;
    const k = keyOf(plan, r);
    seen.set(k, r);
    const bad = jsonProblem(plan, r);
    if (bad) missing.set(k, bad);
    else chosen.set(k, { row: r, from: 'damaged' });
  }
  if (damaged && d.readable && plan.key.length === 1) {
    // Keys the indexes list but no read reached: rows on a damaged page.
    for (const id of keysFromIndexes(damaged, plan.table, plan.key[0])) {
      const k = JSON.stringify([id ?? null]);
      if (!chosen.has(k) && !missing.has(k))
        missing.set(k, { code: 'damaged_page', reason: 'it is on a damaged page of the database' });
    }
  }
  // A table rows are deleted from, read whole, lost nothing: a row only the backup has was deleted since, and stays so.
  if (!plan.noBackup && backup && (plan.appendOnly || !d.complete || missing.size > 0)) {
    for (const r of readSide(backup, plan).rows) {
      const k = keyOf(plan, r);
      if (jsonProblem(plan, r)) continue;
      const current = chosen.get(k);
      if (current) {
        // The damaged file may hold an older state than the backup (its write-ahead log is gone): the later edit wins.
        if (newer(r, current.row)) chosen.set(k, { row: r, from: 'backup' });
        continue;
      }
      if (!plan.appendOnly && d.complete && !missing.has(k)) continue;
      if (!seen.has(k)) seen.set(k, r);
      chosen.set(k, { row: r, from: 'backup' });
      missing.delete(k);
    }
  }
  return { plan, chosen, missing, seen };
}

/** Keys in their own order (numbers as numbers): bill revisions go in 1, 2, … 10, as they were received. */
function compareKeys(a: string, b: string): number {
  const x = JSON.parse(a) as unknown[];
  const y = JSON.parse(b) as unknown[];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    if (typeof x[i] === 'number' && typeof y[i] === 'number') return (x[i] as number) - (y[i] as number);
    return String(x[i]) < String(y[i]) ? -1 : 1;
  }
  return x.length - y.length;
}

function insertAll(out: Database.Database, g: Gathered, ctx: Ctx): { table: RecoveredTable; lost: Map<string, Lost> } {
  const { plan } = g;
  const outCols = new Set(columnsOf(out, plan.table));
  const kept = new Set<string>();
  ctx.kept.set(plan.table, kept);
  const lost = new Map(g.missing);
  let saved = 0;
  let fromBackup = 0;
  const entries = [...g.chosen.entries()].sort(([a], [b]) => compareKeys(a, b));
  const statements = new Map<string, Database.Statement>();
  for (const [k, { row: original, from }] of entries) {
    const drop = plan.drop?.(original, ctx) ?? null;
    if (drop) {
      if (drop.lost) lost.set(k, { code: drop.code ?? 'rule', reason: drop.reason });
      continue;
    }
    const row = plan.transform ? plan.transform(original, ctx) : original;
    const cols = Object.keys(row).filter((c) => outCols.has(c));
    const sql = `INSERT INTO "${plan.table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
    try {
      let insert = statements.get(sql);
      if (!insert) {
        insert = out.prepare(sql);
        statements.set(sql, insert);
      }
      insert.run(...cols.map((c) => row[c] as never));
      kept.add(k);
      lost.delete(k);
      if (from === 'damaged') saved++;
      else fromBackup++;
      if (plan.table === 'outbox' && UNSENT.has(String(row.state)) && row.discarded_at == null) {
        const unsent = ctx.kept.get('outbox:unsent') ?? new Set<string>();
        unsent.add(String(row.id));
        ctx.kept.set('outbox:unsent', unsent);
      }
    } catch (err) {
      lost.set(k, {
        code: 'rule',
        reason: `it breaks a rule of the database (${err instanceof Error ? err.message : String(err)})`,
      });
    }
  }
  return { table: { table: plan.table, saved, fromBackup, lost: lost.size }, lost };
}

/** Bill revisions whose lines cannot all be kept are left out whole (B5: a revision is kept exactly as received). */
function completeRevisions(revisions: Gathered, lines: Gathered): void {
  const count = new Map<string, number>();
  for (const { row } of lines.chosen.values()) {
    const k = JSON.stringify([row.bill_id, row.revision]);
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  for (const [k, { row }] of [...revisions.chosen.entries()]) {
    if ((count.get(k) ?? 0) === Number(row.line_count)) continue;
    revisions.chosen.delete(k);
    revisions.missing.set(k, {
      code: 'damaged_page',
      reason: 'some of its lines could not be read; the bill is pulled again at the next sync',
    });
  }
}

function countOrderLines(db: Database.Database | null): number {
  if (!db) return 0;
  try {
    return Number(db.prepare('SELECT coalesce(sum(lines), 0) FROM order_line_counts').pluck().get() ?? 0);
  } catch {
    try {
      return Number(db.prepare('SELECT count(*) FROM order_lines').pluck().get() ?? 0);
    } catch {
      return 0;
    }
  }
}

export interface RecoverOptions {
  now?: number;
}

/** Recovers the (closed) profile database; see the top of this file. */
export async function recoverDatabase(paths: ProfilePaths, options: RecoverOptions = {}): Promise<RecoveryReport> {
  const at = options.now ?? Date.now();
  const stamp = fileStamp(at);
  let work = path.join(paths.dir, `recovering-${stamp}`);
  for (let n = 2; existsSync(work); n++) work = path.join(paths.dir, `recovering-${stamp}-${n}`);
  mkdirSync(work, { recursive: true, mode: 0o700 });
  // Not a backup taken before a restore: the user chose to leave that state, its rows are not brought back.
  const good = latestGoodBackup(paths.dir, { skip: ['restore'] });
  const source = openForSalvage(paths.db, path.join(work, 'damaged.db'), good?.file ?? null);
  const backup = good ? openSqlite(good.file, { readonly: true, fileMustExist: true }) : null;
  const outFile = path.join(work, 'recovered.db');
  const notes = [...source.notes];
  let out: Database.Database | null = null;
  try {
    out = openDatabase(outFile);
    const ctx: Ctx = { kept: new Map(), filesDir: path.join(paths.dir, 'files'), notes };
    const tables: RecoveredTable[] = [];
    const lostByTable = new Map<string, { lost: Map<string, Lost>; seen: Map<string, Row> }>();
    const gathered = new Map(PLANS.map((p) => [p.table, gather(p, source.db, backup)]));
    completeRevisions(gathered.get('bill_revisions')!, gathered.get('bill_lines')!);
    const o = out;
    o.transaction(() => {
      for (const plan of PLANS) {
        const g = gathered.get(plan.table)!;
        const r = insertAll(o, g, ctx);
        tables.push(r.table);
        lostByTable.set(plan.table, { lost: r.lost, seen: g.seen });
      }
      // "Pending sync" on an order: derived from each unsent action, so made again for one whose row was lost.
      for (const r of o
        .prepare<[], { id: string; order_line_id: string; kind: string; payload_json: string; created_at: number }>(
          "SELECT id, order_line_id, kind, payload_json, created_at FROM outbox WHERE state IN ('queued', 'sending', 'unknown') AND discarded_at IS NULL AND id NOT IN (SELECT outbox_id FROM outbox_pending)",
        )
        .all()) {
        let effect: { expectedStage: string | null; opensAppeal: boolean } = {
          expectedStage: null,
          opensAppeal: r.kind === 'appeal',
        };
        try {
          effect = effectOf({ kind: r.kind, payload: JSON.parse(String(r.payload_json)) } as ActionPayload);
        } catch {
          // the kind alone
        }
        o.prepare(
          'INSERT INTO outbox_pending (outbox_id, order_line_id, kind, expected_stage, opens_appeal, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(r.id, r.order_line_id, r.kind, effect.expectedStage, effect.opensAppeal ? 1 : 0, r.created_at);
      }
      // Step 3: the cache comes back from the marketplace; bills too when a revision could not be kept.
      o.prepare('DELETE FROM sync_cursors WHERE feed = ?').run(ORDER_LINES_FEED);
      if ((lostByTable.get('bill_revisions')?.lost.size ?? 0) > 0)
        o.prepare('DELETE FROM sync_cursors WHERE feed = ?').run(BILLS_FEED);
    })();

    const lostActions: LostAction[] = [];
    const lostDrafts: LostDraft[] = [];
    const journal = readIntentJournal(paths.dir);
    const journalById = new Map(journal.map((e) => [e.id, e]));
    const idOf = (k: string): string => String((JSON.parse(k) as unknown[])[0]);
    const outbox = lostByTable.get('outbox')!;
    for (const [k, { code, reason }] of outbox.lost) {
      const id = idOf(k);
      const row = outbox.seen.get(k);
      const j = journalById.get(id);
      lostActions.push({
        id,
        kind: row ? String(row.kind) : (j?.name ?? null),
        orderLineId: row ? String(row.order_line_id) : (j?.orderLineId ?? null),
        code,
        reason,
      });
    }
    const drafts = lostByTable.get('proof_drafts')!;
    for (const [k, { code, reason }] of drafts.lost) {
      const id = idOf(k);
      const row = drafts.seen.get(k);
      const j = journalById.get(id);
      lostDrafts.push({
        id,
        label: row ? ((row.label as string | null) ?? null) : (j?.name ?? null),
        orderLineId: row ? String(row.order_line_id) : (j?.orderLineId ?? null),
        code,
        reason,
      });
    }
    // What only the journal knows of: made after the last backup, not readable now.
    const keptOutbox = ctx.kept.get('outbox') ?? new Set<string>();
    const keptDrafts = ctx.kept.get('proof_drafts') ?? new Set<string>();
    for (const e of journal) {
      const reason = `created ${new Date(e.at).toISOString()}, after the last backup, and not readable in the damaged database`;
      if (e.t === 'action' && !keptOutbox.has(JSON.stringify([e.id])) && !lostActions.some((a) => a.id === e.id)) {
        lostActions.push({ id: e.id, kind: e.name, orderLineId: e.orderLineId, code: 'after_backup', reason });
        const t = tables.find((x) => x.table === 'outbox');
        if (t) t.lost++;
      }
      if (e.t === 'draft' && !keptDrafts.has(JSON.stringify([e.id])) && !lostDrafts.some((d) => d.id === e.id)) {
        lostDrafts.push({ id: e.id, label: e.name, orderLineId: e.orderLineId, code: 'after_backup', reason });
        const t = tables.find((x) => x.table === 'proof_drafts');
        if (t) t.lost++;
      }
    }

    const check = (o.pragma('quick_check') as Array<{ quick_check: string }>).map((r) => r.quick_check).join('; ');
    if (check !== 'ok')
      throw new Error(`the recovered database does not pass its own check (${check}); nothing was replaced`);
    // What the cache held: the damaged file's count, or the backup's when the file could not say.
    const orderLinesToRepull = Math.max(countOrderLines(source.db), countOrderLines(backup));
    o.close();
    out = null;
    source.db?.close();
    source.db = null;
    backup?.close();

    // Step 4: the damaged file aside, the new one in its place.
    const damagedFile = moveAside(paths, at);
    renameSync(outFile, paths.db);
    chmodSync(paths.db, 0o600);
    rmSync(work, { recursive: true, force: true });
    // The journal named what it could; what it lists is in the report now.
    rmSync(path.join(paths.dir, INTENT_JOURNAL_FILE), { force: true });

    // The recovered database is the new starting point: backed up and checked like any other (reason `recover`).
    try {
      await backupFile(paths.db, paths.dir, { reason: 'recover', now: at });
    } catch {
      // Not a loss: the daily backup tries again at the next start.
    }
    const reportFile = `recovery-${stamp}.json`;
    const report: RecoveryReport = {
      at,
      damagedFile,
      backupUsed: good?.backup ?? null,
      tables,
      lostDrafts,
      lostActions,
      orderLinesToRepull,
      notes,
      reportFile,
    };
    writeFileSync(path.join(paths.dir, reportFile), `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
    return report;
  } catch (err) {
    out?.close();
    source.db?.close();
    backup?.close();
    rmSync(work, { recursive: true, force: true });
    throw err;
  }
}
