import { useCallback, useEffect, useState } from 'react';
import { useUser } from '../../common/index.ts';
import { NO_SELECTION, type Selection } from '../bulk/selection.ts';
import { type ClientQuery, EMPTY_QUERY } from '../table/query.ts';
import { useClientColumns, useClientQueryState } from '../table/use-client-query.ts';

/** State of the clients list shared by the wide table and the phone list: columns, query, segment, selection. */
export function useClientsList() {
  const user = useUser();
  const { specs, labelOf } = useClientColumns();
  const { query, setQuery } = useClientQueryState(specs, user.id);
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const [totals, setTotals] = useState<{ total: number | null; fuzzy: boolean }>({
    total: null,
    fuzzy: false,
  });
  const onTotal = useCallback((total: number | null, fuzzy: boolean) => setTotals({ total, fuzzy }), []);

  // "All matching" means matching these filters: another query drops it (picked rows stay picked).
  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to the query only
  useEffect(() => setSelection((s) => (s.all ? NO_SELECTION : s)), [query]);

  const applyQuery = useCallback((next: ClientQuery) => setQuery(() => next), [setQuery]);
  const resetFilters = useCallback(() => {
    setQuery((q) => ({ ...EMPTY_QUERY, sort: q.sort }));
    setSegmentId(null);
  }, [setQuery]);
  const removeFilter = useCallback(
    (columnId: string) =>
      setQuery((q) => {
        const filters = { ...q.filters };
        delete filters[columnId];
        return { ...q, filters };
      }),
    [setQuery],
  );
  const setSearch = useCallback((search: string) => setQuery((q) => ({ ...q, search })), [setQuery]);

  return {
    user,
    specs,
    labelOf,
    query,
    setQuery,
    applyQuery,
    resetFilters,
    removeFilter,
    setSearch,
    selection,
    setSelection,
    segmentId,
    setSegmentId,
    total: totals.total,
    fuzzy: totals.fuzzy,
    onTotal,
  };
}

export type ClientsListState = ReturnType<typeof useClientsList>;
