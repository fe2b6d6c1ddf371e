// The shared error codes in words (common/api/result.ts): `not_configured` says how to connect, in both languages;
// `internal` is the generic sentence with the error id to quote; anything else is main's own sentence. The action
// dialogs and the download button (action-errors.ts) use the same words; their listed reasons stay translated.
import { describe, expect, it } from 'vitest';
import { fail, type ApiError, type Result } from '../../common/api/result';
import { translate, type Translate } from '../i18n/translate';
import { actionErrorText } from '../pages/supervision/actions/action-errors';
import { errorIdOf, errorText, fixedInSettings } from './error-text';

const en: Translate = (key, params) => translate('en', key, params);
const zh: Translate = (key, params) => translate('zh-CN', key, params);
const errorOf = (r: Result<never>): ApiError => {
  if (r.ok) throw new Error('expected a failure');
  return r.error;
};

const notConfigured = errorOf(
  fail('not_configured', 'not connected: set the marketplace endpoint, AK and SK in Settings first'),
);
const internal = errorOf(
  fail('internal', 'Something went wrong inside Seller Desk (error 0badc0de). The log has the details.', {
    errorId: '0badc0de',
  }),
);

describe('errorText', () => {
  it('not_configured: how to connect, in English and Chinese, and the fix is in Settings', () => {
    expect(errorText(en, notConfigured)).toBe(
      'Not connected to the marketplace — set the endpoint, AK and SK in Settings',
    );
    expect(errorText(zh, notConfigured)).toBe('未连接云商店——请在“设置”中填写接口地址、AK 和 SK');
    expect(fixedInSettings(notConfigured)).toBe(true);
    expect(fixedInSettings(internal)).toBe(false);
  });

  it('internal: the generic sentence with "error <id>" to quote, in both languages', () => {
    expect(errorIdOf(internal)).toBe('0badc0de');
    expect(errorText(en, internal)).toBe(
      'Something went wrong inside Seller Desk; the log has the details — error 0badc0de',
    );
    expect(errorText(zh, internal)).toBe('Seller Desk 内部出错，详情已记入日志——错误 0badc0de');
  });

  it("an internal error main worded itself (no id) and every other code keep main's sentence", () => {
    const checksum = errorOf(
      fail('internal', 'the downloaded "a.pdf" does not match its SHA-256; try again', { reason: 'checksum' }),
    );
    expect(errorIdOf(checksum)).toBeNull();
    expect(errorText(en, checksum)).toBe('the downloaded "a.pdf" does not match its SHA-256; try again');
    expect(errorText(zh, errorOf(fail('conflict', 'this draft is queued')))).toBe('this draft is queued');
  });
});

describe('actionErrorText (action dialogs, attachment download)', () => {
  it('says "not connected" and "error <id>" like every other screen', () => {
    expect(actionErrorText(en, notConfigured)).toBe(
      'Not connected to the marketplace — set the endpoint, AK and SK in Settings',
    );
    expect(actionErrorText(zh, internal)).toContain('错误 0badc0de');
  });

  it('still translates a listed reason (typed: ErrorReason)', () => {
    const frozen = errorOf(fail('conflict', 'an appeal is open (S5a)', { reason: 'appeal_open' }));
    expect(actionErrorText(en, frozen)).toBe(en('actions.why.appeal_open'));
    expect(actionErrorText(en, frozen)).not.toContain('S5a');
  });
});
