// English UI strings for the local database's recovery screen, backups and damaged-row notice (docs/architecture.md
// "Data"); en.ts spreads them in. `one|other` pairs are plurals by `{n}`.
import type {
  BACKUP_REASONS,
  DB_PROBLEM_KINDS,
  LOST_REASON_CODES,
  RECOVERY_NOTE_CODES,
} from '../../common/api/contract-db';

type Each<P extends string, T extends readonly string[]> = `${P}.${T[number]}`;
/** The tables a recovery reports on (main/profile/recover.ts), in words. */
export const RECOVERED_TABLES = [
  'settings',
  'sync_cursors',
  'delivery_templates',
  'attachments',
  'uploads',
  'outbox',
  'outbox_log',
  'outbox_pending',
  'proof_drafts',
  'proof_draft_log',
  'bill_revisions',
  'bill_lines',
  'account_snapshots',
  'sync_rejects',
] as const;
/** Every problem kind and backup reason main reports has words (a new one without them is a type error). */
type DbEnumKeys =
  | Each<'db.problem', typeof DB_PROBLEM_KINDS>
  | Each<'db.reason', typeof BACKUP_REASONS>
  | Each<'db.table', typeof RECOVERED_TABLES>
  | Each<'db.lost', typeof LOST_REASON_CODES>
  | Each<'db.note', typeof RECOVERY_NOTE_CODES>;

export const recoveryEn = {
  'db.checking': 'Checking the local database…',
  'db.recovery.title': 'The local database needs attention',
  'db.recovery.sub':
    'Seller Desk found a problem with its database and replaced nothing. Restore a backup, or recover what can still be read.',
  'db.problem.missing': 'The database file is missing, although this data folder held data.',
  'db.problem.empty': 'The database file is empty (0 bytes), although this data folder held data.',
  'db.problem.not_a_database': 'The database file is damaged: it no longer starts like a database.',
  'db.problem.malformed': 'SQLite reports the database file as damaged.',
  'db.problem.check_failed': 'The database check found damage.',
  'db.problem.wal_lost': 'The most recent changes, kept in the write-ahead log, are missing or damaged.',
  'db.details': 'Details',
  'db.restoreLatest': 'Restore latest backup',
  'db.restoreLatestHint':
    'Puts back the backup of {date} ({size}). What was changed after it is not in it. The current file is kept.',
  'db.noBackup': 'There is no backup to restore.',
  'db.recover': 'Recover',
  'db.recoverHint':
    'Saves what can still be read — drafts, queued actions, attachments, bills, settings — into a new database and lists what could not be saved. Order lines are pulled again from the marketplace.',
  'db.restoring': 'Restoring…',
  'db.recovering': 'Recovering…',
  'db.failed': 'That did not work: {message}',
  'db.restored': 'Restored the backup of {date}.',
  'db.recovered': 'The database was recovered.',
  'db.continue': 'Open Seller Desk',
  'db.report.table': 'Data',
  'db.report.saved': 'Saved',
  'db.report.fromBackup': 'From the backup',
  'db.report.lost': 'Lost',
  'db.report.lostDrafts': 'Drafts that could not be saved',
  'db.report.lostActions': 'Actions that could not be saved',
  'db.report.nothingLost': 'No draft and no queued action was lost.',
  'db.report.repull':
    '{n} cached order line will be pulled again at the next sync.|{n} cached order lines will be pulled again at the next sync.',
  'db.report.damagedFile': 'The damaged file is kept as {file}.',
  'db.report.file': 'The full report is {file} in the data folder.',
  'db.report.unnamed': '(no name)',
  'db.backups.title': 'Backups',
  'db.backups.sub': 'Taken before every database update and once a day, checked after writing; the newest 7 are kept.',
  'db.backups.empty': 'No backups yet.',
  'db.backups.date': 'Date',
  'db.backups.size': 'Size',
  'db.backups.kind': 'Made',
  'db.backups.restore': 'Restore',
  'db.backups.confirm':
    'Restore the backup of {date}? The current database is backed up first; what was changed since this backup will not be in the app.',
  'db.backups.confirmRecover':
    'Recover the database? What can be read is saved into a new database; the current file is kept beside it.',
  'db.backups.cancel': 'Cancel',
  'db.backups.backupNow': 'Back up now',
  'db.backups.made': 'Backed up ({size}).',
  'db.reason.daily': 'daily',
  'db.reason.migration': 'before an update',
  'db.reason.manual': 'by hand',
  'db.reason.restore': 'before a restore',
  'db.reason.recover': 'after a recovery',
  'db.rows.notice':
    '{n} stored item is damaged and was left out: {rows}.|{n} stored items are damaged and were left out: {rows}.',
  'db.rows.hint': 'Recover them in Settings → Backups, or run “seller-desk db recover”.',
  'db.lost.bad_json': 'its stored data is damaged',
  'db.lost.damaged_page': 'it was on a damaged part of the file',
  'db.lost.after_backup': 'it was made after the last backup and the damage took it',
  'db.lost.rule': 'it no longer fits the database',
  'db.note.header_repaired': 'The start of the database file was repaired.',
  'db.note.header_rebuilt': 'The header of the database file was rebuilt.',
  'db.note.schema_from_backup': 'The database’s table of contents was taken from the backup.',
  'db.note.no_file': 'There was no database file to read: everything saved comes from the backup.',
  'db.note.unreadable': 'Nothing could be read from the damaged file: everything saved comes from the backup.',
  'db.note.delivery_lost':
    'The delivery queued from draft {draft} was lost; the draft can be edited and delivered again.',
  'db.table.order_lines': 'Order lines',
  'db.table.settings': 'Settings',
  'db.table.sync_cursors': 'Sync positions',
  'db.table.delivery_templates': 'Delivery templates',
  'db.table.attachments': 'Attachments',
  'db.table.uploads': 'Uploads in progress',
  'db.table.outbox': 'Seller actions',
  'db.table.outbox_log': 'Action history',
  'db.table.outbox_pending': 'Pending order changes',
  'db.table.proof_drafts': 'Delivery-proof drafts',
  'db.table.proof_draft_log': 'Draft history',
  'db.table.bill_revisions': 'Bill revisions',
  'db.table.bill_lines': 'Bill lines',
  'db.table.account_snapshots': 'Account history',
  'db.table.sync_rejects': 'Rejected feed items',
} satisfies Record<DbEnumKeys, string> & Record<string, string>;
