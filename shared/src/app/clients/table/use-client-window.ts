import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useEngine, useLiveQuery } from '../../common/index.ts';
import type { ColumnSpec } from './columns-spec.ts';
import {
  buildCountQuery,
  buildWindowQuery,
  type ClientQuery,
  type ClientRow,
  EMPTY_QUERY,
  hasConditions,
} from './query.ts';

/** Rows per fetched page; a window holds two pages, so the visible rows always fit in one window. */
export const PAGE = 100;
/** Wait this long after scrolling stops moving between pages before fetching: a fast fling never queues fetches. */
const SETTLE_MS = 70;

function hashOf(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 33) ^ text.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

interface Counted {
  total: number;
  changed: string | null;
}

/**
 * The clients the table can show right now: the total, and the rows of the window around the visible range,
 * fetched in SQL with LIMIT/OFFSET. Rows outside the loaded window read as undefined, so the table draws
 * placeholders while a window loads: nothing waits for the replica. When a search finds nothing exactly, the same
 * search runs again with typo tolerance (`fuzzy`).
 *
 * One live query watches every client (count and a fingerprint: any insert, edit or delete moves it); it never
 * changes with the search or filters. The filtered count and the window are snapshot reads, re-read when that
 * fingerprint moves or the query or window does. Setting up a live query costs far more than the read itself in
 * the browser (PGlite creates temporary views and triggers, and on IndexedDB it flushes after each): one per
 * search keystroke or scrolled page made typing and scrolling wait seconds; a plain read takes milliseconds.
 */
export function useClientWindow(query: ClientQuery, specs: readonly ColumnSpec[], firstVisible: number) {
  const everyone = useMemo(() => buildCountQuery(EMPTY_QUERY, specs), [specs]);
  const all = useLiveQuery<Counted>(everyone.sql, everyone.params);
  // While sync streams rows in, the fingerprint moves many times a second: re-read once it settles.
  const [changed] = useDebouncedValue(all.rows[0]?.changed ?? null, 250);

  const narrowed = hasConditions(query, specs);
  const exact = useMemo(() => buildCountQuery(query, specs), [query, specs]);
  const exactCount = useSnapshotRows<Counted>(narrowed ? exact.sql : null, exact.params, changed);
  const exactTotal = narrowed ? totalOf(exactCount, exact) : (all.rows[0]?.total ?? null);
  const fuzzy = query.search.trim().length >= 3 && exactTotal === 0;
  const effective = useMemo(() => (fuzzy ? { ...query, fuzzy: true } : query), [query, fuzzy]);
  const fuzzyQuery = useMemo(() => buildCountQuery(effective, specs), [effective, specs]);
  const fuzzyCount = useSnapshotRows<Counted>(fuzzy ? fuzzyQuery.sql : null, fuzzyQuery.params, changed);
  // A new search keeps showing the last total until its own count arrives (the rows are matched by tag below).
  const shown = fuzzy ? fuzzyCount : narrowed ? exactCount : null;
  const total = shown ? (shown.rows[0]?.total ?? null) : exactTotal;

  // Rows answer a request when they carry its tag: the SQL and values of the window apart from its offset.
  const tag = useMemo(() => {
    const shape = buildWindowQuery(effective, specs, 0, PAGE * 2);
    return hashOf(shape.sql + JSON.stringify(shape.params));
  }, [effective, specs]);
  const wanted = Math.max(
    0,
    Math.floor(firstVisible / PAGE) * PAGE - (firstVisible % PAGE < PAGE / 4 ? PAGE : 0),
  );
  const [offset] = useDebouncedValue(wanted, SETTLE_MS);
  const windowQuery = useMemo(
    () => buildWindowQuery(effective, specs, offset, PAGE * 2, tag),
    [effective, specs, offset, tag],
  );
  const win = useSnapshotRows<ClientRow>(windowQuery.sql, windowQuery.params, changed);
  const current = win.rows[0]?.window_tag === tag ? win.rows : EMPTY;
  const start = current[0]?.window_offset ?? 0;

  const rowAt = useCallback(
    (index: number): ClientRow | undefined => current[index - start],
    [current, start],
  );
  return {
    total,
    fuzzy,
    rowAt,
    windowRows: current,
    loading: all.loading || (shown?.loading ?? false) || win.loading,
    error: all.error ?? shown?.error ?? win.error,
  };
}

const keyOf = (q: { sql: string; params: unknown[] }) => q.sql + JSON.stringify(q.params);

/** The total a snapshot read of `q` gave, or null while the read for `q` itself has not answered yet. */
function totalOf(read: Snapshot<Counted>, q: { sql: string; params: unknown[] }): number | null {
  return read.key === keyOf(q) ? (read.rows[0]?.total ?? null) : null;
}

const EMPTY: ClientRow[] = [];

interface Request {
  sql: string;
  params: unknown[];
}

/** The rows of the last read that answered, and which request (`keyOf`) they answer. */
interface Snapshot<T> {
  rows: T[];
  key: string | null;
  loading: boolean;
  error: string | null;
}

/**
 * One read of a window, again whenever `changed` moves; the previous rows stay until the new ones arrive. At most
 * one read is in flight: while it runs, newer requests replace each other and only the last is sent when it
 * returns. The worker runs queries one at a time, so sending a read per window a fast scroll passes queued seconds
 * of reads nobody would see, and the window the user stopped at waited behind them.
 */
function useSnapshotRows<T>(sql: string | null, params: unknown[], changed: string | null): Snapshot<T> {
  const engine = useEngine();
  const [state, setState] = useState<Snapshot<T>>({
    rows: [],
    key: null,
    loading: sql !== null,
    error: null,
  });
  const reader = useRef<{ busy: boolean; next: Request | null; alive: boolean }>({
    busy: false,
    next: null,
    alive: true,
  });
  useEffect(() => {
    const r = reader.current;
    r.alive = true;
    return () => {
      r.alive = false;
    };
  }, []);
  const read = useCallback(
    (request: Request) => {
      const r = reader.current;
      if (r.busy) {
        r.next = request;
        return;
      }
      r.busy = true;
      const key = keyOf(request);
      engine
        .query<T>(request.sql, request.params)
        .then(
          (rows) => {
            if (r.alive && !r.next) setState({ rows, key, loading: false, error: null });
          },
          (err: unknown) => {
            if (r.alive && !r.next)
              setState({
                rows: [],
                key,
                loading: false,
                error: err instanceof Error ? err.message : String(err),
              });
          },
        )
        .finally(() => {
          r.busy = false;
          const next = r.next;
          r.next = null;
          if (next && r.alive) read(next);
        });
    },
    [engine],
  );
  const key = JSON.stringify(params);
  // biome-ignore lint/correctness/useExhaustiveDependencies: params are keyed by value; `changed` only triggers a re-read
  useEffect(() => {
    if (sql === null) return;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    read({ sql, params });
  }, [read, sql, key, changed]);
  return state;
}
