// Settings and connection: endpoint, sync interval, language and waiting threshold live in
// SQLite's settings table; the AK/SK only in the credential store — never SQLite, never logs, and the SK
// is never handed back (settings:get answers hasSk).
import { AppError } from '../../common/api/result';
import {
  savedView,
  tableColumns,
  type SavedView,
  type SettingsPatch,
  type TableColumns,
} from '../../common/api/contract';
import type { SettingsView } from '../../common/api/types';
import type { Db, ReadDb } from '../db/connection';
import { getSetting, setSetting } from '../sync/sync-state';
import type { CredentialStore, Credentials } from './credential-store';

export const SETTING_KEYS = {
  endpoint: 'endpoint',
  syncIntervalMinutes: 'syncIntervalMinutes',
  language: 'language',
  waitingThresholdDays: 'waitingThresholdDays',
  theme: 'theme',
  cannedReasons: 'cannedReasons',
  tableColumns: 'tableColumns',
  savedViews: 'savedViews',
} as const;

/** docs/rules.md S5: "waiting too long" defaults to 5 days. */
export const DEFAULTS = { syncIntervalMinutes: 15, language: 'en', waitingThresholdDays: 5, theme: 'system' } as const;

export interface Connection {
  endpoint: string;
  credentials: Credentials;
}

export interface AppSettings {
  view(): SettingsView;
  /** Endpoint and credentials when all three are set; else null (not configured). */
  connection(): Connection | null;
  /** The current credentials, read from memory (the store is read once, then kept in step). */
  credentials(): Credentials | null;
  /** Applies a validated patch; `connectionChanged` tells the caller to rebuild the client and sync. */
  apply(patch: SettingsPatch): { view: SettingsView; connectionChanged: boolean };
}

