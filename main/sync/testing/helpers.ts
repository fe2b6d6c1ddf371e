// Test support for sync tests: the simulator's control API (docs/marketplace-api.md "Simulator control API"),
// a temp-file database, a settable clock and a recording sleep. Not used by production code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Simulator } from '../../../marketplace-sim';
import { openDatabase, type Db } from '../../db/connection';

export interface SimFaultRule {
  /** A substring of `METHOD /path?query` (marketplace-sim/faults.ts). */
  match: string;
  kind: 'status' | 'reset' | 'delay' | 'dropAfterCommit';
  status?: number;
  delayMs?: number;
  rate?: number;
  count?: number;
  /** Retry-After seconds for a 429. */
  retryAfter?: number;
}

export interface SimControl {
  faults(rules: SimFaultRule[]): Promise<unknown>;
  clearFaults(): Promise<unknown>;
  setClock(now: number): Promise<unknown>;
  advanceClock(ms: number): Promise<unknown>;
  customerRequest(orderLineId: string, description: string): Promise<unknown>;
  generate(n: number, seed: number): Promise<unknown>;
  state(): Promise<unknown>;
}

/** Unsigned calls to `/sim/v1/…` with the `X-Sim-Token` header. */
export function simControl(sim: { url: string; token: string }): SimControl {
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${sim.url}/sim/v1${path}`, {
      method,
      headers: {
        'X-Sim-Token': sim.token,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json;charset=UTF-8' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sim ${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as unknown) : null;
  };
  return {
    faults: (rules) => call('POST', '/faults', { rules }),
    clearFaults: () => call('POST', '/faults', { rules: [] }),
    setClock: (now) => call('POST', '/clock', { now }),
    advanceClock: (advanceMs) => call('POST', '/clock', { advanceMs }),
    customerRequest: (id, description) =>
      call('POST', `/order-lines/${encodeURIComponent(id)}/customer/request`, { description }),
    generate: (n, seed) => call('POST', '/order-lines', { generate: n, seed }),
    state: () => call('GET', '/state'),
  };
}

export interface TempDb {
  db: Db;
  file: string;
  /** Another connection to the same file (a "restarted app"). */
  reopen(): Db;
  cleanup(): void;
}

export function tempDb(): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'seller-desk-sync-'));
  const file = join(dir, 'desk.sqlite');
  const opened: Db[] = [openDatabase(file)];
  return {
    db: opened[0],
    file,
    reopen: () => {
      const db = openDatabase(file);
      opened.push(db);
      return db;
    },
    cleanup: () => {
      for (const db of opened) if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a simulator test has running: the simulator and its temp database. */
export interface SimTestRun {
  sim: Simulator | null;
  tmp?: TempDb;
}

/**
 * Holds the running simulator and temp database of a test file; after each test the simulator is closed and the
 * database removed.
 */
export function simTestRun(): SimTestRun {
  const live: SimTestRun = { sim: null };
  afterEach(async () => {
    await live.sim?.close();
    live.sim = null;
    live.tmp?.cleanup();
  });
  return live;
}

export function settableClock(start: number) {
  let t = start;
  return { now: () => t, set: (v: number) => void (t = v), advance: (ms: number) => void (t += ms) };
}

/** A sleep that returns at once and records what it was asked to wait. */
export function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}
