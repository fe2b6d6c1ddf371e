// The update banner from main's `update:status` event, in English and Chinese, and the restart request: the draft's
// pending autosave is saved first, a refusal lists what is unsent with "Restart anyway" / "Restart when sent", and a
// "Restart when sent" that main found ready is confirmed by the window.
import { describe, expect, it, vi } from 'vitest';
import { stubApi } from './testing/stub-api';
import type { RestartAnswer, UpdateStatus } from '../../common/api/contract-updates';
import { ok } from '../../common/api/result';
import { makeTranslate } from '../i18n/translate';
import { updateBanner } from '../lib/update-view';
import { connectUpdates, createUpdateStore } from './update-store';

const en = makeTranslate('en');
const zh = makeTranslate('zh-CN');

const base: UpdateStatus = {
  phase: 'idle',
  currentVersion: '0.1.0',
  version: null,
  percent: null,
  error: null,
  checkedAt: null,
  requestedAt: 1,
  manual: false,
  waitingFor: null,
  confirmRestart: false,
};
const ready: UpdateStatus = { ...base, phase: 'ready', version: '0.2.0', percent: 100, checkedAt: 5 };
const refusal: RestartAnswer = {
  restarting: false,
  waiting: false,
  unsentActions: 3,
  unsavedDraft: false,
  message: '3 actions not yet sent to the marketplace',
};

function fakeApi(answers: RestartAnswer[] = []) {
  const listeners: Array<(s: UpdateStatus) => void> = [];
  const calls: string[] = [];
  const restarts: Array<{ mode?: string; unsavedDraft?: boolean }> = [];
  const api = stubApi({
    'update:status': async () => ok(base),
    'update:check': async () => ok({ ...base, phase: 'checking' as const, manual: true, requestedAt: 2 }),
    'update:restart': async (input: { mode?: 'now' | 'anyway' | 'when-sent'; unsavedDraft?: boolean }) => {
      calls.push('restart');
      restarts.push(input);
      return ok(
        answers.shift() ?? { restarting: true, waiting: false, unsentActions: 0, unsavedDraft: false, message: null },
      );
    },
    'update:cancel-restart': async () => ok(ready),
    on: (event, fn) => {
      // The listener of 'update:status' takes an UpdateStatus (the generic E is not narrowed by the test).
      if (event === 'update:status') listeners.push(fn as (s: UpdateStatus) => void);
      return () => undefined;
    },
  });
  return { api, calls, restarts, emit: (s: UpdateStatus) => listeners.forEach((l) => l(s)) };
}

