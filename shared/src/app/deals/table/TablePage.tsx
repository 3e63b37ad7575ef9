import { Alert, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../../common/index.ts';
import { CreateDealModal } from '../create/CreateDealModal.tsx';
import { DealsHeader } from '../DealsHeader.tsx';
import { DealsCardList } from './DealsCardList.tsx';
import { DealsGrid } from './DealsGrid.tsx';
import {
  DEAL_SORTS,
  DEFAULT_DEAL_SORT,
  type DealSort,
  type DealTableFilters,
  isDealSortKey,
} from './query.ts';
import { EMPTY_TABLE_FILTERS, TableFilters, type TableFilterValues } from './TableFilters.tsx';
import { useDealWindow } from './use-deal-window.ts';

/** `/deals/table`: every visible deal in a sortable, filterable, windowed table. */
export function DealsTablePage() {
  const { t } = useTranslation('deals');
  const phone = useMediaQuery('(max-width: 48em)');
  const [values, setValues] = useState<TableFilterValues>(EMPTY_TABLE_FILTERS);
  const [search] = useDebouncedValue(values.search, 250);
  const [sort, setSort] = useState<DealSort>(DEFAULT_DEAL_SORT);
  const [creating, setCreating] = useState(false);
  const filters = useMemo(
    (): DealTableFilters => ({
      pipelineId: values.pipelineId,
      stageId: values.stageId,
      ownerId: values.ownerId,
      status: values.status,
      search,
    }),
    [values.pipelineId, values.stageId, values.ownerId, values.status, search],
  );
  const deals = useDealWindow(filters, sort);
  // Until the first sync has landed, "no deals" would be a guess.
  const firstSync = useSyncStatus().syncing === 'initial' && deals.total === 0;

  return (
    <Stack gap="sm">
      <DealsHeader view="table" onCreate={() => setCreating(true)} />
      <TableFilters value={values} onChange={setValues} phone={!!phone} />
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('table.count', { count: deals.total })}
        </Text>
        {phone && (
          <Group gap="xs">
            <Select
              aria-label={t('table.sort')}
              data={Object.keys(DEAL_SORTS).map((key) => ({ value: key, label: t(`table.columns.${key}`) }))}
              value={sort.key}
              onChange={(key) => key && isDealSortKey(key) && setSort({ ...sort, key })}
              allowDeselect={false}
              w={150}
              size="xs"
            />
            <Select
              aria-label={t('table.direction')}
              data={[
                { value: 'asc', label: t('table.ascending') },
                { value: 'desc', label: t('table.descending') },
              ]}
              value={sort.desc ? 'desc' : 'asc'}
              onChange={(d) => setSort({ ...sort, desc: d === 'desc' })}
              allowDeselect={false}
              w={130}
              size="xs"
            />
          </Group>
        )}
      </Group>
      {deals.error && <Alert color="red">{deals.error}</Alert>}
      {firstSync ? (
        <Loader m="md" />
      ) : phone ? (
        <DealsCardList total={deals.total} rowAt={deals.rowAt} onRange={deals.onRange} />
      ) : (
        <DealsGrid
          total={deals.total}
          rows={deals.rows}
          offset={deals.offset}
          sort={sort}
          onSort={setSort}
          onRange={deals.onRange}
        />
      )}
      <CreateDealModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
