// Typed events main pushes to the renderer (docs/architecture.md: `orders:changed`, `sync:progress`; stores refetch).
// Both transports subscribe here: IPC (webContents.send) and the browser host (Server-Sent Events).
import type { EventName, Events } from '../../common/api/contract';

export type EventListener<E extends EventName> = (payload: Events[E]) => void;
export type AnyEventListener = <E extends EventName>(event: E, payload: Events[E]) => void;

export interface EventBus {
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
  /** Every event, with its name: what a transport forwards. */
  onAny(listener: AnyEventListener): () => void;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
}

export function createEventBus(onListenerError?: (err: unknown) => void): EventBus {
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const add = (fn: (event: EventName, payload: unknown) => void): (() => void) => {
    listeners.add(fn);
    return () => {
      listeners.delete(fn);
    };
  };
  return {
    on(event, listener) {
      return add((name, payload) => {
        if (name === event) (listener as (p: unknown) => void)(payload);
      });
    },
    onAny(listener) {
      return add((name, payload) => (listener as (e: EventName, p: unknown) => void)(name, payload));
    },
    emit(event, payload) {
      for (const fn of [...listeners]) {
        // One broken subscriber (a closed socket) must not stop the others.
        try {
          fn(event, payload);
        } catch (err) {
          onListenerError?.(err);
        }
      }
    },
  };
}
