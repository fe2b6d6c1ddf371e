import { describe, expect, it } from 'vitest';
import { stubApi } from './testing/stub-api';
import type { SettingsPatch } from '../../common/api/contract';
import { fail, ok } from '../../common/api/result';
import type { SettingsView } from '../../common/api/types';
import { createSettingsStore, LANGUAGE_DECIDED_KEY } from './settings-store';

function fakeMain(language: SettingsView['language'] = 'en', refuse = false) {
  let saved: SettingsView = {
    endpoint: null,
    ak: null,
    hasSk: false,
    syncIntervalMinutes: 15,
    language,
    waitingThresholdDays: 5,
    theme: 'system',
  };
  const patches: SettingsPatch[] = [];
  const api = stubApi({
    'settings:get': async () => ok(saved),
    'app:info': async () => ok({ version: '0.1.0', demo: false, transport: 'browser-host' as const }),
    'settings:set': async (patch: SettingsPatch) => {
      patches.push(patch);
      if (refuse) return fail('internal', 'disk full');
      saved = { ...saved, ...(patch.language ? { language: patch.language } : {}) };
      return ok(saved);
    },
  });
  return { api, patches };
}

function memory(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('settings store: UI language', () => {
  it('first run on a Chinese system: the default becomes 简体中文 and is saved once', async () => {
    const main = fakeMain('en');
    const store = createSettingsStore(main.api, 'zh-CN', memory());
    await store.getState().load();
    expect(store.getState().language).toBe('zh-CN');
    expect(main.patches).toEqual([{ language: 'zh-CN' }]);
  });

  it('once decided, the saved setting wins (an explicit English stays English)', async () => {
    const main = fakeMain('en');
    const store = createSettingsStore(main.api, 'zh-CN', memory({ [LANGUAGE_DECIDED_KEY]: '1' }));
    await store.getState().load();
    expect(store.getState().language).toBe('en');
    expect(main.patches).toEqual([]);
  });

  it('switching applies at once and is persisted through settings:set; a refusal rolls it back', async () => {
    const good = fakeMain('en');
    const store = createSettingsStore(good.api, 'en', memory());
    await store.getState().load();
    await store.getState().setLanguage('zh-CN');
    expect(store.getState().language).toBe('zh-CN');
    expect(store.getState().settings?.language).toBe('zh-CN');

    const bad = fakeMain('en', true);
    const refused = createSettingsStore(bad.api, 'en', memory());
    await refused.getState().load();
    const result = await refused.getState().setLanguage('zh-CN');
    expect(result.ok).toBe(false);
    expect(refused.getState().language).toBe('en');
  });
});

describe('settings store: quick saves', () => {
  it('two quick saves reach main in order, one at a time, and the older answer never replaces the newer change', async () => {
    const view = (waitingThresholdDays: number): SettingsView => ({
      endpoint: null,
      ak: null,
      hasSk: false,
      syncIntervalMinutes: 15,
      language: 'en',
      waitingThresholdDays,
      theme: 'system',
    });
    const calls: number[] = [];
    const answers: Array<() => void> = [];
    const api = stubApi({
      'settings:set': (patch: SettingsPatch) =>
        new Promise((resolve) => {
          calls.push(patch.waitingThresholdDays ?? 0);
          answers.push(() => resolve(ok(view(patch.waitingThresholdDays ?? 0))));
        }),
    });
    const store = createSettingsStore(api, 'en');
    const first = store.getState().save({ waitingThresholdDays: 6 });
    const second = store.getState().save({ waitingThresholdDays: 7 });
    await Promise.resolve();
    // The second waits for the first's answer before it is sent.
    expect(calls).toEqual([6]);
    answers[0]();
    await first;
    // The first answer is older than the second change: not applied.
    expect(store.getState().settings).toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual([6, 7]);
    answers[1]();
    await second;
    expect(store.getState().settings?.waitingThresholdDays).toBe(7);
  });
});
