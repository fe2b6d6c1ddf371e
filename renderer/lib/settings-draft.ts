// The Settings form's draft ↔ the `settings:set` patch. The SK is write-only:
// the draft starts without it and it is sent only when the user typed a new one.
import type { SettingsPatch } from '../../common/api/contract';
import type { SettingsView } from '../../common/api/types';

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
  if (draft.syncIntervalMinutes.trim() === '' || interval !== saved.syncIntervalMinutes) patch.syncIntervalMinutes = interval;
  const days = Number(draft.waitingThresholdDays);
  if (draft.waitingThresholdDays.trim() === '' || days !== saved.waitingThresholdDays) patch.waitingThresholdDays = days;
  return patch;
}
