import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../common/api/types';
import { draftOf, patchOf } from './settings-draft';

const saved: SettingsView = {
  endpoint: 'https://mkt.example.com',
  ak: 'AK1',
  hasSk: true,
  syncIntervalMinutes: 15,
  language: 'en',
  waitingThresholdDays: 5,
};

describe('Settings form', () => {
  it('the SK is write-only: the draft never holds it and an untouched form sends nothing', () => {
    const draft = draftOf(saved);
    expect(draft.sk).toBe('');
    expect(patchOf(draft, saved)).toEqual({});
  });

  it('sends only changed fields; a new SK only when typed; an emptied endpoint removes it', () => {
    const patch = patchOf({ ...draftOf(saved), endpoint: '', sk: 'secret', waitingThresholdDays: '7' }, saved);
    expect(patch).toEqual({ endpoint: null, sk: 'secret', waitingThresholdDays: 7 });
  });

  it('an emptied number field is sent so the schema names it beside the field', () => {
    expect(patchOf({ ...draftOf(saved), syncIntervalMinutes: '' }, saved)).toEqual({ syncIntervalMinutes: 0 });
  });
});
