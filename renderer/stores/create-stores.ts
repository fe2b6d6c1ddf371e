// Builds every store around one bridge and clock (no module-level state), and wires main's events.
import type { SellerDeskApi } from '../../common/api/bridge';
import type { Language } from '../i18n/languages';
import { createClockStore, type Clock } from './clock-store';
import { createDetailStore } from './detail-store';
import { createNavStore } from './nav-store';
import { createOrdersStore } from './orders-store';
import { createSettingsStore, type KeyValueStorage } from './settings-store';
import { createSyncStore } from './sync-store';
import { createOutboxStore } from './outbox-store';
import { createToastStore } from './toast-store';
import { startOutboxEvents } from './outbox-events';
import { connectProofs, createProofsStore } from './proofs-store';
import { connectUpdates, createUpdateStore } from './update-store';
import { createBillsStore } from './bills-store';
import { createReconStore } from './recon-store';
import { startBillsEvents } from './bills-events';

export function createStores(
  api: SellerDeskApi,
  clock: Clock,
  initialLanguage: Language,
  storage: KeyValueStorage | null = null,
) {
  const proofs = createProofsStore({ api });
  // Restart to update: the open draft's pending autosave is saved first; main hears whether an edit is still unsaved.
  const flushDrafts = async (): Promise<boolean> => {
    await proofs.getState().flush();
    return proofs.getState().hasUnsaved();
  };
  return {
    api,
    nav: createNavStore(),
    clock: createClockStore(clock),
    settings: createSettingsStore(api, initialLanguage, storage),
    sync: createSyncStore(api),
    orders: createOrdersStore({ api, clock }),
    detail: createDetailStore(api),
    outbox: createOutboxStore(api),
    toasts: createToastStore(),
    proofs,
    updates: createUpdateStore({ api, flushDrafts }),
    bills: createBillsStore({ api }),
    recon: createReconStore({ api, clock }),
  };
}
export type Stores = ReturnType<typeof createStores>;

/** A burst of `orders:changed` during a sync becomes one refetch per this many ms. */
export const CHANGE_COALESCE_MS = 300;
/**
 * Fallback poll of the sync status, in case an event was missed (the event stream connects after the
 * first status read, or reconnects): often while a sync runs, rarely otherwise.
 */
export const STATUS_POLL_MS = 30_000;
export const STATUS_POLL_SYNCING_MS = 2_000;

/** Subscribes to main's events, then loads everything; returns the cleanup. */
export function startStores(stores: Stores): () => void {
  const { api } = stores;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const ordersChanged = (reloadStatus: boolean): void => {
    if (pending !== null) return;
    pending = setTimeout(() => {
      pending = null;
      stores.orders.getState().refresh();
      void stores.detail.getState().refresh();
      if (reloadStatus) void stores.sync.getState().load();
    }, CHANGE_COALESCE_MS);
  };
  const offChanged = api.on('orders:changed', () => ordersChanged(true));
  const offProgress = api.on('sync:progress', (status) => stores.sync.getState().apply(status));
  const offOutbox = startOutboxEvents(stores);
  const offProofs = connectProofs(stores.proofs, api);
  const offUpdates = connectUpdates(stores.updates, api);
  const offBills = startBillsEvents(stores);
  // One selection: whatever opens an order's detail (a row, a toast, the import dialog) also selects that line,
  // so the table's highlight never sits on another order than the one the panel shows.
  const offDetail = stores.detail.subscribe((now, before) => {
    if (now.orderLineId !== null && now.orderLineId !== before.orderLineId)
      stores.orders.getState().selectId(now.orderLineId);
  });
  // A sync that finished or a cache that grew means new rows, even if an orders:changed event was missed.
  const offStatus = stores.sync.subscribe((now, before) => {
    if (!before.status || !now.status) return;
    if (now.status.lastSyncAt !== before.status.lastSyncAt || now.status.cachedLines !== before.status.cachedLines)
      ordersChanged(false);
  });

  void stores.settings.getState().load();
  let poll: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const pollStatus = async (): Promise<void> => {
    await stores.sync.getState().load();
    if (stopped) return;
    const syncing = stores.sync.getState().status?.syncing ?? false;
    poll = setTimeout(() => void pollStatus(), syncing ? STATUS_POLL_SYNCING_MS : STATUS_POLL_MS);
  };
  void pollStatus();
  const tick = setInterval(() => stores.clock.getState().tick(), 60_000);
  return () => {
    stopped = true;
    offChanged();
    offProgress();
    offOutbox();
    offProofs();
    offUpdates();
    offBills();
    offDetail();
    offStatus();
    if (poll !== null) clearTimeout(poll);
    clearInterval(tick);
    if (pending !== null) clearTimeout(pending);
    stores.orders.getState().dispose();
    stores.recon.getState().dispose();
  };
}
