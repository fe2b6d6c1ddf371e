// Puts generated demo lines and the products' templates into the store (bulk path: one transaction,
// a prepared insert, lines streamed from the generator so a million never sit in memory at once).
import { PRODUCTS, templateOf } from './catalog';
import { putTemplate } from './catalog-store';
import type { SampleFiles } from './sample-files';
import { generateLines } from './seed';
import type { SimStore } from './store';

export interface GenerateIntoOptions {
  seed: number;
  count: number;
  baseMs: number;
  sellerId: string;
  /** Collect the created ids (control API); the start-up seed does not need them. */
  collectIds?: boolean;
}

export function seedProducts(store: SimStore): void {
  store.transaction(() => {
    for (const p of PRODUCTS) putTemplate(store, templateOf(p));
  });
}

/** Appends `count` generated lines; order indexes continue from the last call so ids never collide. */
export function generateInto(
  store: SimStore,
  files: SampleFiles,
  opts: GenerateIntoOptions,
): { count: number; ids: string[]; ms: number } {
  const started = performance.now();
  const startIndex = Number(store.meta('next_order_index') ?? '0');
  const ids: string[] = [];
  const cursor = { orderIndex: startIndex };
  const count = store.transaction(() => {
    const n = store.insertLines(
      generateLines({ seed: opts.seed, count: opts.count, baseMs: opts.baseMs, startIndex, files, cursor }),
      opts.sellerId,
      opts.collectIds ? (line) => ids.push(line.orderLineId) : undefined,
    );
    store.setMeta('next_order_index', String(cursor.orderIndex));
    return n;
  });
  return { count, ids, ms: performance.now() - started };
}
