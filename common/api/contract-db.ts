// The local database's health, backups, restore and recovery (docs/architecture.md "Data"), declared once like
// contract.ts, which spreads it in. A database that is missing, empty or damaged where the data folder shows there was
// data is never replaced silently: `db:status` says so and the window shows the recovery screen instead of the app.
import { z } from 'zod';
import { channel, result } from './channel';

/** `ok`: usable; `needs_recovery`: missing, empty or damaged where there was data — restore a backup or recover. */
export const DB_STATES = ['ok', 'needs_recovery'] as const;
export type DbState = (typeof DB_STATES)[number];

/**
 * What the check found. `missing`/`empty`: no database file, or a zero-byte one, though the folder had data;
 * `not_a_database`: the header is not SQLite's; `malformed`: SQLite reports the file damaged; `check_failed`: the quick
 * check listed problems; `wal_lost`: committed changes in the write-ahead log are gone (deleted or cut short).
 */
export const DB_PROBLEM_KINDS = [
  'missing',
  'empty',
  'not_a_database',
  'malformed',
  'check_failed',
  'wal_lost',
] as const;
export type DbProblemKind = (typeof DB_PROBLEM_KINDS)[number];

/** Why the folder shows there was data: the first-migration marker, backups, attachments. */
export const DB_EVIDENCE = ['marker', 'backups', 'attachments', 'wal'] as const;
export type DbEvidence = (typeof DB_EVIDENCE)[number];

export const BACKUP_REASONS = ['daily', 'migration', 'manual', 'restore', 'recover'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export interface DbBackup {
  /** The file name in `<profile>/backups/` (e.g. `backup-20250401-120000-000-daily.db`); what `db:restore` takes. */
  name: string;
  /** UTC ms. */
  createdAt: number;
  bytes: number;
  reason: BackupReason;
}

export interface DbProblem {
  kind: DbProblemKind;
  /** One English sentence with SQLite's own words where it gave some. */
  message: string;
}

/** A stored row whose JSON does not parse: skipped by the list that met it, never shown half-read. */
export interface DbRowProblem {
  table: string;
  /** The row's key (an outbox item id, a draft id, an order line id …). */
  id: string;
  column: string;
}

export interface DbStatus {
  state: DbState;
  problem: DbProblem | null;
  evidence: DbEvidence[];
  /** Newest first. */
  backups: DbBackup[];
  /** Rows skipped since the database was opened. */
  rowProblems: DbRowProblem[];
}

export interface RestoreAnswer {
  restoredFrom: DbBackup;
  /**
   * What became of the database that was replaced: a backup (`backups/…`) or the file moved aside (`damaged-….db`);
   * null when there was none.
   */
  keptAs: string | null;
}

export interface RecoveredTable {
  table: string;
  /** Rows read from the damaged database and kept. */
  saved: number;
  /** Rows the damaged database no longer had, taken from the latest backup. */
  fromBackup: number;
  /** Rows known to have existed that could not be kept. */
  lost: number;
}

/**
 * Why a draft or an action could not be kept: `bad_json` its stored JSON does not parse; `damaged_page` it sits on a
 * page SQLite cannot read (its key is still in an index); `after_backup` only the journal of recent work names it (made
 * after the last backup, gone with the damage); `rule` it breaks a constraint of the new database.
 */
export const LOST_REASON_CODES = ['bad_json', 'damaged_page', 'after_backup', 'rule'] as const;
export type LostReasonCode = (typeof LOST_REASON_CODES)[number];

/**
 * What else a recovery did, for the window to say in the user's language; `message` is the English for the CLI and the
 * log.
 */
export const RECOVERY_NOTE_CODES = [
  'header_repaired',
  'header_rebuilt',
  'schema_from_backup',
  'no_file',
  'unreadable',
  'delivery_lost',
] as const;
export type RecoveryNoteCode = (typeof RECOVERY_NOTE_CODES)[number];

export interface RecoveryNote {
  code: RecoveryNoteCode;
  message: string;
  /** `delivery_lost`: the draft that is editable again. */
  draftId?: string;
}

export interface LostDraft {
  id: string;
  label: string | null;
  orderLineId: string | null;
  code: LostReasonCode;
  /** English, e.g. "its stored content_json is not valid JSON". */
  reason: string;
}

export interface LostAction {
  id: string;
  kind: string | null;
  orderLineId: string | null;
  code: LostReasonCode;
  reason: string;
}

export interface RecoveryReport {
  /** UTC ms. */
  at: number;
  /** Where the damaged file was moved (`damaged-<time>.db`); null when there was no file. */
  damagedFile: string | null;
  /** The backup rows were taken from when the damaged file lacked them; null when none was usable. */
  backupUsed: DbBackup | null;
  tables: RecoveredTable[];
  lostDrafts: LostDraft[];
  lostActions: LostAction[];
  /** The order-line cache is not copied: the next sync pulls it again from the beginning. */
  orderLinesToRepull: number;
  /** What else happened (a header put back, a draft whose queued delivery was lost …). */
  notes: RecoveryNote[];
  /** The report as written beside the database (`recovery-<time>.json`). */
  reportFile: string;
}

const empty = z.object({}).strict();
/** A backup's file name, never a path: the window can only restore what is in the profile's backups folder. */
export const backupName = z.string().regex(/^backup-\d{8}-\d{6}-\d{3}-[a-z]+\.db$/, 'expected a backup file name');

export const dbContract = {
  'db:status': channel(empty, result<DbStatus>()),
  'db:backups': channel(empty, result<DbBackup[]>()),
  'db:backup': channel(empty, result<DbBackup>()),
  'db:restore': channel(z.object({ name: backupName.optional() }).strict(), result<RestoreAnswer>()),
  'db:recover': channel(empty, result<RecoveryReport>()),
} as const;

export type DbChannel = keyof typeof dbContract;

export interface DbEvents {
  'db:status': DbStatus;
}
