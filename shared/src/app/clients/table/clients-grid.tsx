import { Box, Center, Checkbox, Skeleton, Text } from '@mantine/core';
import { type ReactTable, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type KeyboardEvent,
  type MouseEvent,
  memo,
  type RefObject,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useUsers } from '../../records/index.tsx';
import { paths } from '../../routes.tsx';
import { isSelected, type Selection, selectedCount, toggled } from '../bulk/selection.ts';
import { buildColumns, type ClientFeatures, features } from './columns.tsx';
import type { ColumnSpec } from './columns-spec.ts';
import { GridHeader } from './grid-header.tsx';
import { CHECK_WIDTH, ROW_HEIGHT } from './grid-layout.ts';
import type { ClientQuery, ClientRow } from './query.ts';
import { useClientWindow } from './use-client-window.ts';
import type { useTableLayout } from './use-table-layout.ts';

const cellStyle = (width: number) =>
  ({
    width,
    minWidth: width,
    maxWidth: width,
    padding: '0 var(--mantine-spacing-xs)',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    display: 'flex',
    alignItems: 'center',
  }) as const;

/** Cell content ellipsised: the cell is a flex box, so the text needs a box of its own to cut. */
const CELL_TEXT = {
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  minWidth: 0,
  flex: 1,
} as const;

/**
 * The clients table for wide screens: TanStack Table holds the column model (order, visibility, widths, sort
 * state), @tanstack/react-virtual positions rows, and only the window around the visible rows is ever fetched.
 * Rows not loaded yet render as placeholders, so a fast scroll never waits.
 */
export function ClientsGrid(props: {
  query: ClientQuery;
  setQuery: (update: (q: ClientQuery) => ClientQuery) => void;
  specs: readonly ColumnSpec[];
  labelOf: (spec: ColumnSpec) => string;
  layout: ReturnType<typeof useTableLayout>;
  selection: Selection;
  onSelection: (s: Selection) => void;
  onTotal: (total: number | null, fuzzy: boolean) => void;
  emptyText: string;
}) {
  const { query, specs, layout, selection } = props;
  const { t } = useTranslation('clients');
  const { byId: users } = useUsers();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [firstVisible, setFirstVisible] = useState(0);
  const { total, fuzzy, rowAt, windowRows } = useClientWindow(query, specs, firstVisible);
  const { onTotal } = props;
  useEffect(() => onTotal(total, fuzzy), [onTotal, total, fuzzy]);

  const columns = useMemo(
    () => buildColumns(specs, props.labelOf, t, users),
    [specs, props.labelOf, t, users],
  );
  const sorting = useMemo(() => [{ id: query.sort.column, desc: query.sort.desc }], [query.sort]);
  const table = useTable({
    features,
    columns,
    data: windowRows,
    getRowId: (row) => row.id,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    columnResizeMode: 'onChange',
    state: {
      sorting,
      columnVisibility: layout.columnVisibility,
      columnOrder: layout.columnOrder,
      columnSizing: layout.columnSizing,
    },
    onSortingChange: (update) => {
      const next = typeof update === 'function' ? update(sorting) : update;
      const first = next[0];
      if (first) props.setQuery((q) => ({ ...q, sort: { column: first.id, desc: first.desc } }));
    },
    onColumnVisibilityChange: layout.setColumnVisibility,
    onColumnOrderChange: layout.setColumnOrder,
    onColumnSizingChange: layout.setColumnSizing,
  });
  const rowModel = table.getRowModel();
  const rowById = useMemo(() => new Map(rowModel.rows.map((r) => [r.id, r])), [rowModel]);
  const visibleColumns = table.getVisibleLeafColumns();
  const width = CHECK_WIDTH + visibleColumns.reduce((sum, c) => sum + c.getSize(), 0);

  const count = total ?? 0;
  const chosen = selectedCount(selection, count);
  const allChecked = selection.all && selection.ids.size === 0 && count > 0;

  return (
    <Box
      ref={scrollRef}
      style={{
        flex: 1,
        minHeight: 280,
        overflow: 'auto',
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-md)',
        position: 'relative',
      }}
    >
      <table
        aria-label={t('table.label')}
        aria-rowcount={count + 1}
        aria-colcount={visibleColumns.length + 1}
        style={{ display: 'grid', width, borderCollapse: 'collapse' }}
      >
        <GridHeader
          table={table}
          width={width}
          query={query}
          setQuery={props.setQuery}
          checkbox={
            <Checkbox
              aria-label={t('table.selectAll')}
              checked={allChecked}
              indeterminate={chosen > 0 && !allChecked}
              onChange={() =>
                props.onSelection(chosen > 0 ? { all: false, ids: new Set() } : { all: true, ids: new Set() })
              }
            />
          }
        />
        <GridBody
          scrollRef={scrollRef}
          count={count}
          width={width}
          rowAt={rowAt}
          rowById={rowById}
          visibleColumns={visibleColumns}
          table={table}
          selection={selection}
          onSelection={props.onSelection}
          onFirstVisible={setFirstVisible}
          resetKey={JSON.stringify(query)}
        />
      </table>
      {total === 0 && (
        <Center h={200} style={{ position: 'sticky', left: 0, width: '100%' }}>
          <Text c="dimmed">{props.emptyText}</Text>
        </Center>
      )}
    </Box>
  );
}

