// UI strings are words, not codes: no rule id such as "(S5a)" or "（B2、B3）" in either language (rule ids belong in
// code comments and tests), and a Chinese sentence ends with Chinese punctuation, never an ASCII full stop.
import { describe, expect, it } from 'vitest';
import { CATALOGS } from './translate';
import { LANGUAGES } from './languages';
import { zhCN } from './zh-CN';

/** A rule id in parentheses, ASCII or full-width: "(S5a)", "(P3)", "(B2, B3)", "（B2、B3）", "(S5/S5a)". */
const RULE_ID = /[(（](?:[OSPVB]\d+[a-z]?)(?:[,/ 、，]+[OSPVB]\d+[a-z]?)*[)）]/;
/**
 * An ASCII full stop right after a CJK character or full-width punctuation, at the end of a string or of a plural form.
 */
const CJK_THEN_DOT = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef”’]\.$/;

describe('words, not codes, in every UI string', () => {
  it('the rule-id pattern finds ids and leaves ordinary text alone', () => {
    for (const s of ['frozen (S5a).', '20 files (P3)', 'Totals (B2, B3)', '合计（B2、B3）', '(O2a/S2)'])
      expect(s).toMatch(RULE_ID);
    for (const s of ['PDF (up to 20 MB)', '(401)', '({status})', '(SOW)', 'ISO 8601 (UTC+8)'])
      expect(s).not.toMatch(RULE_ID);
  });

  it('no UI string in either language shows a rule id', () => {
    for (const lang of LANGUAGES) {
      const hits = Object.entries(CATALOGS[lang]).filter(([, text]) => RULE_ID.test(text));
      expect(hits, lang).toEqual([]);
    }
  });

  it('no Chinese string ends with an ASCII full stop after a CJK character', () => {
    const hits = Object.entries(zhCN).filter(([, text]) =>
      text.split('|').some((form) => CJK_THEN_DOT.test(form.trimEnd())),
    );
    expect(hits).toEqual([]);
  });
});
