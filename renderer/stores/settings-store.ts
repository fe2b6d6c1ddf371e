// Settings and app info as main reports them; the UI language follows settings.
import { createStore } from 'zustand/vanilla';
import type { SellerDeskApi } from '../../common/api/bridge';
import type { SettingsPatch } from '../../common/api/contract';
import type { ApiError, Result } from '../../common/api/result';
import type { AppInfo, ConnectionTest, SettingsView } from '../../common/api/types';
import type { Language } from '../i18n/languages';

export interface SettingsState {
  settings: SettingsView | null;
  info: AppInfo | null;
  /** The language shown: the OS/browser one until settings arrive, then the saved one. */
  language: Language;
  loadError: ApiError | null;
  load(): Promise<void>;
  save(patch: SettingsPatch): Promise<Result<SettingsView>>;
  setLanguage(language: Language): Promise<Result<SettingsView>>;
  /** "Test connection": a signed account request with the saved connection (never changes what is saved). */
  testConnection(): Promise<Result<ConnectionTest>>;
}

export const DEFAULT_WAITING_DAYS = 5;
/** Set once the UI language has been decided on this machine (by the OS default or by the user). */
export const LANGUAGE_DECIDED_KEY = 'sellerDesk.languageDecided';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * `initialLanguage` comes from the OS/browser locale. Main always reports a language (English until one
 * is saved), so on the first run here a Chinese-locale user's default is saved once; after that the
 * saved setting wins, including an explicit switch back to English.
 */
export function createSettingsStore(
  api: SellerDeskApi,
  initialLanguage: Language,
  storage: KeyValueStorage | null = null,
) {
  const decided = (): boolean => storage?.getItem(LANGUAGE_DECIDED_KEY) === '1';
  const markDecided = (): void => storage?.setItem(LANGUAGE_DECIDED_KEY, '1');
  let queue: Promise<unknown> = Promise.resolve();
  let saves = 0;
  return createStore<SettingsState>()((set, get) => ({
    settings: null,
    info: null,
    language: initialLanguage,
    loadError: null,
    load: async () => {
      const [settings, info] = await Promise.all([api['settings:get']({}), api['app:info']({})]);
      if (info.ok) set({ info: info.value });
      if (!settings.ok) {
        set({ loadError: settings.error });
        return;
      }
      set({ settings: settings.value, language: settings.value.language, loadError: null });
      if (!decided()) {
        markDecided();
        if (initialLanguage !== settings.value.language && settings.value.language === 'en')
          await get().setLanguage(initialLanguage);
      }
    },
    save: async (patch) => {
      // Saves go out one after the other, so main applies them in the order they were made (two quick ←/→ on a
      // column's resize handle), and only the newest one's answer replaces the settings: an older answer arriving
      // after a newer change would put the older value back on screen.
      const mine = ++saves;
      const answer = queue.then(() => api['settings:set'](patch));
      queue = answer.then(
        () => undefined,
        () => undefined,
      );
      const result = await answer;
      if (result.ok && mine === saves) set({ settings: result.value, language: result.value.language });
      return result;
    },
    setLanguage: async (language) => {
      markDecided();
      const previous = get().language;
      set({ language }); // switch at once; persisted below, rolled back if main refuses
      const result = await get().save({ language });
      if (!result.ok) set({ language: previous });
      return result;
    },
    testConnection: () => api['settings:test']({}),
  }));
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
