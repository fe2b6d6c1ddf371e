// Values made once and kept: Intl objects cost far more to make than to use, and the table formats and translates a
// few hundred cells per render (bench/ui-bench.ts).

/** The value kept in `cache` under `key`, made by `make` the first time it is asked for. */
export function keptIn<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}
