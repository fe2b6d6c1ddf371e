// "Now" for the views (days waiting, S5), ticking once a minute; the clock itself is injected.
import { createStore } from 'zustand/vanilla';

export interface Clock {
  now(): number;
}

export interface ClockState {
  now: number;
  tick(): void;
}

export function createClockStore(clock: Clock) {
  return createStore<ClockState>()((set) => ({
    now: clock.now(),
    tick: () => set({ now: clock.now() }),
  }));
}
export type ClockStore = ReturnType<typeof createClockStore>;
