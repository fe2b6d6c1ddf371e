// The translate function for the current UI language.
import { useMemo } from 'react';
import { useSettings } from '../stores/StoresContext';
import { makeTranslate, type Translate } from './translate';
import type { Language } from './languages';

export function useLanguage(): Language {
  return useSettings((s) => s.language);
}

export function useT(): Translate {
  const lang = useLanguage();
  return useMemo(() => makeTranslate(lang), [lang]);
}
