import { describe, expect, it } from 'vitest';
import { settingsPatch } from '../../common/api/contract';
import { makeTranslate } from '../i18n/translate';
import { fieldErrors, toFieldErrors } from './field-errors';
import { issueText } from './issue-text';

describe('field errors beside the inputs', () => {
  it("main's validation details ({ path, message }[]) become messages by field", () => {
    const errors = fieldErrors({
      details: [
        { path: 'endpoint', message: 'expected a URL' },
        { path: ['sort', 'field'], message: 'bad sort' },
        { nonsense: true },
      ],
    });
    expect(errors).toEqual({ endpoint: { message: 'expected a URL' }, sort: { message: 'bad sort' } });
    expect(fieldErrors({})).toEqual({});
    expect(fieldErrors(null)).toEqual({});
  });

  it('issues from a local parse with the contract schema are said in the UI language', () => {
    const parsed = settingsPatch.safeParse({
      endpoint: 'not a url',
      syncIntervalMinutes: 0,
      waitingThresholdDays: 400,
      ak: '',
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const errors = toFieldErrors(parsed.error.issues);
    const zh = makeTranslate('zh-CN');
    const en = makeTranslate('en');
    expect(issueText(errors.syncIntervalMinutes, en)).toBe('Must be at least 1.');
    expect(issueText(errors.syncIntervalMinutes, zh)).toBe('不能小于 1。');
    expect(issueText(errors.waitingThresholdDays, en)).toBe('Must be at most 365.');
    expect(issueText(errors.endpoint, zh)).toMatch(/网址/);
    expect(issueText(errors.ak, en)).toBe('Required.');
    expect(issueText({ message: 'as main said' }, zh)).toBe('as main said');
  });
});
