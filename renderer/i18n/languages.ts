// The UI languages (every string in English and Simplified Chinese).
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language to start with before settings arrive: Chinese for any zh-* browser/OS locale. */
export function languageFromLocale(locale: string | undefined | null): Language {
  return locale && /^zh\b/i.test(locale) ? 'zh-CN' : 'en';
}
