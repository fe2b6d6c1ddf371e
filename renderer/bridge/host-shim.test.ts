import { describe, expect, it } from 'vitest';
import {
  createHostBridge,
  takeToken,
  TOKEN_HEADER,
  TOKEN_STORAGE_KEY,
  type EventSourceLike,
  type ShimEnv,
} from './host-shim';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

class FakeEventSource implements EventSourceLike {
  listeners = new Map<string, ((e: { data: string }) => void)[]>();
  closed = false;
  constructor(readonly url: string) {}
  addEventListener(type: string, l: (e: { data: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
  }
  emit(type: string, data: string) {
    for (const l of this.listeners.get(type) ?? []) l({ data });
  }
  close() {
    this.closed = true;
  }
}

describe('browser host shim (docs/architecture.md: same window.sellerDesk over HTTP)', () => {
  it('takes the token from ?token=, keeps it for the tab and removes it from the address bar', () => {
    const storage = memoryStorage();
    let replaced: string | null = null;
    const env = { href: 'http://127.0.0.1:4321/?token=abc123#x', replaceUrl: (u: string) => (replaced = u), storage };
    expect(takeToken(env)).toBe('abc123');
    expect(replaced).toBe('/#x');
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe('abc123');
    // A reload (no token in the URL any more) still finds it.
    expect(takeToken({ ...env, href: 'http://127.0.0.1:4321/' })).toBe('abc123');
    expect(takeToken({ ...env, href: 'http://127.0.0.1:4321/', storage: memoryStorage() })).toBeNull();
  });

  it('each channel is POST /api/<channel> with the token header and the JSON input; the Result comes back as is', async () => {
    const seen: { url: string; headers: Record<string, string>; body: string }[] = [];
    const env: ShimEnv = {
      fetch: async (url, init) => {
        seen.push({ url, headers: init.headers, body: init.body });
        return { status: 200, json: async () => ({ ok: true, value: { rows: [], total: 0 } }) };
      },
      createEventSource: (url) => new FakeEventSource(url),
    };
    const api = createHostBridge('tok', env);
    const result = await api['orders:list']({ text: '迁移', limit: 100 });
    expect(result).toEqual({ ok: true, value: { rows: [], total: 0 } });
    expect(seen[0].url).toBe('/api/orders:list');
    expect(seen[0].headers[TOKEN_HEADER]).toBe('tok');
    expect(JSON.parse(seen[0].body)).toEqual({ text: '迁移', limit: 100 });
  });

  it('a network failure is the calm `offline` error, never a throw', async () => {
    const api = createHostBridge('tok', {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      createEventSource: (url) => new FakeEventSource(url),
    });
    const result = await api['sync:status']({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toEqual({ code: 'offline', message: 'Failed to fetch' });
  });

  it('a non-Result answer (e.g. 401 without the token) becomes a typed error', async () => {
    const api = createHostBridge('', {
      fetch: async () => ({ status: 401, json: async () => 'nope' }),
      createEventSource: (url) => new FakeEventSource(url),
    });
    const result = await api['settings:get']({});
    expect(!result.ok && result.error.code).toBe('unauthorized');
  });

  it('events arrive as named SSE events on one EventSource carrying the token; unsubscribe stops them', () => {
    const sources: FakeEventSource[] = [];
    const api = createHostBridge('t k', {
      fetch: async () => ({ status: 200, json: async () => ({ ok: true, value: null }) }),
      createEventSource: (url) => {
        const s = new FakeEventSource(url);
        sources.push(s);
        return s;
      },
    });
    const changed: number[] = [];
    const off = api.on('orders:changed', (p) => changed.push(p.count));
    const progress: boolean[] = [];
    api.on('sync:progress', (p) => progress.push(p.syncing));
    expect(sources).toHaveLength(1);
    expect(sources[0].url).toBe('/api/events?token=t%20k');
    sources[0].emit('orders:changed', JSON.stringify({ count: 3 }));
    sources[0].emit('orders:changed', '{not json');
    sources[0].emit('sync:progress', JSON.stringify({ syncing: true }));
    off();
    sources[0].emit('orders:changed', JSON.stringify({ count: 4 }));
    expect(changed).toEqual([3]);
    expect(progress).toEqual([true]);
  });
});
