// A native date field shows its placeholder (mm/dd/yyyy) and its value in the browser's locale, whatever the
// document's `lang` says (Chromium ignores `lang` on <input type=date>). When that locale is not the UI language,
// the date is shown beside the field as YYYY-MM-DD, or the format when it is empty ("年-月-日" in Chinese).
import { useLanguage, useT } from '../i18n/use-t';
import { languageFromLocale } from '../i18n/languages';

export function nativeDateMatches(
  lang: string,
  browserLocale: string | undefined = typeof navigator === 'undefined' ? undefined : navigator.language,
): boolean {
  return languageFromLocale(browserLocale) === lang;
}

export function DateFormatHint({ value, testId }: { value: string; testId?: string }) {
  const lang = useLanguage();
  const t = useT();
  if (nativeDateMatches(lang)) return null;
  return (
    <span className="muted small date-hint" aria-hidden="true" data-testid={testId}>
      {value || t('date.formatHint')}
    </span>
  );
}
