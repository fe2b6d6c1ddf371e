// Which page the main area shows: Service Supervision, proofs, Bills (B1–B5), the Sync Center, Settings.
import { createStore } from 'zustand/vanilla';

export const PAGES = ['supervision', 'proofs', 'bills', 'sync-center', 'settings'] as const;
export type PageId = (typeof PAGES)[number];

export interface NavState {
  page: PageId;
  /**
   * The order line the open proof editor was opened from (its detail panel), else null (the proofs list): "Back"
   * returns there.
   */
  editorFrom: string | null;
  go(page: PageId): void;
  /** Shows the proof editor, remembering where "Back" returns. */
  toEditor(fromOrderLineId: string | null): void;
}

export function createNavStore(initial: PageId = 'supervision') {
  return createStore<NavState>()((set) => ({
    page: initial,
    editorFrom: null,
    go: (page) => set({ page }),
    toEditor: (fromOrderLineId) => set({ page: 'proofs', editorFrom: fromOrderLineId }),
  }));
}
export type NavStore = ReturnType<typeof createNavStore>;
