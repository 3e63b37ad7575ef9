import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useMemo } from 'react';
import { useLiveQuery } from '../../common/index.ts';
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

/**
 * The clients the table can show right now: the total (a separate count), and the rows of the window around the
 * visible range, fetched in SQL with LIMIT/OFFSET. Rows outside the loaded window read as undefined, so the table
 * draws placeholders while a window loads: nothing waits for the replica. When a search finds nothing exactly,
 * the same search runs again with typo tolerance (`fuzzy`).
 */
export function useClientWindow(query: ClientQuery, specs: readonly ColumnSpec[], firstVisible: number) {
  const exact = useMemo(() => buildCountQuery(query, specs), [query, specs]);
  const exactCount = useLiveQuery<{ total: number }>(exact.sql, exact.params);
  const fuzzy = query.search.trim().length >= 3 && exactCount.rows[0]?.total === 0;
  const effective = useMemo(() => (fuzzy ? { ...query, fuzzy: true } : query), [query, fuzzy]);
  const fuzzyCountQuery = useMemo(
    () => (fuzzy ? buildCountQuery(effective, specs) : null),
    [fuzzy, effective, specs],
  );
  const fuzzyCount = useLiveQuery<{ total: number }>(
    fuzzyCountQuery?.sql ?? null,
    fuzzyCountQuery?.params ?? [],
  );
  const counted = fuzzy ? fuzzyCount : exactCount;
  const total = counted.rows[0]?.total ?? null;

  const tag = useMemo(() => hashOf(JSON.stringify([effective, specs.map((s) => s.id)])), [effective, specs]);
  const wanted = Math.max(
    0,
    Math.floor(firstVisible / PAGE) * PAGE - (firstVisible % PAGE < PAGE / 4 ? PAGE : 0),
  );
  const [offset] = useDebouncedValue(wanted, SETTLE_MS);
  const windowQuery = useMemo(
    () => buildWindowQuery(effective, specs, offset, PAGE * 2, tag),
    [effective, specs, offset, tag],
  );
  const win = useLiveQuery<ClientRow>(windowQuery.sql, windowQuery.params);
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
