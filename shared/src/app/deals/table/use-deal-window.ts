import { useCallback, useMemo, useState } from 'react';
import { useLiveQuery } from '../../common/index.ts';
import {
  type DealSort,
  type DealTableFilters,
  type DealTableRow,
  dealsCountQuery,
  dealsWindowQuery,
} from './query.ts';

/** Rows per page of the window; the window spans the page on screen and one on either side. */
const PAGE = 100;

/**
 * The deals table's data: the live count, and a live window of rows around what is on screen. Scrolling moves
 * the window a page at a time, so the query re-runs rarely and React never holds more than 300 rows.
 */
export function useDealWindow(filters: DealTableFilters, sort: DealSort) {
  const [start, setStart] = useState(0);
  const countQuery = useMemo(() => dealsCountQuery(filters), [filters]);
  const windowQuery = useMemo(() => dealsWindowQuery(filters, sort, start, PAGE * 3), [filters, sort, start]);
  const count = useLiveQuery<{ total: number }>(countQuery.sql, countQuery.params);
  const rows = useLiveQuery<DealTableRow>(windowQuery.sql, windowQuery.params);
  const offset = rows.rows[0]?.window_offset ?? start;

  /** Tells which indexes are on screen; moves the window when they near its edge. */
  const onRange = useCallback((first: number) => {
    const next = Math.max(0, Math.floor(first / PAGE) - 1) * PAGE;
    setStart((current) => (current === next ? current : next));
  }, []);
  const rowAt = useCallback(
    (index: number): DealTableRow | undefined => rows.rows[index - offset],
    [rows.rows, offset],
  );

  return {
    total: count.rows[0]?.total ?? 0,
    loading: count.loading,
    error: count.error ?? rows.error,
    rows: rows.rows,
    offset,
    rowAt,
    onRange,
    reset: () => setStart(0),
  };
}
