// The diagnostics ZIP (docs/diagnostics.md): what support needs to see why Seller Desk misbehaves, and nothing that
// lets anyone act as the seller. `seller-desk diagnostics --out FILE.zip` and the desktop app's Help → Export
// diagnostics… both call exportDiagnostics. Every text in the ZIP is redacted once more on the way out, with the AK
// and SK known now: a line written before they were registered (or by an older version) is still masked
// (docs/architecture.md "Security": never in logs).
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { release, type as osType, version as osVersion } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { version as appVersion } from '../../package.json';
import type { ReadDb } from '../db/connection';
import { redact } from '../log';
import type { SettingsReader } from '../settings/app-settings';
import { writeFileAtomic } from '../settings/credential-store';
import { logsDir, type Profile } from '../settings/paths';
import { outboxStateCounts, quickCheck, schemaInfo, tableCounts } from './repo';

/** The newest log files first, up to this many bytes in all (the rotated files of every process kind are ~60 MiB). */
export const DIAGNOSTICS_LOG_BUDGET = 20 * 1024 * 1024;

export type DiagnosticsTransport = 'electron' | 'browser-host' | 'cli';

export interface DiagnosticsSource {
  /** The app data folder; its `logs/` is read. */
  dataDir: string;
  profile: Profile;
  transport: DiagnosticsTransport;
  /** The open profile's database; null when it could not be opened (`error` says why). */
  db: ReadDb | null;
  settings: SettingsReader | null;
  error?: string;
  /** More values to mask (e.g. a host token); the settings' AK and SK are always masked. */
  secrets?: Iterable<string>;
  now: number;
  logBudgetBytes?: number;
}

export interface DiagnosticsResult {
  file: string;
  bytes: number;
  /** The ZIP's entry names, in order. */
  entries: string[];
  /** `PRAGMA quick_check`'s answer (['ok'] when sound); null without a database. */
  quickCheck: string[] | null;
  logsLeftOut: string[];
}

export function runtimeVersions(transport: DiagnosticsTransport, now: number): Record<string, string | null> {
  const v = process.versions;
  return {
    generatedAt: new Date(now).toISOString(),
    app: appVersion,
    transport,
    electron: v.electron ?? null,
    chrome: v.chrome ?? null,
    node: v.node,
    v8: v.v8,
    platform: process.platform,
    arch: process.arch,
    osType: osType(),
    osRelease: release(),
    osVersion: osVersion(),
  };
}

/** Settings by name, never spread from the view: the view carries the AK. */
function settingsPart(source: DiagnosticsSource): unknown {
  const base = { profile: source.profile, dataDir: source.dataDir };
  if (!source.settings) return { ...base, error: source.error ?? 'the profile could not be opened' };
  const v = source.settings.view();
  return {
    ...base,
    endpoint: v.endpoint,
    syncIntervalMinutes: v.syncIntervalMinutes,
    language: v.language,
    waitingThresholdDays: v.waitingThresholdDays,
    // Whether the AK/SK are set, never what they are (and under a key the redaction patterns leave alone).
    credentials: v.ak && v.hasSk ? 'set' : 'not set',
  };
}

function sizeOf(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

/** Each check on its own: one that fails is reported and the others still run. */
function attempt<T>(fn: () => T): T | { error: string } {
  try {
    return fn();
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

function databasePart(source: DiagnosticsSource): { part: unknown; check: string[] | null } {
  const { db } = source;
  if (!db) return { part: { error: source.error ?? 'the database could not be opened' }, check: null };
  const check = attempt(() => quickCheck(db));
  // The WAL holds what is not checkpointed yet: both sizes tell how big the cache really is.
  const file = { file: db.name, sizeBytes: sizeOf(db.name), walBytes: sizeOf(`${db.name}-wal`) };
  return {
    part: { ...file, ...attempt(() => schemaInfo(db)), quickCheck: check, tables: attempt(() => tableCounts(db)) },
    check: Array.isArray(check) ? check : null,
  };
}

interface LogFileRead {
  name: string;
  bytes: Uint8Array;
  size: number;
  modifiedAt: string;
  truncated: boolean;
}

/** The last `max` bytes of a file (a log's newest lines are at its end). */
function readTail(file: string, max: number): { bytes: Uint8Array; size: number } {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, max);
    const bytes = new Uint8Array(length);
    let read = 0;
    while (read < length) {
      const n = readSync(fd, bytes, read, length - read, size - length + read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: bytes.subarray(0, read), size };
  } finally {
    closeSync(fd);
  }
}

function recentLogs(dir: string, budget: number): { files: LogFileRead[]; leftOut: string[] } {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.log'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { files: [], leftOut: [] };
    throw err;
  }
  const found = names
    .map((name) => ({ name, stat: attempt(() => statSync(join(dir, name))) }))
    .flatMap((f) => ('error' in f.stat ? [] : [{ name: f.name, mtimeMs: f.stat.mtimeMs }]))
    .sort((a, b) => b.mtimeMs - a.mtimeMs || a.name.localeCompare(b.name));
  const files: LogFileRead[] = [];
  const leftOut: string[] = [];
  let left = budget;
  for (const f of found) {
    if (left <= 0) {
      leftOut.push(f.name);
      continue;
    }
    const tail = attempt(() => readTail(join(dir, f.name), left));
    if ('error' in tail) {
      leftOut.push(f.name);
      continue;
    }
    left -= tail.bytes.length;
    const modifiedAt = new Date(f.mtimeMs).toISOString();
    const truncated = tail.bytes.length < tail.size;
    files.push({ name: f.name, bytes: tail.bytes, size: tail.size, modifiedAt, truncated });
  }
  return { files, leftOut };
}

/** Writes the diagnostics ZIP to `outFile` (temp file, fsync, rename; mode 0600: it holds the logs). */
export function exportDiagnostics(source: DiagnosticsSource, outFile: string): DiagnosticsResult {
  const creds = source.settings?.credentials();
  const secrets = [...(creds ? [creds.ak, creds.sk] : []), ...(source.secrets ?? [])];
  const text = (s: string): Uint8Array => strToU8(redact(s, secrets));
  const json = (v: unknown): Uint8Array => text(`${JSON.stringify(v, null, 2)}\n`);

  const { db } = source;
  const database = databasePart(source);
  const dir = logsDir(source.dataDir);
  const logs = recentLogs(dir, source.logBudgetBytes ?? DIAGNOSTICS_LOG_BUDGET);
  const entries: Zippable = {
    'versions.json': json(runtimeVersions(source.transport, source.now)),
    'settings.json': json(settingsPart(source)),
    'database.json': json(database.part),
    'outbox.json': json(db ? attempt(() => outboxStateCounts(db)) : { error: source.error ?? 'no database' }),
    'logs.json': json({
      dir,
      included: logs.files.map(({ name, size, modifiedAt, truncated }) => ({ name, size, modifiedAt, truncated })),
      leftOut: logs.leftOut,
    }),
  };
  for (const f of logs.files) entries[`logs/${f.name}`] = text(Buffer.from(f.bytes).toString('utf8'));

  const zip = zipSync(entries, { level: 6, mtime: source.now });
  writeFileAtomic(outFile, zip, 0o600);
  return {
    file: outFile,
    bytes: zip.length,
    entries: Object.keys(entries),
    quickCheck: database.check,
    logsLeftOut: logs.leftOut,
  };
}
