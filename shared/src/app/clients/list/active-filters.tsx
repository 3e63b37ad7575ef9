import { Button, Group, Pill } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../../records/index.tsx';
import type { ColumnSpec } from '../table/columns-spec.ts';
import type { ClientQuery } from '../table/query.ts';
import { summarizeFilter } from './filter-summary.ts';

/** The filters in force as removable chips, and a reset for all of them. */
export function ActiveFilters(props: {
  query: ClientQuery;
  specs: readonly ColumnSpec[];
  labelOf: (spec: ColumnSpec) => string;
  onRemove: (columnId: string) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation('clients');
  const { byId } = useUsers();
  const active = props.specs.filter((s) => props.query.filters[s.id]);
  if (!active.length && !props.query.search) return null;
  return (
    <Group gap="xs" aria-label={t('filter.active')} role="group">
      {active.map((spec) => {
        const filter = props.query.filters[spec.id];
        if (!filter) return null;
        const label = props.labelOf(spec);
        return (
          <Pill
            key={spec.id}
            withRemoveButton
            onRemove={() => props.onRemove(spec.id)}
            removeButtonProps={{ 'aria-label': t('filter.remove', { column: label }) }}
          >
            {label}: {summarizeFilter(spec, filter, t, byId)}
          </Pill>
        );
      })}
      <Button size="compact-xs" variant="subtle" onClick={props.onReset}>
        {t('resetFilters')}
      </Button>
    </Group>
  );
}
