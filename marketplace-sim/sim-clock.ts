// The simulator's own clock: tests move it (cursor expiry, skew, O2a completion) without touching wall time.

export interface SimClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

/** A settable clock; `onChange` runs after every set/advance (the store completes due orders, O2a). */
export function createSimClock(initialMs: number, onChange: (nowMs: number) => void = () => {}): SimClock {
  if (!Number.isFinite(initialMs)) throw new Error(`not a clock value: ${initialMs}`);
  let current = Math.floor(initialMs);
  return {
    now: () => current,
    set(ms: number) {
      if (!Number.isFinite(ms)) throw new Error(`not a clock value: ${ms}`);
      current = Math.floor(ms);
      onChange(current);
    },
    advance(ms: number) {
      if (!Number.isFinite(ms)) throw new Error(`not a clock step: ${ms}`);
      current += Math.floor(ms);
      onChange(current);
    },
  };
}
