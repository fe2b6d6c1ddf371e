// Credentials in Electron: encrypted with the OS keychain through safeStorage (docs/architecture.md "Security").
// Where the OS offers no encryption (a Linux session without a keyring) we fall back to the 0600 file
// the browser host uses, rather than Chromium's hard-coded-password "basic_text" backend.
import { safeStorage } from 'electron';
import { rmSync } from 'node:fs';
import {
  FileCredentialStore,
  parseCredentials,
  readFileOrNull,
  writeFileAtomic,
  type CredentialStore,
  type Credentials,
} from '../settings/credential-store';
import type { Logger } from '../log';

export class SafeStorageCredentialStore implements CredentialStore {
  constructor(private readonly file: string) {}

  load(): Credentials | null {
    const bytes = readFileOrNull(this.file);
    if (!bytes) return null;
    try {
      return parseCredentials(safeStorage.decryptString(bytes));
    } catch {
      // Encrypted by another OS user or keychain: unreadable, so the user is asked again.
      return null;
    }
  }

  save(credentials: Credentials): void {
    writeFileAtomic(this.file, safeStorage.encryptString(JSON.stringify({ ak: credentials.ak, sk: credentials.sk })));
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}

/** Call after app 'ready' (safeStorage needs it). */
export function createAppCredentialStore(
  paths: { credentials: string; credentialsEncrypted: string },
  log: Logger,
): CredentialStore {
  // getSelectedStorageBackend exists on Linux only.
  const usable =
    safeStorage.isEncryptionAvailable() &&
    (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  if (usable) return new SafeStorageCredentialStore(paths.credentialsEncrypted);
  log.warn('OS encryption unavailable: keeping credentials in a file readable only by this user (0600)');
  return new FileCredentialStore(paths.credentials);
}
