import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../common/api/types';
import { canSave, draftIssues, draftOf, patchOf } from './settings-draft';

const saved: SettingsView = {
  endpoint: 'https://mkt.example.com',
  ak: 'AK1',
  hasSk: true,
  syncIntervalMinutes: 15,
  language: 'en',
  waitingThresholdDays: 5,
  theme: 'system',
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

  it('validation follows every change: 0 is refused, correcting it to 15 clears the message and Save comes back', () => {
    const other: SettingsView = { ...saved, syncIntervalMinutes: 30 };
    const zero = { ...draftOf(other), syncIntervalMinutes: '0' };
    expect(draftIssues(zero, other).syncIntervalMinutes).toMatchObject({ code: 'too_small', minimum: 1 });
    expect(canSave(zero, other)).toBe(false);

    const corrected = { ...zero, syncIntervalMinutes: '15' };
    expect(draftIssues(corrected, other)).toEqual({});
    expect(canSave(corrected, other)).toBe(true);
  });

  it('correcting one field leaves another invalid field flagged, and back to the saved value is nothing to save', () => {
    const bad = { ...draftOf(saved), syncIntervalMinutes: '0', waitingThresholdDays: '400' };
    expect(Object.keys(draftIssues(bad, saved)).sort()).toEqual(['syncIntervalMinutes', 'waitingThresholdDays']);
    const oneFixed = { ...bad, syncIntervalMinutes: '15' };
    expect(Object.keys(draftIssues(oneFixed, saved))).toEqual(['waitingThresholdDays']);
    expect(canSave(oneFixed, saved)).toBe(false);
    const bothFixed = { ...oneFixed, waitingThresholdDays: '5' };
    expect(draftIssues(bothFixed, saved)).toEqual({});
    expect(canSave(bothFixed, saved)).toBe(false); // equal to what is saved: nothing to send
  });
});
