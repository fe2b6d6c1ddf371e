// What every route of one simulator instance shares. Built once in startSimulator; nothing is module-level.
import type { Seller } from './auth';
import type { RequestCounters } from './counters';
import type { FaultEngine } from './faults';
import type { SampleFiles } from './sample-files';
import type { SimClock } from './sim-clock';
import type { SimStore } from './store';

export interface SimContext {
  store: SimStore;
  clock: SimClock;
  /** By access key (AK). */
  sellers: ReadonlyMap<string, Seller>;
  files: SampleFiles;
  faults: FaultEngine;
  counters: RequestCounters;
  token: string;
  seed: number;
  /** The feed epoch of this database (cursors from another database restart the feed). */
  epoch: string;
  newId(prefix: string): string;
  log(message: string): void;
}

export function sellerById(ctx: SimContext, sellerId: string): Seller | undefined {
  for (const s of ctx.sellers.values()) if (s.sellerId === sellerId) return s;
  return undefined;
}

export function firstSeller(ctx: SimContext): Seller {
  const first = ctx.sellers.values().next();
  if (first.done) throw new Error('the simulator has no seller');
  return first.value;
}
