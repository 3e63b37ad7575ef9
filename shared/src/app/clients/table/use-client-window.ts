import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useEngine, useLiveQuery } from '../../common/index.ts';
import type { ColumnSpec } from './columns-spec.ts';
import { buildCountQuery, buildWindowQuery, type ClientQuery, type ClientRow } from './query.ts';

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
 * The clients the table can show right now: the total (a live count), and the rows of the window around the
 * visible range, fetched in SQL with LIMIT/OFFSET. Rows outside the loaded window read as undefined, so the table
 * draws placeholders while a window loads: nothing waits for the replica. When a search finds nothing exactly,
 * the same search runs again with typo tolerance (`fuzzy`).
 *
 * The count is the live query; the window is a snapshot re-read whenever the count's fingerprint of the matching
 * rows moves (any insert, edit or delete among them) or the window moves. Setting up a live query costs far more
 * than the read itself in the browser (PGlite creates temporary views and triggers, and on IndexedDB it flushes
 * after each), which made every page of a fast scroll wait seconds; a plain read takes milliseconds.
 */
export function useClientWindow(query: ClientQuery, specs: readonly ColumnSpec[], firstVisible: number) {
  const exact = useMemo(() => buildCountQuery(query, specs), [query, specs]);
  const exactCount = useLiveQuery<Counted>(exact.sql, exact.params);
  const fuzzy = query.search.trim().length >= 3 && exactCount.rows[0]?.total === 0;
  const effective = useMemo(() => (fuzzy ? { ...query, fuzzy: true } : query), [query, fuzzy]);
  const fuzzyCountQuery = useMemo(
    () => (fuzzy ? buildCountQuery(effective, specs) : null),
    [fuzzy, effective, specs],
  );
  const fuzzyCount = useLiveQuery<Counted>(fuzzyCountQuery?.sql ?? null, fuzzyCountQuery?.params ?? []);
  const counted = fuzzy ? fuzzyCount : exactCount;
  const total = counted.rows[0]?.total ?? null;

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
  // While sync streams rows in, the fingerprint moves many times a second: re-read once it settles.
  const [changed] = useDebouncedValue(counted.rows[0]?.changed ?? null, 250);
  const win = useWindowRows(windowQuery.sql, windowQuery.params, changed);
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
    loading: counted.loading || win.loading,
    error: counted.error ?? win.error,
  };
}

const EMPTY: ClientRow[] = [];

/**
 * One read of a window, again whenever `changed` moves; the previous rows stay until the new ones arrive. At most
 * one read is in flight: while it runs, newer requests replace each other and only the last is sent when it
 * returns. The worker runs queries one at a time, so sending a read per window a fast scroll passes queued seconds
 * of reads nobody would see, and the window the user stopped at waited behind them.
 */
function useWindowRows(sql: string, params: unknown[], changed: string | null) {
  const engine = useEngine();
  const [state, setState] = useState<{ rows: ClientRow[]; loading: boolean; error: string | null }>({
    rows: EMPTY,
    loading: true,
    error: null,
  });
  const reader = useRef<{ busy: boolean; next: { sql: string; params: unknown[] } | null; alive: boolean }>({
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
    (request: { sql: string; params: unknown[] }) => {
      const r = reader.current;
      if (r.busy) {
        r.next = request;
        return;
      }
      r.busy = true;
      engine
        .query<ClientRow>(request.sql, request.params)
        .then(
          (rows) => {
            if (r.alive && !r.next) setState({ rows, loading: false, error: null });
          },
          (err: unknown) => {
            if (r.alive && !r.next)
              setState({
                rows: EMPTY,
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
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    read({ sql, params });
  }, [read, sql, key, changed]);
  return state;
}
