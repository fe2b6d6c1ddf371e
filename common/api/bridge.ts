// `window.sellerDesk`: the one object the renderer talks to, in Electron (preload) and in the browser host (shim).
import type { Channel, ChannelInput, ChannelResult, EventName, Events } from './contract';
import type { Result } from './result';

export type SellerDeskApi = {
  [C in Channel]: (input: ChannelInput<C>) => Promise<Result<ChannelResult<C>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};

declare global {
  interface Window {
    sellerDesk: SellerDeskApi;
  }
}
