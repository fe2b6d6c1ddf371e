// The Settings form's draft ↔ the `settings:set` patch. The SK is write-only:
// the draft starts without it and it is sent only when the user typed a new one.
import { settingsPatch, type SettingsPatch } from '../../common/api/contract';
import type { SettingsView } from '../../common/api/types';
import { toFieldErrors, type FieldErrors } from './field-errors';

export interface Draft {
  endpoint: string;
  ak: string;
  sk: string;
  syncIntervalMinutes: string;
  waitingThresholdDays: string;
}

export function draftOf(s: SettingsView): Draft {
  return {
    endpoint: s.endpoint ?? '',
    ak: s.ak ?? '',
    sk: '',
    syncIntervalMinutes: String(s.syncIntervalMinutes),
    waitingThresholdDays: String(s.waitingThresholdDays),
  };
}

/** Only what changed goes to main; an emptied endpoint/AK means "remove" (null). */
export function patchOf(draft: Draft, saved: SettingsView): SettingsPatch {
  const patch: SettingsPatch = {};
  const endpoint = draft.endpoint.trim();
  const ak = draft.ak.trim();
  if (endpoint !== (saved.endpoint ?? '')) patch.endpoint = endpoint || null;
  if (ak !== (saved.ak ?? '')) patch.ak = ak || null;
  if (draft.sk) patch.sk = draft.sk;
  const interval = Number(draft.syncIntervalMinutes);
  if (draft.syncIntervalMinutes.trim() === '' || interval !== saved.syncIntervalMinutes)
    patch.syncIntervalMinutes = interval;
  const days = Number(draft.waitingThresholdDays);
  if (draft.waitingThresholdDays.trim() === '' || days !== saved.waitingThresholdDays)
    patch.waitingThresholdDays = days;
  return patch;
}

/**
 * The draft checked with the contract's own schema (common/api/contract.ts `settingsPatch`), worked out again from
 * the draft on every change: a value corrected back into range has no issue left, so its message goes and Save comes
 * back. Only changed fields are checked (patchOf), so a field the user has not touched never shows an issue.
 */
export function draftIssues(draft: Draft, saved: SettingsView): FieldErrors {
  const parsed = settingsPatch.safeParse(patchOf(draft, saved));
  return parsed.success ? {} : toFieldErrors(parsed.error.issues);
}

/** Save is offered when something changed and nothing in the draft is invalid. */
export function canSave(draft: Draft, saved: SettingsView): boolean {
  return Object.keys(patchOf(draft, saved)).length > 0 && Object.keys(draftIssues(draft, saved)).length === 0;
}
