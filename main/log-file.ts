// The rotating log file behind a Logger (log.ts): `<dataDir>/logs/<name>.log`, written by electron-log's file
// transport, rotated at a size to `<name>.1.log` … `<name>.<keep>.log`. Lines arrive already redacted (log.ts), so
// nothing here sees a secret. The folder is 0700 and the files 0600, like the rest of the data folder
// (docs/architecture.md "Security"). Nothing is created until the first line is written: a command that logs
// nothing leaves no logs/ folder behind (docs/diagnostics.md).
import { chmodSync, closeSync, linkSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import type { EventEmitter } from 'node:events';
import { join, parse } from 'node:path';
import electronLog from 'electron-log/node';

/** 5 MiB a file, and the current file plus this many rotated ones: at most ~20 MiB per process kind. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_FILES_KEPT = 3;

/** One file per kind of process, so a CLI command run beside the app never rotates the app's file. */
export type LogFileName = 'main.log' | 'host.log' | 'cli.log';

export interface LogFileOptions {
  /** The logs folder, `<dataDir>/logs` (settings/paths.ts logsDir). */
  dir: string;
  name: LogFileName | `${string}.log`;
  maxBytes?: number;
  keep?: number;
}

export interface LogFile {
  readonly path: string;
  /** Appends one finished line; never throws (a log that cannot be written must not break the app). */
  write(line: string): void;
}

type ArchivedFile = Parameters<typeof electronLog.transports.file.archiveLogFn>[0];

/** `main.log` → `main.1.log` → … → `main.<keep>.log`, the oldest removed. */
export function rotatedPath(file: string, n: number): string {
  const p = parse(file);
  return join(p.dir, `${p.name}.${n}${p.ext}`);
}

/**
 * SELLER_DESK_LOG_AUDIT_DIR (set by the test runs, main/testing/log-audit.ts): every log file this process creates
 * is also hard-linked there, so the run can read every line it logged — also from folders a test has deleted, and
 * from files rotated away since — and check that no credential reached a log. A link that cannot be made is skipped.
 */
function linkForAudit(file: string): void {
  const dir = process.env.SELLER_DESK_LOG_AUDIT_DIR;
  if (!dir) return;
  try {
    linkSync(
      file,
      join(dir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}-${parse(file).base}`),
    );
  } catch {
    // Another file system, or the audit folder is gone: the run's audit reads what it has.
  }
}

function rotate(file: string, keep: number): void {
  rmSync(rotatedPath(file, keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    try {
      renameSync(rotatedPath(file, n), rotatedPath(file, n + 1));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  if (keep >= 1) renameSync(file, rotatedPath(file, 1));
  else rmSync(file, { force: true });
}

export function openLogFile(options: LogFileOptions): LogFile {
  const file = join(options.dir, options.name);
  const keep = Math.max(0, Math.floor(options.keep ?? LOG_FILES_KEPT));
  // A logger of our own, not electron-log's default: only its file transport, with our path, size and rotation.
  const logger = electronLog.create({ logId: `seller-desk:${file}` });
  logger.transports.console.level = false;
  // Absent outside Electron even though typed (electron-log's ipc factory returns undefined in plain Node).
  const ipc = logger.transports.ipc as typeof logger.transports.ipc | undefined;
  if (ipc) ipc.level = false;
  logger.transports.remote.level = false;
  const t = logger.transports.file;
  // The path is ours, so electron-log never has to guess an app name from a package.json.
  t.setAppName('seller-desk');
  t.resolvePathFn = () => file;
  t.maxSize = options.maxBytes ?? LOG_MAX_BYTES;
  t.format = '{text}'; // log.ts already wrote the time and level
  t.level = 'silly'; // log.ts decides what is written
  t.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  t.archiveLogFn = (old: ArchivedFile) => {
    try {
      rotate(old.path, keep);
      closeSync(openSync(old.path, 'a', 0o600));
      linkForAudit(old.path);
    } catch {
      // Rotation failed (a reader holds the file on Windows): start over rather than grow without bound.
      old.clear();
    }
  };

  let state: 'unprepared' | 'ready' | 'disabled' = 'unprepared';
  const prepare = (): void => {
    try {
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
      chmodSync(options.dir, 0o700);
      // Created (or re-moded) here so a file left by an older version is 0600 too; the umask cannot widen it.
      closeSync(openSync(file, 'a', 0o600));
      chmodSync(file, 0o600);
      linkForAudit(file);
      // electron-log reports a failed write (the folder removed under a running process, a full disk) on the
      // console, i.e. the CLI's stderr. The file's own error event is documented; its default listener is replaced
      // so a log that cannot be written is lost quietly instead.
      const emitter = t.getFile() as unknown as EventEmitter;
      emitter.removeAllListeners('error');
      emitter.on('error', () => undefined);
      state = 'ready';
    } catch {
      // A read-only data folder: keep working, without the file (and without noise on the CLI's stderr).
      state = 'disabled';
    }
  };

  return {
    path: file,
    write(line) {
      if (state === 'unprepared') prepare();
      if (state === 'ready') logger.info(line);
    },
  };
}
