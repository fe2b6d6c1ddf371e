// The browser host's `window.sellerDesk` (docs/architecture.md "Two transports, one handler table"): each channel is
// `POST /api/<channel>` with the per-run token; events arrive as named server-sent events.
// Installed only when no preload provided the bridge (i.e. not in Electron).
import { CHANNELS, EVENT_NAMES, type EventName, type Events } from '../../common/api/contract';
import type { SellerDeskApi } from '../../common/api/bridge';
import { fail, type ApiError, type Result } from '../../common/api/result';

export const TOKEN_HEADER = 'X-Seller-Desk-Token';
export const TOKEN_STORAGE_KEY = 'sellerDesk.token';

export interface EventSourceLike {
  addEventListener(type: string, listener: (event: { data: string }) => void): void;
  close(): void;
}

export interface ShimEnv {
  fetch: (
    url: string,
    init: { method: string; headers: Record<string, string>; body: string },
  ) => Promise<{
    status: number;
    json(): Promise<unknown>;
  }>;
  createEventSource: (url: string) => EventSourceLike;
}

export interface TokenEnv {
  href: string;
  replaceUrl(url: string): void;
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * The token comes in the page URL (`?token=…`, printed by `seller-desk serve`). Keep it for this tab
 * in sessionStorage and take it out of the address bar, so it is not bookmarked or shared by accident.
 */
export function takeToken(env: TokenEnv): string | null {
  const url = new URL(env.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    env.storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    env.replaceUrl(url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return env.storage.getItem(TOKEN_STORAGE_KEY);
}

function isResult(x: unknown): x is Result<unknown> {
  if (typeof x !== 'object' || x === null || !('ok' in x)) return false;
  const r = x as { ok: unknown; value?: unknown; error?: unknown };
  if (r.ok === true) return 'value' in r;
  return r.ok === false && typeof r.error === 'object' && r.error !== null;
}

function statusError(status: number): ApiError {
  if (status === 401) return { code: 'unauthorized', message: 'The browser host refused the access token.' };
  if (status === 403) return { code: 'forbidden', message: 'The browser host refused this request.' };
  if (status === 404) return { code: 'not_found', message: 'Unknown API channel.' };
  return { code: 'internal', message: `The browser host answered HTTP ${status}.` };
}

export function createHostBridge(token: string, env: ShimEnv): SellerDeskApi {
  const call = async (channel: string, input: unknown): Promise<Result<unknown>> => {
    let response: Awaited<ReturnType<ShimEnv['fetch']>>;
    try {
      response = await env.fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { [TOKEN_HEADER]: token, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch (err) {
      // The host is gone (stopped, laptop asleep): a calm, typed state, not a thrown error.
      return fail('offline', err instanceof Error ? err.message : 'The browser host cannot be reached.');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (isResult(body)) return body;
    return { ok: false, error: statusError(response.status) };
  };

  type Listener = (payload: unknown) => void;
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSourceLike | null = null;
  const connect = (): void => {
    if (source) return;
    source = env.createEventSource(`/api/events?token=${encodeURIComponent(token)}`);
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (event) => {
        let payload: unknown;
        try {
          payload = JSON.parse(event.data);
        } catch {
          return; // a malformed event is dropped; the next refetch corrects the view
        }
        for (const listener of listeners.get(name) ?? []) listener(payload);
      });
    }
  };

  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) api[channel] = (input: unknown) => call(channel, input);
  api.on = <E extends EventName>(event: E, listener: (payload: Events[E]) => void): (() => void) => {
    connect();
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const wrapped = listener as Listener;
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  };
  // Built from the contract's channel list, so its shape is SellerDeskApi by construction.
  return api as SellerDeskApi;
}