/** Rows scrolled between two reports of the first visible row: the window only moves in quarter pages. */
const FIRST_VISIBLE_STEP = 25;

/**
 * The virtualized rows. Scrolling re-renders only this part (the virtualizer lives here), not the header with its
 * filters and drag handles, and it tells the grid the first visible row in steps, so the window query is not
 * re-derived at every row.
 */
function GridBody(props: {
  scrollRef: RefObject<HTMLDivElement | null>;
  count: number;
  width: number;
  rowAt: (index: number) => ClientRow | undefined;
  rowById: Map<string, ReturnType<ReactTable<ClientFeatures, ClientRow>['getRowModel']>['rows'][number]>;
  visibleColumns: ReturnType<ReactTable<ClientFeatures, ClientRow>['getVisibleLeafColumns']>;
  table: ReactTable<ClientFeatures, ClientRow>;
  selection: Selection;
  onSelection: (s: Selection) => void;
  onFirstVisible: (index: number) => void;
  resetKey: string;
}) {
  const { count, width, rowAt, rowById, visibleColumns, selection, scrollRef, table } = props;
  const { t } = useTranslation('clients');
  const [, navigate] = useLocation();
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const step = Math.floor(first / FIRST_VISIBLE_STEP) * FIRST_VISIBLE_STEP;
  const { onFirstVisible } = props;
  useEffect(() => onFirstVisible(step), [onFirstVisible, step]);
  // A new search or filter starts at the top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the query's identity matters
  useEffect(() => virtualizer.scrollToOffset(0), [props.resetKey]);

  const open = (row: ClientRow) => navigate(paths.client(row.id));
  const onRowClick = (e: MouseEvent, row: ClientRow) => {
    const target = e.target as HTMLElement;
    if (target.closest('a, button, input, label')) return;
    open(row);
  };
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number, row: ClientRow | undefined) => {
    const move = (to: number) => {
      e.preventDefault();
      const next = Math.max(0, Math.min(count - 1, to));
      virtualizer.scrollToIndex(next);
      requestAnimationFrame(() =>
        scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${next}"]`)?.focus(),
      );
    };
    if (e.key === 'ArrowDown') move(index + 1);
    else if (e.key === 'ArrowUp') move(index - 1);
    else if (e.key === 'PageDown') move(index + 15);
    else if (e.key === 'PageUp') move(index - 15);
    else if (row && e.key === 'Enter' && e.target === e.currentTarget) open(row);
    else if (row && e.key === ' ' && e.target === e.currentTarget) {
      e.preventDefault();
      props.onSelection(toggled(selection, row.id));
    }
  };

  // Rows are memoised: while scrolling, a row already on screen keeps its props, so only the rows coming into view
  // render. The handlers read the latest props through a ref and stay the same functions.
  const latest = useRef({
    onRowClick,
    onRowKey,
    onToggle: (row: ClientRow) => props.onSelection(toggled(selection, row.id)),
  });
  latest.current = {
    onRowClick,
    onRowKey,
    onToggle: (row: ClientRow) => props.onSelection(toggled(selection, row.id)),
  };
  const handlers = useMemo<RowHandlers>(
    () => ({
      click: (e, row) => latest.current.onRowClick(e, row),
      key: (e, index, row) => latest.current.onRowKey(e, index, row),
      toggle: (row) => latest.current.onToggle(row),
    }),
    [],
  );
  const columnsKey = visibleColumns.map((c) => `${c.id}:${c.getSize()}`).join(',');

  return (
    <tbody style={{ display: 'grid', height: virtualizer.getTotalSize(), width, position: 'relative' }}>
      {items.map((item) => {
        const row = rowAt(item.index);
        return (
          <GridRow
            key={item.key}
            index={item.index}
            start={item.start}
            width={width}
            row={row}
            tableRow={row ? rowById.get(row.id) : undefined}
            checked={row ? isSelected(selection, row.id) : false}
            columnsKey={columnsKey}
            visibleColumns={visibleColumns}
            table={table}
            handlers={handlers}
            selectLabel={row ? t('table.selectRow', { name: row.name }) : ''}
            loadingLabel={t('loadingRow')}
          />
        );
      })}
    </tbody>
  );
}

