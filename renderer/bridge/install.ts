// Picks the bridge: the preload's in Electron, the HTTP shim in the browser host, a mock in `vite dev`.
import type { SellerDeskApi } from '../../common/api/bridge';
import { createHostBridge, takeToken } from './host-shim';

/**
 * Fired on `window` when the browser host's event stream breaks (stopped, restarted): the app checks the host at once.
 */
export const HOST_LOST_EVENT = 'sellerdesk:host-lost';

export interface Bridge {
  api: SellerDeskApi;
  /** False in the browser host when the page was opened without its token. */
  hasToken: boolean;
}

export async function installBridge(win: Window): Promise<Bridge> {
  // Electron: the preload defined it before any page script ran.
  if (typeof win.sellerDesk === 'object' && win.sellerDesk !== null) return { api: win.sellerDesk, hasToken: true };
  const token = takeToken({
    href: win.location.href,
    replaceUrl: (url) => win.history.replaceState(win.history.state, '', url),
    storage: win.sessionStorage,
  });
  if (token === null && import.meta.env.DEV) {
    const { createMockBridge } = await import('../dev/mock-bridge');
    const size = Number(new URL(win.location.href).searchParams.get('mock') ?? '2000');
    win.sellerDesk = createMockBridge({ size: Number.isFinite(size) && size > 0 ? size : 2000 });
    return { api: win.sellerDesk, hasToken: true };
  }
  win.sellerDesk = createHostBridge(token ?? '', {
    fetch: (url, init) => win.fetch(url, init),
    createEventSource: (url) => {
      const source = new EventSource(url);
      source.addEventListener('error', () => win.dispatchEvent(new Event(HOST_LOST_EVENT)));
      return source;
    },
  });
  return { api: win.sellerDesk, hasToken: token !== null };
}
