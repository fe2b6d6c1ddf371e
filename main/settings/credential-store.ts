// Where the AK/SK live: never in SQLite, never in logs (docs/architecture.md "Security").
// The browser host and the CLI use a 0600 JSON file; Electron uses safeStorage (main/app).
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
  chmodSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Credentials } from '../sync/signer';

export type { Credentials };

export interface CredentialStore {
  load(): Credentials | null;
  save(credentials: Credentials): void;
  clear(): void;
}

/** Parses what a store held; anything malformed reads as "no credentials" rather than crashing start-up. */
export function parseCredentials(text: string): Credentials | null {
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null) return null;
    const { ak, sk } = v as Record<string, unknown>;
    return typeof ak === 'string' && typeof sk === 'string' && ak && sk ? { ak, sk } : null;
  } catch {
    return null;
  }
}

/** Writes `data` to `file` atomically: temp file (0600) → fsync → rename, so a crash leaves the old or the new file. */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o600): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    // openSync's mode is filtered by the umask; make sure it is exactly 0600.
    chmodSync(tmp, mode);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export function readFileOrNull(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export class FileCredentialStore implements CredentialStore {
  constructor(private readonly file: string) {}

  load(): Credentials | null {
    const bytes = readFileOrNull(this.file);
    return bytes ? parseCredentials(bytes.toString('utf8')) : null;
  }

  save(credentials: Credentials): void {
    writeFileAtomic(this.file, JSON.stringify({ ak: credentials.ak, sk: credentials.sk }));
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}

/** For tests and for a session that must not persist anything. */
export class MemoryCredentialStore implements CredentialStore {
  private value: Credentials | null;
  constructor(initial: Credentials | null = null) {
    this.value = initial;
  }
  load(): Credentials | null {
    return this.value ? { ...this.value } : null;
  }
  save(credentials: Credentials): void {
    this.value = { ...credentials };
  }
  clear(): void {
    this.value = null;
  }
}
