// A tiny typed translator: the key set is English's, so a key missing from zh-CN is a type error.
// Messages may hold `{name}` placeholders and a plural pair `one|other` selected by the `n` parameter.
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import { localeOf } from '../lib/format';
import { keptIn } from '../lib/kept';
import type { Language } from './languages';

export type Messages = Record<MessageKey, string>;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const CATALOGS: Record<Language, Messages> = { en, 'zh-CN': zhCN };

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

// Made once per language (renderer/lib/kept.ts): every row's cells are translated.
const plurals = new Map<Language, Intl.PluralRules>();
const numberFormats = new Map<Language, Intl.NumberFormat>();
const pluralRules = (lang: Language): Intl.PluralRules =>
  keptIn(plurals, lang, () => new Intl.PluralRules(localeOf(lang)));
const numberFormat = (lang: Language): Intl.NumberFormat =>
  keptIn(numberFormats, lang, () => new Intl.NumberFormat(localeOf(lang)));

export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const catalog = CATALOGS[lang];
  let text = catalog[key] ?? en[key];
  const n = params?.n;
  if (text.includes('|') && typeof n === 'number') {
    const [one, other] = text.split('|');
    text = pluralRules(lang).select(n) === 'one' ? one : (other ?? one);
  }
  if (!params) return text;
  const numbers = numberFormat(lang);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}

export function makeTranslate(lang: Language): Translate {
  return (key, params) => translate(lang, key, params);
}

/** The placeholders a message uses, for the completeness test. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}
