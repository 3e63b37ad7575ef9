import type { ColumnOrderState, ColumnSizingState, ColumnVisibilityState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { readStored, removeStored, writeStored } from '../storage.ts';
import type { ColumnSpec } from './columns-spec.ts';

/** Columns shown until the user picks: the everyday ones; the rest (and custom fields) wait in the menu. */
const DEFAULT_VISIBLE = new Set(['name', 'status', 'owner', 'phone', 'email', 'inn', 'created_at']);
const MIN_SIZE = 60;
const MAX_SIZE = 800;

interface StoredLayout {
  visibility: Record<string, boolean>;
  order: string[];
  sizing: Record<string, number>;
}

const layoutKey = (userId: string) => `mak.clients.layout.${userId}`;

function readLayout(userId: string): StoredLayout {
  const raw = readStored(layoutKey(userId));
  const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const record = (v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {});
  const visibility = Object.fromEntries(
    Object.entries(record(obj.visibility)).filter(([, v]) => typeof v === 'boolean'),
  ) as Record<string, boolean>;
  const order = Array.isArray(obj.order) ? obj.order.filter((v): v is string => typeof v === 'string') : [];
  const sizing = Object.fromEntries(
    Object.entries(record(obj.sizing)).filter(
      ([, v]) => typeof v === 'number' && Number.isFinite(v) && v >= MIN_SIZE && v <= MAX_SIZE,
    ),
  ) as Record<string, number>;
  return { visibility, order, sizing };
}

/**
 * Column visibility, order and widths of the clients table, saved per user in local storage and restored on the
 * next visit. Columns that appeared since (a new custom field) take their default place and visibility.
 */
export function useTableLayout(specs: readonly ColumnSpec[], userId: string) {
  const [stored, setStored] = useState<StoredLayout>(() => readLayout(userId));
  useEffect(() => writeStored(layoutKey(userId), stored), [stored, userId]);

  const columnVisibility = useMemo<ColumnVisibilityState>(
    () => Object.fromEntries(specs.map((s) => [s.id, stored.visibility[s.id] ?? DEFAULT_VISIBLE.has(s.id)])),
    [specs, stored.visibility],
  );
  const columnOrder = useMemo<ColumnOrderState>(() => {
    const ids = specs.map((s) => s.id);
    const known = stored.order.filter((id) => ids.includes(id));
    return [...known, ...ids.filter((id) => !known.includes(id))];
  }, [specs, stored.order]);
  const columnSizing = stored.sizing as ColumnSizingState;

  const setColumnVisibility = useCallback(
    (update: ColumnVisibilityState | ((old: ColumnVisibilityState) => ColumnVisibilityState)) =>
      setStored((s) => ({
        ...s,
        visibility: typeof update === 'function' ? update(columnVisibility) : update,
      })),
    [columnVisibility],
  );
  const setColumnOrder = useCallback(
    (update: ColumnOrderState | ((old: ColumnOrderState) => ColumnOrderState)) =>
      setStored((s) => ({ ...s, order: typeof update === 'function' ? update(columnOrder) : update })),
    [columnOrder],
  );
  const setColumnSizing = useCallback(
    (update: ColumnSizingState | ((old: ColumnSizingState) => ColumnSizingState)) =>
      setStored((s) => {
        const next = typeof update === 'function' ? update(s.sizing) : update;
        const clamped = Object.fromEntries(
          Object.entries(next).map(([k, v]) => [k, Math.min(MAX_SIZE, Math.max(MIN_SIZE, Math.round(v)))]),
        );
        return { ...s, sizing: clamped };
      }),
    [],
  );
  const resetLayout = useCallback(() => {
    removeStored(layoutKey(userId));
    setStored({ visibility: {}, order: [], sizing: {} });
  }, [userId]);

  return {
    columnVisibility,
    columnOrder,
    columnSizing,
    setColumnVisibility,
    setColumnOrder,
    setColumnSizing,
    resetLayout,
  };
}
