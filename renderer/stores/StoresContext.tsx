// React access to the stores built by createStores (one set per app, passed down by context).
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Stores } from './create-stores';
import type { NavState } from './nav-store';
import type { ClockState } from './clock-store';
import type { SettingsState } from './settings-store';
import type { SyncState } from './sync-store';
import type { OrdersState } from './orders-store';
import type { DetailState } from './detail-store';

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside <StoresProvider>');
  return stores;
}

export const useNav = <T,>(select: (s: NavState) => T): T => useStore(useStores().nav, select);
export const useNow = (): number => useStore(useStores().clock, (s: ClockState) => s.now);
export const useSettings = <T,>(select: (s: SettingsState) => T): T => useStore(useStores().settings, select);
export const useSync = <T,>(select: (s: SyncState) => T): T => useStore(useStores().sync, select);
export const useOrders = <T,>(select: (s: OrdersState) => T): T => useStore(useStores().orders, select);
export const useDetail = <T,>(select: (s: DetailState) => T): T => useStore(useStores().detail, select);
