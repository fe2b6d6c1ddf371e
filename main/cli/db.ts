// `seller-desk db backup|check|restore|recover` (docs/architecture.md "Data"): a checked backup now; the full check
// (quick_check of every table, every stored JSON value, the journal of recent drafts and actions); putting a backup
// back; saving what can be read of a damaged database into a new one. Restore and recover take the data folder
// (one process owns it at a time) and work on the closed database.
import path from 'node:path';
import { DateTime } from 'luxon';
import type { DbBackup, RecoveryReport } from '../../common/api/contract-db';
import { AppError } from '../../common/api/result';
import { listBackups } from '../profile/backup';
import { checkProfile, quickCheck, recoveryAdvice } from '../profile/health';
import { readIntentJournal } from '../profile/intent-journal';
import { scanStoredJson } from '../profile/json-scan';
import { NewerDatabaseError } from '../db/migrate';
import { openSqlite } from '../db/native-binding';
import { openProfileDatabase, prepareProfile } from '../profile/profile-db';
import { recoverDatabase } from '../profile/recover';
import { restoreDatabase } from '../profile/restore';
import { describeRowProblem } from '../db/row-problems';
import { acquireFolderLock, FolderInUseError } from '../settings/folder-lock';
import { profilePaths, type ProfilePaths } from '../settings/paths';
import { COMMON_OPTIONS, dataDirOf, parse, PROFILE_OPTION } from './args';
import { call, withServices } from './context';
import { CliFailure, HelpRequested, UsageError } from './errors';
import type { CliIo } from './io';
import { kib } from './sow';
import { COMMAND_USAGE } from './usage';

const BASE = { ...COMMON_OPTIONS, ...PROFILE_OPTION } as const;
const JSON_OPTIONS = { ...BASE, json: { type: 'boolean' } } as const;
const RESTORE_OPTIONS = { ...BASE, from: { type: 'string' } } as const;

const when = (ms: number): string => DateTime.fromMillis(ms, { zone: 'utc' }).toFormat("yyyy-LL-dd HH:mm 'UTC'");
const describeBackup = (b: DbBackup): string => `${b.name} (${when(b.createdAt)}, ${kib(b.bytes)}, ${b.reason})`;

/** Runs `fn` as the owner of the profile folder. */
async function owning<T>(paths: ProfilePaths, command: string, fn: () => Promise<T>): Promise<T> {
  let lock;
  try {
    lock = acquireFolderLock(paths.dir, { kind: 'cli', command });
  } catch (err) {
    if (err instanceof FolderInUseError) throw new CliFailure(err.message);
    throw err;
  }
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError || err instanceof NewerDatabaseError) throw new CliFailure(err.message);
    throw err;
  } finally {
    lock.release();
  }
}

async function backup(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, BASE, COMMAND_USAGE['db backup']);
  return withServices(io, { dataDir: dataDirOf(values, io.env), demo: values.demo === true }, async (services) => {
    // The window's own channels (Settings' "Back up now"): a checked backup, then the backups kept.
    const made = await call(services, 'db:backup', {});
    io.out(
      `Backed up to ${path.join(services.paths.dir, 'backups', made.name)} (${kib(made.bytes)}); it opens and passes quick_check.`,
    );
    io.out(`${(await call(services, 'db:backups', {})).length} backups kept (the newest 7).`);
    return 0;
  });
}

interface CheckOutcome {
  ok: boolean;
  lines: string[];
  json: Record<string, unknown>;
}

function checkAll(paths: ProfilePaths): CheckOutcome {
  const health = checkProfile(paths, { full: true });
  const backups = listBackups(paths.dir);
  const lines = [`Database: ${paths.db}`];
  const json: Record<string, unknown> = {
    database: paths.db,
    state: health.state,
    problem: health.problem,
    evidence: health.evidence,
    backups,
  };
  let ok = health.state === 'ok';
  if (!ok) lines.push(`Check: FAILED — ${health.problem?.message ?? 'needs recovery'}`);
  else if (health.schemaVersion === 0) lines.push('Check: ok (no database yet)');
  else {
    const db = openSqlite(paths.db, { readonly: true, fileMustExist: true });
    try {
      // Here every table, whatever the size: the start-up check bounds itself (health.ts FULL_CHECK_MAX_BYTES).
      const problem = quickCheck(db, 0);
      const damaged = problem ? [] : scanStoredJson(db);
      const ids = new Set<string>([
        ...db.prepare<[], string>('SELECT id FROM outbox').pluck().all(),
        ...db.prepare<[], string>('SELECT id FROM proof_drafts').pluck().all(),
      ]);
      const missing = readIntentJournal(paths.dir).filter((e) => !ids.has(e.id));
      json.quickCheck = problem ? problem.message : 'ok';
      json.damagedRows = damaged;
      json.missingFromJournal = missing;
      lines.push(
        problem
          ? `Check: FAILED — ${problem.message}`
          : `Check: ok (quick_check of every table, schema ${health.schemaVersion ?? '?'})`,
      );
      lines.push(
        damaged.length ? `Damaged rows (${damaged.length}):` : 'Damaged rows: none (every stored JSON value parses)',
      );
      for (const d of damaged) lines.push(`  ${describeRowProblem(d).replace(/^skipped /, '')}`);
      if (missing.length) {
        lines.push(
          `Missing (${missing.length}): made after the last backup, not in the database now (a lost write-ahead log?):`,
        );
        for (const m of missing)
          lines.push(
            `  ${m.t === 'draft' ? 'draft' : 'action'} ${m.id}${m.name ? ` (${m.name})` : ''}${m.orderLineId ? ` on ${m.orderLineId}` : ''}, ${when(m.at)}`,
          );
      }
      ok = !problem && damaged.length === 0 && missing.length === 0;
    } finally {
      db.close();
    }
  }
  lines.push(backups.length ? `Backups (${backups.length}, newest first):` : 'Backups: none yet');
  for (const b of backups) lines.push(`  ${describeBackup(b)}`);
  return { ok, lines, json };
}

