import { Paper, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import { type SortingState, type Updater, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { dealColumns, dealTableFeatures, GRID_TEMPLATE } from './columns.tsx';
import { type DealSort, type DealTableRow, isDealSortKey } from './query.ts';

const ROW_HEIGHT = 44;

const cellStyle = {
  padding: '0 12px',
  display: 'flex',
  alignItems: 'center',
  minWidth: 0,
  overflow: 'hidden',
};

/**
 * The desktop deals table: TanStack Table for columns and sort state (sorting itself is SQL), TanStack Virtual
 * for rows. Rows outside the loaded window show as skeletons until the window moves there.
 */
export function DealsGrid(props: {
  total: number;
  rows: DealTableRow[];
  offset: number;
  sort: DealSort;
  onSort: (sort: DealSort) => void;
  onRange: (firstIndex: number) => void;
}) {
  const { t } = useTranslation('deals');
  const columns = useMemo(() => dealColumns(t), [t]);
  const sorting = useMemo((): SortingState => [{ id: props.sort.key, desc: props.sort.desc }], [props.sort]);
  const { onSort } = props;
  const table = useTable({
    features: dealTableFeatures,
    columns,
    data: props.rows,
    getRowId: (row) => row.id,
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first && isDealSortKey(first.id)) onSort({ key: first.id, desc: first.desc });
    },
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
  });
  const tableRows = table.getRowModel().rows;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const { onRange } = props;
  useEffect(() => onRange(firstIndex), [firstIndex, onRange]);

  // A new order or filter starts from the top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolling is the effect of these changing
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [props.sort]);

  const header = table.getHeaderGroups()[0];
  const rowStyle = {
    display: 'grid',
    gridTemplateColumns: GRID_TEMPLATE,
    height: ROW_HEIGHT,
    borderBottom: '1px solid var(--mantine-color-default-border)',
  } as const;
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <div ref={scrollRef} style={{ height: 'calc(100dvh - 290px)', minHeight: 300, overflow: 'auto' }}>
        <table
          aria-label={t('title')}
          aria-rowcount={props.total + 1}
          style={{ display: 'grid', minWidth: 980 }}
        >
          <thead
            style={{
              display: 'grid',
              position: 'sticky',
              top: 0,
              zIndex: 1,
              background: 'var(--mantine-color-body)',
            }}
          >
            <tr aria-rowindex={1} style={rowStyle}>
              {header?.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                return (
                  <th
                    key={h.id}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                    style={cellStyle}
                  >
                    <UnstyledButton
                      onClick={h.column.getToggleSortingHandler()}
                      aria-label={t('table.sortBy', { column: t(`table.columns.${h.column.id}`) })}
                      style={{ display: 'flex', alignItems: 'center', gap: 4 }}
                    >
                      <Text size="sm" fw={600} component="span">
                        <table.FlexRender header={h} />
                      </Text>
                      {sorted === 'asc' ? (
                        <IconArrowUp size={14} aria-hidden />
                      ) : sorted === 'desc' ? (
                        <IconArrowDown size={14} aria-hidden />
                      ) : (
                        <IconArrowsSort size={14} aria-hidden opacity={0.4} />
                      )}
                    </UnstyledButton>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody style={{ display: 'grid', height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = tableRows[item.index - props.offset];
              return (
                <tr
                  key={row?.id ?? `skeleton-${item.index}`}
                  aria-rowindex={item.index + 2}
                  style={{
                    ...rowStyle,
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  {row
                    ? row.getAllCells().map((cell) => (
                        <td key={cell.id} style={cellStyle}>
                          <table.FlexRender cell={cell} />
                        </td>
                      ))
                    : columns.map((c, i) => (
                        <td key={c.id ?? i} style={cellStyle}>
                          <Skeleton height={12} radius="sm" />
                        </td>
                      ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {props.total === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            {t('table.empty')}
          </Text>
        )}
      </div>
    </Paper>
  );
}
