import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';
import { CATALOGS, placeholders, translate } from './translate';
import { languageFromLocale, LANGUAGES } from './languages';
import { STAGES, ORDER_STATUSES } from '../../common/marketplace/wire';

const keys = Object.keys(en) as (keyof typeof en)[];

describe('i18n (every UI string in English and Simplified Chinese)', () => {
  it('every language has exactly the English key set, none empty', () => {
    for (const lang of LANGUAGES) {
      const catalog = CATALOGS[lang];
      expect(Object.keys(catalog).sort()).toEqual([...keys].sort());
      for (const k of keys) expect(catalog[k].trim(), `${lang} ${k}`).not.toBe('');
    }
  });

  it('translations use the same placeholders as English', () => {
    for (const k of keys) expect(placeholders(zhCN[k]), k).toEqual(placeholders(en[k]));
  });

  it('Chinese strings are translated, not copied (except names and symbols)', () => {
    const sameAllowed = new Set(['app.name', 'detail.sku', 'detail.none', 'language.en', 'language.zh-CN']);
    const copied = keys.filter((k) => !sameAllowed.has(k) && zhCN[k] === en[k]);
    expect(copied).toEqual([]);
  });

  it('S2/O2a: every stage and order status has a label in both languages', () => {
    for (const s of STAGES) expect(translate('zh-CN', `stage.${s}`)).not.toBe(translate('en', `stage.${s}`));
    for (const s of ORDER_STATUSES) expect(translate('en', `orderStatus.${s}`)).toMatch(/\w/);
  });

  it('fills placeholders, formats numbers per language and picks English plurals', () => {
    expect(translate('en', 'table.count', { n: 1 })).toBe('1 order line');
    expect(translate('en', 'table.count', { n: 1_000_000 })).toBe('1,000,000 order lines');
    expect(translate('zh-CN', 'table.count', { n: 300 })).toBe('共 300 条订单行');
    expect(translate('en', 'table.countAbout', { n: 83_000 })).toBe('about 83,000 order lines');
    expect(translate('zh-CN', 'table.countAbout', { n: 83_000 })).toBe('约 83,000 条订单行');
    expect(translate('en', 'quick.waiting_long', { days: 5 })).toBe('Waiting > 5 days');
    expect(translate('zh-CN', 'quick.waiting_long', { days: 7 })).toBe('等待超过 7 天');
  });

  it('the default language follows the OS/browser locale', () => {
    expect(languageFromLocale('zh-CN')).toBe('zh-CN');
    expect(languageFromLocale('zh-TW')).toBe('zh-CN');
    expect(languageFromLocale('en-GB')).toBe('en');
    expect(languageFromLocale(undefined)).toBe('en');
  });
});
