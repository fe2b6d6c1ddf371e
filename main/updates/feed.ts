// Where the update feed is: the build's `publish` entry (electron-builder writes it to app-update.yml, which
// electron-updater reads by itself), unless SELLER_DESK_UPDATE_URL points somewhere else (a staging feed, a
// company mirror). See docs/desktop.md "Updates".
export const UPDATE_URL_ENV = 'SELLER_DESK_UPDATE_URL';

export type FeedOverride = { kind: 'build' } | { kind: 'url'; url: string } | { kind: 'invalid'; value: string };

/** The override from the environment: an http(s) URL, or nothing (the build's feed); anything else is refused. */
export function feedFromEnv(env: Readonly<Record<string, string | undefined>>): FeedOverride {
  const value = env[UPDATE_URL_ENV]?.trim();
  if (!value) return { kind: 'build' };
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return { kind: 'url', url: url.href };
  } catch {
    // fall through: not a URL
  }
  return { kind: 'invalid', value };
}
