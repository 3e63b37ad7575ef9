import type { LiveNamespace, LiveQuery } from '@electric-sql/pglite/live';

export type LivePg = { live: LiveNamespace };

/**
 * A live query for the UI: `onRows` gets the first result and every change of it (the views re-run when their
 * synced or local table changes). A query that fails (bad SQL) goes to `onError` instead. Returns the unsubscribe
 * function; calling it before the query is set up is fine.
 */
export function watchQuery<T>(
  pg: LivePg,
  query: string,
  params: unknown[],
  onRows: (rows: T[]) => void,
  onError: (error: unknown) => void = (error) => console.error('live query failed', error),
): () => Promise<void> {
  let cancelled = false;
  let live: LiveQuery<T> | null = null;
  const ready = pg.live
    .query<T>(query, params, (results) => {
      if (!cancelled) onRows(results.rows);
    })
    .then(
      (q) => {
        live = q;
      },
      (error: unknown) => {
        if (!cancelled) onError(error);
      },
    );
  return async () => {
    if (cancelled) return;
    cancelled = true;
    await ready;
    await live?.unsubscribe();
  };
}
