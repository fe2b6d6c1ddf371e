// React access to the outbox and toast stores, beside StoresContext's hooks.
import { useStore } from 'zustand';
import { useStores } from './StoresContext';
import type { OutboxStoreState } from './outbox-store';
import type { ToastState } from './toast-store';

export const useOutbox = <T>(select: (s: OutboxStoreState) => T): T => useStore(useStores().outbox, select);
export const useToasts = <T>(select: (s: ToastState) => T): T => useStore(useStores().toasts, select);
/** "Pending sync" for one order line. */
export const usePendingSync = (orderLineId: string): boolean => useOutbox((s) => s.pending.has(orderLineId));
