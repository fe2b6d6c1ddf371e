// Request counters for /sim/v1/state, so a test can count what a client sent (per path, per route, per outcome).

export interface RequestCounters {
  count(method: string, path: string): void;
  outcome(what: number | 'reset' | 'dropAfterCommit'): void;
  snapshot(): {
    total: number;
    byPath: Record<string, number>;
    byRoute: Record<string, number>;
    byOutcome: Record<string, number>;
  };
  reset(): void;
}

export function createCounters(): RequestCounters {
  let total = 0;
  let byPath = new Map<string, number>();
  let byRoute = new Map<string, number>();
  let byOutcome = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  return {
    count(method, path) {
      total++;
      bump(byPath, path);
      bump(byRoute, `${method} ${path}`);
    },
    outcome(what) {
      bump(byOutcome, String(what));
    },
    snapshot: () => ({
      total,
      byPath: Object.fromEntries(byPath),
      byRoute: Object.fromEntries(byRoute),
      byOutcome: Object.fromEntries(byOutcome),
    }),
    reset() {
      total = 0;
      byPath = new Map();
      byRoute = new Map();
      byOutcome = new Map();
    },
  };
}
