/**
 * Hot-path queries built once per open store. Drizzle builds a query's SQL on every call; on a path that
 * runs per socket frame (the agent behind each command, the visitor behind each token) that building cost
 * more than SQLite itself in the benchmark's profile. A prepared drizzle query keeps the typed result.
 */
import type { Store } from './database';

/** Returns `build(store)`, built on the first call for each store and reused after. */
export function preparedOnce<T>(build: (store: Store) => T): (store: Store) => T {
  const built = new WeakMap<Store, T>();
  return (store) => {
    let query = built.get(store);
    if (query === undefined) {
      query = build(store);
      built.set(store, query);
    }
    return query;
  };
}
