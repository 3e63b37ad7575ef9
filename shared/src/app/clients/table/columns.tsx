import { Anchor, Badge, Group, Text } from '@mantine/core';
import {
  type ColumnDef,
  columnOrderingFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { formatDate } from '../../common/index.ts';
import { formatCustomValue, type UserOption } from '../../records/index.tsx';
import { paths } from '../../routes.tsx';
import { StatusBadge } from '../status.tsx';
import type { BuiltinColumnId, ColumnSpec } from './columns-spec.ts';
import type { ClientRow } from './query.ts';

export interface ClientColumnMeta {
  spec: ColumnSpec;
  label: string;
}

/** The table's features: column model and sort state only; rows arrive sorted and windowed from SQL. */
export const features = tableFeatures({
  columnVisibilityFeature,
  columnOrderingFeature,
  columnSizingFeature,
  columnResizingFeature,
  rowSortingFeature,
  columnMeta: {} as ClientColumnMeta,
});
export type ClientFeatures = typeof features;
export type ClientColumnDef = ColumnDef<ClientFeatures, ClientRow, unknown>;

const SIZES: Partial<Record<BuiltinColumnId, number>> = {
  name: 260,
  kind: 110,
  status: 160,
  owner: 170,
  phone: 170,
  email: 220,
  inn: 130,
  tags: 180,
  source: 140,
  created_at: 115,
  updated_at: 115,
};

const dash = <Text c="dimmed">—</Text>;

function firstOf(list: string[]): ReactNode {
  if (!list?.length) return dash;
  return (
    <>
      {list[0]}
      {list.length > 1 && (
        <Text span c="dimmed" size="xs">
          {' '}
          +{list.length - 1}
        </Text>
      )}
    </>
  );
}

/** Cell content of one column for one row; shared by the table and the phone list. */
export function renderClientCell(
  id: string,
  row: ClientRow,
  ctx: { t: TFunction<'clients'>; users: Map<string, UserOption>; spec?: ColumnSpec },
): ReactNode {
  const { t, users } = ctx;
  switch (id) {
    case 'name':
      return (
        <Anchor component={Link} href={paths.client(row.id)} fw={500} truncate="end" display="block">
          {row.name}
        </Anchor>
      );
    case 'kind':
      return row.kind === 'company' || row.kind === 'person' ? t(`kind.${row.kind}`) : row.kind;
    case 'status':
      return <StatusBadge status={row.status} />;
    case 'owner':
      return row.owner_id ? (users.get(row.owner_id)?.name ?? '…') : dash;
    case 'phone':
      return firstOf(row.phones);
    case 'email':
      return firstOf(row.emails);
    case 'inn':
      return row.inn ?? dash;
    case 'tags':
      return row.tags?.length ? (
        <Group gap={4} wrap="nowrap">
          {row.tags.slice(0, 3).map((tag) => (
            <Badge key={tag} size="xs" variant="outline">
              {tag}
            </Badge>
          ))}
        </Group>
      ) : (
        dash
      );
    case 'source':
      return row.source ?? dash;
    case 'created_at':
      return formatDate(row.created_at);
    case 'updated_at':
      return formatDate(row.updated_at);
  }
  const custom = ctx.spec?.custom;
  if (!custom) return dash;
  const value = row.custom?.[custom.key];
  return value === undefined || value === null ? dash : formatCustomValue(custom.type, value);
}

/** Column definitions for TanStack Table: ids, labels, sizes, sortability; cells render from the SQL row. */
export function buildColumns(
  specs: readonly ColumnSpec[],
  labelOf: (spec: ColumnSpec) => string,
  t: TFunction<'clients'>,
  users: Map<string, UserOption>,
): ClientColumnDef[] {
  return specs.map((spec) => ({
    id: spec.id,
    header: labelOf(spec),
    size: SIZES[spec.id as BuiltinColumnId] ?? 160,
    minSize: 60,
    maxSize: 800,
    enableSorting: spec.sortable,
    enableHiding: spec.id !== 'name',
    sortDescFirst: spec.filter === 'dateRange' || spec.filter === 'numberRange',
    meta: { spec, label: labelOf(spec) },
    cell: ({ row }) => renderClientCell(spec.id, row.original, { t, users, spec }),
  }));
}
