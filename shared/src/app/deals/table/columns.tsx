import { Anchor, Badge, Text } from '@mantine/core';
import { createColumnHelper, rowSortingFeature, tableFeatures } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { Link } from 'wouter';
import { formatDate, formatDateTime } from '../../common/index.ts';
import { paths } from '../../routes.tsx';
import { stageColor } from '../lookups.ts';
import { formatAmount } from '../money.ts';
import type { DealTableRow } from './query.ts';

/** Sorting is the only table feature: done by the replica's SQL (manualSorting), not in the browser. */
export const dealTableFeatures = tableFeatures({ rowSortingFeature });

const helper = createColumnHelper<typeof dealTableFeatures, DealTableRow>();

/** Column widths as a CSS grid template, shared by the header and every row. */
export const GRID_TEMPLATE = 'minmax(200px, 2fr) minmax(140px, 1.2fr) 150px 120px 140px 100px 130px';

export function dealColumns(t: TFunction<'deals'>) {
  return helper.columns([
    helper.accessor('title', {
      header: () => t('table.columns.title'),
      cell: (info) => (
        <Anchor component={Link} href={paths.deal(info.row.original.id)} size="sm" fw={500} truncate>
          {info.getValue()}
        </Anchor>
      ),
    }),
    helper.accessor('client_name', {
      id: 'client',
      header: () => t('table.columns.client'),
      cell: (info) => {
        const { client_id } = info.row.original;
        return client_id ? (
          <Anchor component={Link} href={paths.client(client_id)} size="sm" truncate>
            {info.getValue()}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        );
      },
    }),
    helper.accessor('stage_name', {
      id: 'stage',
      header: () => t('table.columns.stage'),
      cell: (info) => {
        const row = info.row.original;
        return (
          <Badge
            variant="light"
            color="gray"
            title={row.pipeline_name}
            leftSection={
              <span
                aria-hidden
                style={{
                  display: 'block',
                  width: 8,
                  height: 8,
                  borderRadius: 4,
                  background: stageColor(row.stage_color),
                }}
              />
            }
            style={{ textTransform: 'none', maxWidth: '100%' }}
            fw={500}
          >
            {info.getValue()}
          </Badge>
        );
      },
    }),
    helper.accessor('amount', {
      header: () => t('table.columns.amount'),
      cell: (info) => (
        <Text size="sm" ta="right" w="100%">
          {formatAmount(info.getValue(), info.row.original.currency)}
        </Text>
      ),
    }),
    helper.accessor('owner_name', {
      id: 'owner',
      header: () => t('table.columns.owner'),
      cell: (info) => (
        <Text size="sm" truncate>
          {info.getValue() ?? '—'}
        </Text>
      ),
    }),
    helper.accessor('expected_close_date', {
      header: () => t('table.columns.expected_close_date'),
      cell: (info) => <Text size="sm">{formatDate(info.getValue())}</Text>,
    }),
    helper.accessor('updated_at', {
      header: () => t('table.columns.updated_at'),
      cell: (info) => (
        <Text size="sm" truncate>
          {formatDateTime(info.getValue())}
        </Text>
      ),
    }),
  ]);
}
