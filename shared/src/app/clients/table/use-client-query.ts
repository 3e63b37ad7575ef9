import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomFieldDefs } from '../../records/index.tsx';
import { readStored, writeStored } from '../storage.ts';
import { type BuiltinColumnId, type ColumnSpec, clientColumnSpecs } from './columns-spec.ts';
import { type ClientQuery, EMPTY_QUERY } from './query.ts';
import { sanitizeQuery } from './query-codec.ts';

/** The table's columns: the built-in ones and one per client custom field, with their display labels. */
export function useClientColumns() {
  const { t } = useTranslation('clients');
  const { defs, loading } = useCustomFieldDefs('client');
  const specs = useMemo(
    () =>
      clientColumnSpecs(defs.map((d) => ({ key: d.key, label: d.label, type: d.type, options: d.options }))),
    [defs],
  );
  const labelOf = useCallback(
    (spec: ColumnSpec) => spec.custom?.label ?? t(`columns.${spec.id as BuiltinColumnId}`),
    [t],
  );
  return { specs, labelOf, loading };
}

const queryKey = (userId: string) => `mak.clients.query.${userId}`;

/**
 * Search, filters and sort of the list, kept per user so coming back from a card finds the list as it was. The
 * stored object is re-checked against the current columns on every read (a custom field may have gone).
 */
export function useClientQueryState(specs: readonly ColumnSpec[], userId: string) {
  const [raw, setRaw] = useState<unknown>(() => readStored(queryKey(userId)) ?? EMPTY_QUERY);
  const query = useMemo(() => sanitizeQuery(raw, specs), [raw, specs]);
  useEffect(() => writeStored(queryKey(userId), raw), [raw, userId]);
  const setQuery = useCallback(
    (update: (q: ClientQuery) => ClientQuery) =>
      setRaw((prev: unknown) => update(sanitizeQuery(prev, specs))),
    [specs],
  );
  return { query, setQuery };
}