describe('the update banner (renderer)', () => {
  it('an update:status event with a downloaded version shows "Version X is ready — Restart to update"', async () => {
    const { api, emit } = fakeApi();
    const store = createUpdateStore({ api, flushDrafts: async () => false });
    connectUpdates(store, api);
    await vi.waitFor(() => expect(store.getState().status).toEqual(base));
    expect(updateBanner(store.getState().status, null, null, en)).toBeNull();

    emit(ready);
    const view = updateBanner(store.getState().status, store.getState().refused, store.getState().dismissed, en);
    expect(view).toMatchObject({
      tone: 'info',
      text: 'Version 0.2.0 is ready — Restart to update',
      actions: ['restart', 'later'],
    });
    expect(updateBanner(ready, null, null, zh)?.text).toBe('版本 0.2.0 已就绪 — 重启即可更新');
    // "Later" hides it until there is news (another version, or a check asked for from the menu).
    store.getState().dismiss(view?.key ?? '');
    expect(updateBanner(store.getState().status, null, store.getState().dismissed, en)).toBeNull();
    emit({ ...ready, requestedAt: 9, manual: true });
    expect(updateBanner(store.getState().status, null, store.getState().dismissed, en)).not.toBeNull();
  });

  it('the first status read never overwrites an event that overtook it', async () => {
    const { api, emit } = fakeApi();
    const store = createUpdateStore({ api, flushDrafts: async () => false });
    connectUpdates(store, api);
    emit(ready);
    await new Promise((r) => setTimeout(r, 10));
    expect(store.getState().status).toEqual(ready);
  });

  it('P4: Restart saves the pending draft first; refused → what is unsent, "Restart anyway" / "Restart when sent" / "Later"', async () => {
    const { api, calls, restarts, emit } = fakeApi([refusal]);
    const flushDrafts = vi.fn(async () => {
      calls.push('flush');
      return false;
    });
    const store = createUpdateStore({ api, flushDrafts });
    connectUpdates(store, api);
    emit(ready);
    await store.getState().restart('now');
    expect(calls).toEqual(['flush', 'restart']);
    expect(restarts).toEqual([{ mode: 'now', unsavedDraft: false }]);
    const s = store.getState();
    expect(updateBanner(s.status, s.refused, s.dismissed, en)).toMatchObject({
      text: 'Version 0.2.0 is ready, but restarting now would leave work behind:',
      reasons: ['3 actions not yet sent to the marketplace'],
      actions: ['restartAnyway', 'restartWhenSent', 'later'],
    });
    expect(updateBanner(s.status, s.refused, s.dismissed, zh)?.reasons).toEqual(['3 个操作尚未发送到云商店']);

    await store.getState().restart('anyway');
    expect(restarts.at(-1)).toEqual({ mode: 'anyway', unsavedDraft: false });
  });

  it('P4: a draft edit that could not be saved is reported, and waiting is not offered for it', async () => {
    const { api, restarts, emit } = fakeApi([
      { ...refusal, unsentActions: 0, unsavedDraft: true, message: 'a draft edit is not saved' },
    ]);
    const store = createUpdateStore({ api, flushDrafts: async () => true });
    connectUpdates(store, api);
    emit(ready);
    await store.getState().restart('now');
    expect(restarts).toEqual([{ mode: 'now', unsavedDraft: true }]);
    const s = store.getState();
    expect(updateBanner(s.status, s.refused, s.dismissed, en)).toMatchObject({
      reasons: ['a draft edit is not saved'],
      actions: ['restartAnyway', 'later'],
    });
  });

  it('"Restart when sent": the waiting banner, then main asks to confirm and the window saves its draft and confirms', async () => {
    const { api, calls, restarts, emit } = fakeApi([{ ...refusal, waiting: true }]);
    const store = createUpdateStore({
      api,
      flushDrafts: async () => {
        calls.push('flush');
        return false;
      },
    });
    connectUpdates(store, api);
    emit(ready);
    await store.getState().restart('when-sent');
    emit({ ...ready, waitingFor: 3 });
    expect(updateBanner(store.getState().status, store.getState().refused, null, en)).toMatchObject({
      text: 'Version 0.2.0 will be installed once 3 actions are sent to the marketplace.',
      actions: ['restartAnyway', 'dontWait'],
    });
    calls.length = 0;
    emit({ ...ready, waitingFor: 0, confirmRestart: true });
    await vi.waitFor(() => expect(calls).toEqual(['flush', 'restart']));
    expect(restarts.at(-1)).toEqual({ mode: 'now', unsavedDraft: false });
  });

  it('checks at start are quiet; a check from the menu says "up to date" or why it failed, in words', () => {
    expect(updateBanner({ ...base, phase: 'up-to-date', version: '0.1.0' }, null, null, en)).toBeNull();
    expect(updateBanner({ ...base, phase: 'up-to-date', version: '0.1.0', manual: true }, null, null, en)?.text).toBe(
      'Seller Desk 0.1.0 is up to date.',
    );
    const failed: UpdateStatus = {
      ...base,
      phase: 'error',
      manual: true,
      error: {
        code: 'feed_invalid',
        message: 'the update information from the feed is not valid: latest.yml is empty',
      },
    };
    expect(updateBanner({ ...failed, manual: false }, null, null, en)).toBeNull();
    expect(updateBanner(failed, null, null, en)).toMatchObject({
      tone: 'error',
      text: 'Could not update: the update information on the server is not valid.',
      actions: ['retry', 'close'],
    });
    expect(updateBanner(failed, null, null, zh)?.text).toBe('无法更新：更新服务器上的更新信息无效。');
    const other: UpdateStatus = { ...failed, error: { code: 'other', message: 'the update failed: disk full' } };
    expect(updateBanner(other, null, null, en)?.text).toBe('Could not update: the update failed: disk full.');
  });
});