// Settings are JSON values; whatever an older or broken write left is read defensively.
function intSetting(db: ReadDb, key: string, fallback: number): number {
  const n = getSetting<unknown>(db, key);
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The saved reject reasons: a JSON array of non-empty strings; anything else written there reads as none. */
function stringListSetting(db: ReadDb, key: string): string[] {
  const v = getSetting<unknown>(db, key);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

/** The supervision table's layout as the contract allows it; anything else written there reads as the defaults. */
function tableColumnsSetting(db: ReadDb): TableColumns {
  const parsed = tableColumns.safeParse(getSetting<unknown>(db, SETTING_KEYS.tableColumns));
  return parsed.success ? parsed.data : { widths: {}, hidden: [] };
}

/** The saved views that still read as views (one a newer version wrote differently is left out, not the others). */
function savedViewsSetting(db: ReadDb): SavedView[] {
  const v = getSetting<unknown>(db, SETTING_KEYS.savedViews);
  if (!Array.isArray(v)) return [];
  return v.flatMap((item) => {
    const parsed = savedView.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

function stringSetting(db: ReadDb, key: string): string | null {
  const v = getSetting<unknown>(db, key);
  return typeof v === 'string' && v !== '' ? v : null;
}

/** `https://x/` and `https://x` are the same marketplace. */
export const normalizeEndpoint = (url: string): string => url.trim().replace(/\/+$/, '');

/**
 * `onSecret` hears every credential the settings hold — the AK as well as the SK — so the logger masks both
 * (docs/architecture.md "Security": never written to logs).
 */
/** What a read-only command may use: the settings as the window sees them and the saved connection. */
export type SettingsReader = Pick<AppSettings, 'view' | 'connection' | 'credentials'>;

/** The log masks both keys wherever they appear (docs/architecture.md "Security"). */
function maskKeys(c: Credentials, onSecret?: (secret: string) => void): void {
  onSecret?.(c.ak);
  onSecret?.(c.sk);
}

function loadCredentials(store: CredentialStore, onSecret?: (secret: string) => void): Credentials | null {
  const creds = store.load();
  if (creds) maskKeys(creds, onSecret);
  return creds;
}

function settingsReads(db: ReadDb, creds: () => Credentials | null): SettingsReader {
  const endpoint = (): string | null => stringSetting(db, SETTING_KEYS.endpoint);
  return {
    view: () => {
      const language = stringSetting(db, SETTING_KEYS.language);
      const theme = stringSetting(db, SETTING_KEYS.theme);
      const c = creds();
      return {
        endpoint: endpoint(),
        ak: c?.ak ?? null,
        hasSk: Boolean(c?.sk),
        syncIntervalMinutes: intSetting(db, SETTING_KEYS.syncIntervalMinutes, DEFAULTS.syncIntervalMinutes),
        language: language === 'zh-CN' || language === 'en' ? language : DEFAULTS.language,
        waitingThresholdDays: intSetting(db, SETTING_KEYS.waitingThresholdDays, DEFAULTS.waitingThresholdDays),
        theme: theme === 'light' || theme === 'dark' || theme === 'system' ? theme : DEFAULTS.theme,
        cannedReasons: stringListSetting(db, SETTING_KEYS.cannedReasons),
        tableColumns: tableColumnsSetting(db),
        savedViews: savedViewsSetting(db),
      };
    },
    credentials: creds,
    connection() {
      const e = endpoint();
      const c = creds();
      return e && c ? { endpoint: e, credentials: c } : null;
    },
  };
}

/** A read-only command's settings: read once, never written (its database handle refuses writes anyway). */
export function createSettingsReader(
  db: ReadDb,
  store: CredentialStore,
  onSecret?: (secret: string) => void,
): SettingsReader {
  const creds = loadCredentials(store, onSecret);
  return settingsReads(db, () => creds);
}

export function createAppSettings(db: Db, store: CredentialStore, onSecret?: (secret: string) => void): AppSettings {
  let creds = loadCredentials(store, onSecret);
  const reads = settingsReads(db, () => creds);
  const { view } = reads;
  const endpoint = (): string | null => stringSetting(db, SETTING_KEYS.endpoint);

  function nextCredentials(patch: SettingsPatch): Credentials | null | undefined {
    if (patch.ak === undefined && patch.sk === undefined) return undefined; // untouched
    // Clearing either key disconnects: a signer needs both.
    if (patch.ak === null || patch.sk === null) return null;
    const ak = patch.ak ?? creds?.ak;
    const sk = patch.sk ?? creds?.sk;
    if (!ak || !sk)
      throw new AppError('validation', 'enter both the access key (AK) and the secret key (SK)', [
        { path: ak ? 'sk' : 'ak', message: 'required' },
      ]);
    return { ak, sk };
  }

  return {
    ...reads,
    apply(patch) {
      // Validate everything before writing anything.
      const nextCreds = nextCredentials(patch);
      // '' = clear the endpoint.
      const nextEndpoint =
        patch.endpoint === undefined ? undefined : patch.endpoint === null ? '' : normalizeEndpoint(patch.endpoint);
      if (nextEndpoint && !/^https?:\/\/[^/]/i.test(nextEndpoint)) {
        throw new AppError('validation', 'endpoint: expected an http:// or https:// URL', [
          { path: 'endpoint', message: 'expected http(s)' },
        ]);
      }
      let connectionChanged = false;
      db.transaction(() => {
        if (nextEndpoint !== undefined && nextEndpoint !== (endpoint() ?? '')) {
          setSetting(db, SETTING_KEYS.endpoint, nextEndpoint || undefined);
          connectionChanged = true;
        }
        if (patch.syncIntervalMinutes !== undefined)
          setSetting(db, SETTING_KEYS.syncIntervalMinutes, patch.syncIntervalMinutes);
        if (patch.language !== undefined) setSetting(db, SETTING_KEYS.language, patch.language);
        if (patch.waitingThresholdDays !== undefined)
          setSetting(db, SETTING_KEYS.waitingThresholdDays, patch.waitingThresholdDays);
        if (patch.theme !== undefined) setSetting(db, SETTING_KEYS.theme, patch.theme);
        if (patch.cannedReasons !== undefined)
          setSetting(db, SETTING_KEYS.cannedReasons, patch.cannedReasons.length ? patch.cannedReasons : undefined);
        if (patch.tableColumns !== undefined) setSetting(db, SETTING_KEYS.tableColumns, patch.tableColumns);
        if (patch.savedViews !== undefined)
          setSetting(db, SETTING_KEYS.savedViews, patch.savedViews.length ? patch.savedViews : undefined);
      })();
      if (nextCreds !== undefined) {
        const same = nextCreds?.ak === creds?.ak && nextCreds?.sk === creds?.sk;
        if (!same) {
          if (nextCreds) {
            maskKeys(nextCreds, onSecret);
            store.save(nextCreds);
          } else store.clear();
          creds = nextCreds;
          connectionChanged = true;
        }
      }
      return { view: view(), connectionChanged };
    },
  };
}
