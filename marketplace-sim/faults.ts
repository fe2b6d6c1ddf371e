// Fault injection for the control API (`POST /sim/v1/faults`): answer with an error status, reset the connection,
// delay, or apply the request and then drop the connection (dropAfterCommit — the hard case for idempotency).
import { z } from 'zod';
import { createPrng, type Prng } from './prng';

export const faultRule = z.object({
  /** A substring of `METHOD /path?query`, or `METHOD path-substring`; empty or `*` matches every request. */
  match: z.string().max(500),
  kind: z.enum(['status', 'reset', 'delay', 'dropAfterCommit']),
  status: z.number().int().min(400).max(599).optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  /** Probability 0..1 that a matching request is hit (seeded PRNG); default 1. */
  rate: z.number().min(0).max(1).optional(),
  /** Apply at most this many times. */
  count: z.number().int().min(0).optional(),
  /** Retry-After seconds for a 429 (default 1). */
  retryAfter: z.number().int().min(0).max(3600).optional(),
});
export type FaultRule = z.infer<typeof faultRule>;

export type FaultAction =
  { kind: 'status'; status: number; retryAfter: number } | { kind: 'reset' } | { kind: 'dropAfterCommit' };

export interface FaultDecision {
  delayMs: number;
  action: FaultAction | null;
}

export interface FaultEngine {
  set(rules: FaultRule[]): void;
  add(rules: FaultRule[]): void;
  clear(): void;
  list(): Array<FaultRule & { applied: number }>;
  /** Which faults hit this request (rules in order; delays add up, the first other hit wins). */
  decide(method: string, pathAndQuery: string): FaultDecision;
}

const METHOD_PREFIX = /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+(.*)$/i;

export function ruleMatches(match: string, method: string, pathAndQuery: string): boolean {
  const m = match.trim();
  if (m === '' || m === '*') return true;
  const prefixed = METHOD_PREFIX.exec(m);
  if (prefixed)
    return (
      prefixed[1].toUpperCase() === method.toUpperCase() && (prefixed[2] === '' || pathAndQuery.includes(prefixed[2]))
    );
  return `${method.toUpperCase()} ${pathAndQuery}`.includes(m);
}

export function createFaultEngine(seed: number): FaultEngine {
  let rules: Array<FaultRule & { applied: number }> = [];
  const prng: Prng = createPrng(seed);
  return {
    set(next) {
      rules = next.map((r) => ({ ...r, applied: 0 }));
    },
    add(more) {
      rules.push(...more.map((r) => ({ ...r, applied: 0 })));
    },
    clear() {
      rules = [];
    },
    list: () => rules.map((r) => ({ ...r })),
    decide(method, pathAndQuery) {
      let delayMs = 0;
      let action: FaultAction | null = null;
      for (const rule of rules) {
        if (action && rule.kind !== 'delay') continue;
        if (rule.count !== undefined && rule.applied >= rule.count) continue;
        if (!ruleMatches(rule.match, method, pathAndQuery)) continue;
        if (rule.rate !== undefined && !(prng.next() < rule.rate)) continue;
        rule.applied++;
        if (rule.kind === 'delay') delayMs += rule.delayMs ?? 1000;
        else if (rule.kind === 'status')
          action = { kind: 'status', status: rule.status ?? 503, retryAfter: rule.retryAfter ?? 1 };
        else action = { kind: rule.kind };
      }
      return { delayMs, action };
    },
  };
}
