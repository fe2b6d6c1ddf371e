// Wires the events to the stores: `outbox:changed` (a change made elsewhere) refreshes counts, badges, the Sync
// Center and the shown order; a `notification` becomes a toast (browser host — Electron shows a desktop
// notification); a click on a desktop notification (`notification:open`) shows that order.
import type { Stores } from './create-stores';

/** Shows one order's detail on the Service Supervision page (a toast's or a notification's link). */
export function openOrder(stores: Stores, orderLineId: string): void {
  stores.nav.getState().go('supervision');
  void stores.detail.getState().open(orderLineId);
}

export function startOutboxEvents(stores: Stores): () => void {
  const { api } = stores;
  const offs = [
    api.on('outbox:changed', (counts) => stores.outbox.getState().changed(counts)),
    api.on('notification', (n) => {
      if (stores.settings.getState().info?.transport === 'electron') return;
      stores.toasts.getState().push(n);
    }),
    api.on('notification:open', ({ orderLineId }) => openOrder(stores, orderLineId)),
    // A pull or an answered action changed orders: their pending marks may have gone.
    api.on('orders:changed', () => void stores.outbox.getState().loadSummary()),
  ];
  void stores.outbox.getState().loadSummary();
  return () => {
    for (const off of offs) off();
  };
}
