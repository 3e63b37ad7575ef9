import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../common/index.ts';
import { BulkBar } from '../bulk/bulk-bar.tsx';
import { SegmentControls } from '../segments/segment-controls.tsx';
import { ClientsGrid } from '../table/clients-grid.tsx';
import { ColumnsMenu } from '../table/columns-menu.tsx';
import { hasConditions } from '../table/query.ts';
import { useTableLayout } from '../table/use-table-layout.ts';
import { ActiveFilters } from './active-filters.tsx';
import { SearchBox } from './search-box.tsx';
import type { ClientsListState } from './use-clients-list.ts';

/** The clients list on a wide screen: toolbar, active filters, bulk actions and the virtualized table. */
export function ClientsDesktop({ list, onCreate }: { list: ClientsListState; onCreate: () => void }) {
  const { t } = useTranslation('clients');
  const canCreate = useCan('clients', 'create');
  const layout = useTableLayout(list.specs, list.user.id);
  const filtered = hasConditions(list.query, list.specs);
  return (
    <Stack
      gap="sm"
      style={{
        height:
          'calc(100dvh - var(--app-shell-header-height, 0px) - var(--app-shell-footer-height, 0px) - 2 * var(--mantine-spacing-md))',
        minHeight: 420,
      }}
    >
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" align="baseline">
          <Title order={2}>{t('title')}</Title>
          {list.total !== null && (
            <Text c="dimmed" size="sm" aria-live="polite">
              {t('total', { count: list.total })}
            </Text>
          )}
        </Group>
        {canCreate && (
          <Button leftSection={<IconPlus size={16} />} onClick={onCreate}>
            {t('create')}
          </Button>
        )}
      </Group>
      <Group gap="xs" wrap="wrap">
        <SearchBox value={list.query.search} onChange={list.setSearch} />
        <SegmentControls
          specs={list.specs}
          query={list.query}
          onApply={list.applyQuery}
          activeId={list.segmentId}
          onActive={list.setSegmentId}
        />
        <ColumnsMenu
          specs={list.specs}
          order={layout.columnOrder}
          visibility={layout.columnVisibility}
          labelOf={list.labelOf}
          onVisibility={(id, visible) => layout.setColumnVisibility((v) => ({ ...v, [id]: visible }))}
          onOrder={layout.setColumnOrder}
          onReset={layout.resetLayout}
        />
      </Group>
      <ActiveFilters
        query={list.query}
        specs={list.specs}
        labelOf={list.labelOf}
        onRemove={list.removeFilter}
        onReset={list.resetFilters}
      />
      {list.fuzzy && (
        <Alert color="yellow" py={6}>
          {t('fuzzyNotice')}
        </Alert>
      )}
      <BulkBar
        selection={list.selection}
        onSelection={list.setSelection}
        total={list.total ?? 0}
        query={list.fuzzy ? { ...list.query, fuzzy: true } : list.query}
        specs={list.specs}
      />
      <ClientsGrid
        query={list.query}
        setQuery={list.setQuery}
        specs={list.specs}
        labelOf={list.labelOf}
        layout={layout}
        selection={list.selection}
        onSelection={list.setSelection}
        onTotal={list.onTotal}
        emptyText={filtered ? t('nothing') : t('nothingYet')}
      />
    </Stack>
  );
}
