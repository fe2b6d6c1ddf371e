import { describe, expect, it } from 'vitest';
import { makeTranslate } from '../i18n/translate';
import { failureReason, syncFailedText } from './failure-text';

describe('a failing sync in words (docs/marketplace-api.md "Errors")', () => {
  const en = makeTranslate('en');
  const zh = makeTranslate('zh-CN');
  it('401 → "Sync failed: the marketplace refused the access key (401) — check Settings", in English and Chinese', () => {
    const f = { kind: 'unauthorized', status: 401, message: '401 APIGW.0301 signature mismatch' } as const;
    expect(syncFailedText(f, en)).toBe('Sync failed: the marketplace refused the access key (401) — check Settings');
    expect(syncFailedText(f, zh)).toBe('同步失败：云商店拒绝了访问密钥（401） — 请检查设置');
  });
  it('a 5xx is not sent to Settings; an unexpected error keeps its own words', () => {
    expect(syncFailedText({ kind: 'server', status: 503, message: '503' }, en)).toBe(
      'Sync failed: the marketplace is having trouble (503)',
    );
    expect(failureReason({ kind: 'other', status: null, message: 'disk full' }, en)).toBe(
      'unexpected error: disk full',
    );
  });
});