interface RowHandlers {
  click: (e: MouseEvent, row: ClientRow) => void;
  key: (e: KeyboardEvent<HTMLTableRowElement>, index: number, row: ClientRow | undefined) => void;
  toggle: (row: ClientRow) => void;
}

type TableRow = ReturnType<ReactTable<ClientFeatures, ClientRow>['getRowModel']>['rows'][number];

/** One row; `columnsKey` (ids and widths of the visible columns) stands for `visibleColumns` in the comparison. */
const GridRow = memo(
  function GridRow(props: {
    index: number;
    start: number;
    width: number;
    row: ClientRow | undefined;
    tableRow: TableRow | undefined;
    checked: boolean;
    columnsKey: string;
    visibleColumns: ReturnType<ReactTable<ClientFeatures, ClientRow>['getVisibleLeafColumns']>;
    table: ReactTable<ClientFeatures, ClientRow>;
    handlers: RowHandlers;
    selectLabel: string;
    loadingLabel: string;
  }) {
    const { index, row, tableRow, checked, width, table, handlers } = props;
    return (
      <tr
        aria-rowindex={index + 2}
        aria-selected={checked}
        aria-busy={!row || undefined}
        data-row-index={index}
        data-client-row={row?.id}
        tabIndex={0}
        onClick={row ? (e) => handlers.click(e, row) : undefined}
        onKeyDown={(e) => handlers.key(e, index, row)}
        style={{
          position: 'absolute',
          top: 0,
          left: 0,
          width,
          height: ROW_HEIGHT,
          transform: `translateY(${props.start}px)`,
          display: 'flex',
          borderBottom: '1px solid var(--mantine-color-default-border)',
          cursor: row ? 'pointer' : 'default',
          background: checked ? 'var(--mantine-primary-color-light)' : undefined,
          fontSize: 'var(--mantine-font-size-sm)',
        }}
      >
        <td style={cellStyle(CHECK_WIDTH)}>
          {row && (
            <Checkbox
              size="xs"
              aria-label={props.selectLabel}
              checked={checked}
              onChange={() => handlers.toggle(row)}
            />
          )}
        </td>
        {tableRow ? (
          tableRow.getVisibleCells().map((cell) => (
            <td key={cell.id} style={cellStyle(cell.column.getSize())}>
              <span style={CELL_TEXT}>
                <table.FlexRender cell={cell} />
              </span>
            </td>
          ))
        ) : (
          // One still placeholder per row, not a shimmering skeleton per cell: a fast scroll draws dozens of these
          // rows per frame.
          <td style={cellStyle(width - CHECK_WIDTH)}>
            <Skeleton height={10} width="60%" radius="sm" animate={false} aria-label={props.loadingLabel} />
          </td>
        )}
      </tr>
    );
  },
  (a, b) =>
    a.index === b.index &&
    a.start === b.start &&
    a.width === b.width &&
    a.row === b.row &&
    a.tableRow === b.tableRow &&
    a.checked === b.checked &&
    a.columnsKey === b.columnsKey &&
    a.table === b.table &&
    a.handlers === b.handlers &&
    a.selectLabel === b.selectLabel &&
    a.loadingLabel === b.loadingLabel,
);
