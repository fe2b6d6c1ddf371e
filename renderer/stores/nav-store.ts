// Which page the main area shows: Service Supervision, proofs, Bills (B1–B5), the Sync Center, Settings.
import { createStore } from 'zustand/vanilla';

export const PAGES = ['supervision', 'proofs', 'bills', 'sync-center', 'settings'] as const;
export type PageId = (typeof PAGES)[number];

export interface NavState {
  page: PageId;
  go(page: PageId): void;
}

export function createNavStore(initial: PageId = 'supervision') {
  return createStore<NavState>()((set) => ({
    page: initial,
    go: (page) => set({ page }),
  }));
}
export type NavStore = ReturnType<typeof createNavStore>;
