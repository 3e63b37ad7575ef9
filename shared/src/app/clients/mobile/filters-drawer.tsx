import { Button, Divider, Drawer, Group, SegmentedControl, Select, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClientsListState } from '../list/use-clients-list.ts';
import { SegmentControls } from '../segments/segment-controls.tsx';
import { FilterEditor } from '../table/filter-editor.tsx';

/** Phone layout: the table's filters, sort and segments in a drawer; each change applies at once. */
export function FiltersDrawer({
  list,
  opened,
  onClose,
}: {
  list: ClientsListState;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('clients');
  const sortable = list.specs.filter((s) => s.sortable);
  return (
    <Drawer opened={opened} onClose={onClose} title={t('filtersTitle')} position="bottom" size="90%">
      <Stack gap="md">
        <SegmentControls
          specs={list.specs}
          query={list.query}
          onApply={list.applyQuery}
          activeId={list.segmentId}
          onActive={list.setSegmentId}
          compact
        />
        <Group grow align="flex-end">
          <Select
            label={t('sortBy')}
            data={sortable.map((s) => ({ value: s.id, label: list.labelOf(s) }))}
            value={list.query.sort.column}
            onChange={(v) => v && list.setQuery((q) => ({ ...q, sort: { ...q.sort, column: v } }))}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <SegmentedControl
            aria-label={t('sortBy')}
            value={list.query.sort.desc ? 'desc' : 'asc'}
            onChange={(v) => list.setQuery((q) => ({ ...q, sort: { ...q.sort, desc: v === 'desc' } }))}
            data={[
              { value: 'asc', label: t('sortAsc') },
              { value: 'desc', label: t('sortDesc') },
            ]}
          />
        </Group>
        <Divider />
        {list.specs
          .filter((s) => s.filter)
          .map((spec) => (
            <FilterEditor
              key={spec.id}
              spec={spec}
              label={list.labelOf(spec)}
              value={list.query.filters[spec.id] ?? null}
              onChange={(next) =>
                list.setQuery((q) => {
                  const filters = { ...q.filters };
                  if (next) filters[spec.id] = next;
                  else delete filters[spec.id];
                  return { ...q, filters };
                })
              }
            />
          ))}
        <Group justify="space-between" pb="md">
          <Button variant="subtle" onClick={list.resetFilters}>
            {t('resetFilters')}
          </Button>
          <Button onClick={onClose}>{t('common:actions.close')}</Button>
        </Group>
      </Stack>
    </Drawer>
  );
}
