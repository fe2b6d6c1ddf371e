// The colour theme (Settings → Appearance): 'system' follows prefers-color-scheme, 'light' / 'dark' force one.
// The resolved theme is set as data-theme="light|dark" on <html>; styles.css switches its colour tokens on it.
// The last choice is also kept in localStorage so the next start paints in the right theme before settings arrive.
import { useSyncExternalStore } from 'react';
import type { SettingsView } from '../../common/api/types';

export type ThemePreference = SettingsView['theme'];
export type ResolvedTheme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'sellerDesk.theme';
export const THEME_PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark'];

const DARK_QUERY = '(prefers-color-scheme: dark)';
let preference: ThemePreference = 'system';
let detachMedia: (() => void) | null = null;
const listeners = new Set<() => void>();

const isPreference = (v: unknown): v is ThemePreference => v === 'system' || v === 'light' || v === 'dark';

export function resolveTheme(pref: ThemePreference, systemDark: boolean): ResolvedTheme {
  return pref === 'system' ? (systemDark ? 'dark' : 'light') : pref;
}

function systemDark(): boolean {
  return (
    typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches
  );
}

function paint(): void {
  const next = resolveTheme(preference, systemDark());
  const root = document.documentElement;
  if (root.dataset.theme === next) return;
  root.dataset.theme = next;
  for (const l of listeners) l();
}

/** Applies a preference now (and follows the OS while it is 'system'). */
export function applyTheme(pref: ThemePreference, storage: Pick<Storage, 'setItem'> | null = null): void {
  preference = pref;
  storage?.setItem(THEME_STORAGE_KEY, pref);
  detachMedia?.();
  detachMedia = null;
  if (pref === 'system' && typeof window.matchMedia === 'function') {
    const mq = window.matchMedia(DARK_QUERY);
    const onChange = (): void => paint();
    mq.addEventListener('change', onChange);
    detachMedia = () => mq.removeEventListener('change', onChange);
  }
  paint();
}

/** At start, before settings arrive: the last preference this machine saw (else 'system'). */
export function applyStoredTheme(storage: Pick<Storage, 'getItem'> | null): void {
  const stored = storage?.getItem(THEME_STORAGE_KEY);
  applyTheme(isPreference(stored) ? stored : 'system');
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The theme on screen now, for code that draws its own colours (the Bills chart). */
export function useResolvedTheme(): ResolvedTheme {
  return useSyncExternalStore(
    subscribe,
    () => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light'),
    () => 'light',
  );
}
