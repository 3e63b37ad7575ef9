import {
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { Box, Group, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp, IconGripVertical } from '@tabler/icons-react';
import type { Header, ReactTable } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientFeatures } from './columns.tsx';
import { CHECK_WIDTH } from './grid-layout.ts';
import { HeaderFilter } from './header-filter.tsx';
import type { ClientQuery, ClientRow } from './query.ts';

type ClientHeader = Header<ClientFeatures, ClientRow, unknown>;

function HeaderCell(props: {
  header: ClientHeader;
  query: ClientQuery;
  setQuery: (update: (q: ClientQuery) => ClientQuery) => void;
}) {
  const { header, query } = props;
  const { t } = useTranslation('clients');
  const column = header.column;
  const meta = column.columnDef.meta;
  const label = meta?.label ?? column.id;
  const sorted = column.getIsSorted();
  const drag = useDraggable({ id: column.id });
  const drop = useDroppable({ id: column.id });
  const SortIcon = sorted === 'asc' ? IconArrowUp : sorted === 'desc' ? IconArrowDown : IconArrowsSort;
  const width = header.getSize();
  return (
    <th
      ref={drop.setNodeRef}
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
      style={{
        width,
        minWidth: width,
        maxWidth: width,
        position: 'relative',
        display: 'flex',
        alignItems: 'center',
        padding: '0 var(--mantine-spacing-xs)',
        gap: 2,
        background: drop.isOver ? 'var(--mantine-primary-color-light)' : undefined,
        opacity: drag.isDragging ? 0.5 : 1,
        fontWeight: 'normal',
        textAlign: 'start',
      }}
    >
      <Box
        ref={drag.setNodeRef}
        {...drag.listeners}
        {...drag.attributes}
        aria-label={t('table.move', { column: label })}
        style={{ cursor: 'grab', display: 'flex', color: 'var(--mantine-color-dimmed)' }}
      >
        <IconGripVertical size={14} />
      </Box>
      {column.getCanSort() ? (
        <UnstyledButton
          onClick={column.getToggleSortingHandler()}
          aria-label={t('table.sortBy', { column: label })}
          style={{
            flex: 1,
            minWidth: 0,
            fontWeight: 600,
            fontSize: 'var(--mantine-font-size-sm)',
            textAlign: 'start',
          }}
        >
          <Group gap={4} wrap="nowrap">
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {label}
            </span>
            <SortIcon size={14} style={{ flexShrink: 0, opacity: sorted ? 1 : 0.4 }} />
          </Group>
        </UnstyledButton>
      ) : (
        <Box
          style={{
            flex: 1,
            minWidth: 0,
            fontWeight: 600,
            fontSize: 'var(--mantine-font-size-sm)',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
          }}
        >
          {label}
        </Box>
      )}
      {meta?.spec.filter && (
        <HeaderFilter
          spec={meta.spec}
          label={label}
          value={query.filters[column.id] ?? null}
          onApply={(next) =>
            props.setQuery((q) => {
              const filters = { ...q.filters };
              if (next) filters[column.id] = next;
              else delete filters[column.id];
              return { ...q, filters };
            })
          }
        />
      )}
      <Box
        role="separator"
        aria-orientation="vertical"
        aria-label={t('table.resize', { column: label })}
        onMouseDown={header.getResizeHandler()}
        onTouchStart={header.getResizeHandler()}
        onDoubleClick={() => column.resetSize()}
        style={{
          position: 'absolute',
          right: 0,
          top: 6,
          bottom: 6,
          width: 5,
          cursor: 'col-resize',
          touchAction: 'none',
          borderRight: '2px solid var(--mantine-color-default-border)',
        }}
      />
    </th>
  );
}

/** The sticky header row: sort by click, filter per column, drag a header onto another to reorder, resize. */
export function GridHeader(props: {
  table: ReactTable<ClientFeatures, ClientRow>;
  width: number;
  query: ClientQuery;
  setQuery: (update: (q: ClientQuery) => ClientQuery) => void;
  checkbox: ReactNode;
}) {
  const { table } = props;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor),
  );
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const onDragEnd = (e: DragEndEvent) => {
    const from = String(e.active.id);
    const to = e.over ? String(e.over.id) : null;
    if (!to || from === to) return;
    const order = table.getAllLeafColumns().map((c) => c.id);
    const next = order.filter((id) => id !== from);
    next.splice(order.indexOf(to), 0, from);
    table.setColumnOrder(next);
  };
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      <Box
        role="row"
        aria-rowindex={1}
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 2,
          display: 'flex',
          width: props.width,
          height: 40,
          background: 'var(--mantine-color-body)',
          borderBottom: '1px solid var(--mantine-color-default-border)',
        }}
      >
        <Box
          role="columnheader"
          style={{
            width: CHECK_WIDTH,
            minWidth: CHECK_WIDTH,
            display: 'flex',
            alignItems: 'center',
            padding: '0 var(--mantine-spacing-xs)',
          }}
        >
          {props.checkbox}
        </Box>
        {headers.map((header) => (
          <HeaderCell key={header.id} header={header} query={props.query} setQuery={props.setQuery} />
        ))}
      </Box>
    </DndContext>
  );
}