async function check(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, JSON_OPTIONS, COMMAND_USAGE['db check']);
  const paths = profilePaths(dataDirOf(values, io.env), values.demo === true);
  const outcome = checkAll(paths);
  if (values.json) io.out(JSON.stringify({ ok: outcome.ok, ...outcome.json }, null, 2));
  else io.out(outcome.lines.join('\n'));
  if (outcome.ok) return 0;
  io.err(
    `seller-desk: ${recoveryAdvice(paths, { problem: { kind: 'check_failed', message: 'the database check found problems' } })}`,
  );
  return 1;
}

async function restore(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, RESTORE_OPTIONS, COMMAND_USAGE['db restore']);
  if (values.from !== undefined && !values.from.trim())
    throw new UsageError("option '--from' needs a file", COMMAND_USAGE['db restore']);
  const paths = profilePaths(dataDirOf(values, io.env), values.demo === true);
  return owning(paths, 'db restore', async () => {
    const answer = await restoreDatabase(paths, { from: values.from ? path.resolve(io.cwd, values.from) : undefined });
    // Migrated now, with its own backup first, so the next command finds a database ready to use.
    await prepareProfile(paths);
    openProfileDatabase(paths).close();
    io.out(`Restored ${describeBackup(answer.restoredFrom)}.`);
    io.out(
      answer.keptAs ? `The database it replaced is kept as ${answer.keptAs}.` : 'There was no database to replace.',
    );
    return 0;
  });
}

export function recoveryText(r: RecoveryReport): string {
  const out: string[] = [];
  out.push(`Recovered into a new database${r.damagedFile ? `; the damaged file is kept as ${r.damagedFile}` : ''}.`);
  if (r.backupUsed) out.push(`Rows the damaged file no longer had were taken from ${describeBackup(r.backupUsed)}.`);
  const header = ['TABLE', 'SAVED', 'FROM BACKUP', 'LOST'];
  const rows = r.tables
    .filter((t) => t.saved + t.fromBackup + t.lost > 0)
    .map((t) => [t.table, String(t.saved), String(t.fromBackup), String(t.lost)]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((x) => x[c].length)));
  for (const row of [header, ...rows])
    out.push(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  out.push(r.lostActions.length ? `Lost actions (${r.lostActions.length}):` : 'Lost actions: none');
  for (const a of r.lostActions)
    out.push(`  ${a.id}${a.kind ? ` ${a.kind}` : ''}${a.orderLineId ? ` on ${a.orderLineId}` : ''}: ${a.reason}`);
  out.push(r.lostDrafts.length ? `Lost drafts (${r.lostDrafts.length}):` : 'Lost drafts: none');
  for (const d of r.lostDrafts)
    out.push(`  ${d.id}${d.label ? ` "${d.label}"` : ''}${d.orderLineId ? ` on ${d.orderLineId}` : ''}: ${d.reason}`);
  for (const n of r.notes) out.push(`Note: ${n.message}`);
  out.push(
    `Order lines: the cache (${r.orderLinesToRepull} lines) is pulled again from the marketplace at the next sync.`,
  );
  out.push(`Report: ${r.reportFile}`);
  return out.join('\n');
}

async function recover(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, JSON_OPTIONS, COMMAND_USAGE['db recover']);
  const paths = profilePaths(dataDirOf(values, io.env), values.demo === true);
  return owning(paths, 'db recover', async () => {
    const report = await recoverDatabase(paths);
    io.out(values.json ? JSON.stringify(report, null, 2) : recoveryText(report));
    return 0;
  });
}

export async function runDb(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const all = [
    COMMAND_USAGE['db backup'],
    COMMAND_USAGE['db check'],
    COMMAND_USAGE['db restore'],
    COMMAND_USAGE['db recover'],
  ];
  if (sub === '--help' || sub === '-h') throw new HelpRequested(all.join('\n       '));
  if (sub === 'backup') return backup(rest, io);
  if (sub === 'check') return check(rest, io);
  if (sub === 'restore') return restore(rest, io);
  if (sub === 'recover') return recover(rest, io);
  throw new UsageError(
    sub ? `unknown db command '${sub}'` : 'missing db command (backup, check, restore or recover)',
    all.join('\n       '),
  );
}
