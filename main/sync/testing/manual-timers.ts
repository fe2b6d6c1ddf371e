// Test support: the scheduler's timers, fired (or just read) by hand, so no test waits on wall-clock time.
import type { SetTimer } from '../scheduler';

export function manualTimers() {
  const queue: Array<{ fn: () => void; ms: number; cleared: boolean; fired: boolean }> = [];
  const setTimer: SetTimer = (fn, ms) => {
    const t = { fn, ms, cleared: false, fired: false };
    queue.push(t);
    return { clear: () => void (t.cleared = true) };
  };
  /** Timers set and neither cleared nor fired, oldest first. */
  const pending = () => queue.filter((t) => !t.cleared && !t.fired);
  /** Fires the oldest pending timer; returns its delay. */
  const fire = () => {
    const [t] = pending();
    if (!t) throw new Error('no pending timer');
    t.fired = true;
    t.fn();
    return t.ms;
  };
  return { setTimer, pending, fire };
}
