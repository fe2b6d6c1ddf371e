// The order detail panel: one order line fetched by id, refetched when orders change.
import { createStore } from 'zustand/vanilla';
import type { SellerDeskApi } from '../../common/api/bridge';
import type { ApiError } from '../../common/api/result';
import type { OrderDetail } from '../../common/api/types';

export interface DetailState {
  orderLineId: string | null;
  detail: OrderDetail | null;
  loading: boolean;
  error: ApiError | null;
  open(orderLineId: string): Promise<void>;
  close(): void;
  refresh(): Promise<void>;
}

export function createDetailStore(api: SellerDeskApi) {
  return createStore<DetailState>()((set, get) => {
    const load = async (orderLineId: string, keepShown: boolean): Promise<void> => {
      set((s) => ({ loading: true, error: null, detail: keepShown ? s.detail : null }));
      const result = await api['orders:get']({ orderLineId });
      if (get().orderLineId !== orderLineId) return; // the user moved on meanwhile
      if (result.ok) set({ detail: result.value, loading: false, error: null });
      // Offline host: keep what is shown (if anything) and say so calmly.
      else set({ loading: false, error: result.error });
    };
    return {
      orderLineId: null,
      detail: null,
      loading: false,
      error: null,
      open: async (orderLineId) => {
        if (get().orderLineId === orderLineId && get().detail) return;
        set({ orderLineId });
        await load(orderLineId, false);
      },
      close: () => set({ orderLineId: null, detail: null, error: null, loading: false }),
      refresh: async () => {
        const id = get().orderLineId;
        if (id) await load(id, true);
      },
    };
  });
}
export type DetailStore = ReturnType<typeof createDetailStore>;
