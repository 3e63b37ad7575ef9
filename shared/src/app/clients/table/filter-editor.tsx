import { Checkbox, Group, MultiSelect, NumberInput, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../../records/index.tsx';
import type { ColumnSpec } from './columns-spec.ts';
import { type ColumnFilter, NO_OWNER } from './query.ts';

/** Choices of a select filter with their display labels. */
export function useFilterOptions(spec: ColumnSpec) {
  const { t } = useTranslation('clients');
  const { users } = useUsers();
  return useMemo(() => {
    if (spec.id === 'owner') {
      return [
        { value: NO_OWNER, label: t('noOwner') },
        ...users.map((u) => ({ value: u.id, label: u.name })),
      ];
    }
    if (spec.id === 'status' || spec.id === 'kind') {
      return (spec.options ?? []).map((o) => ({
        value: o,
        label: t(`${spec.id as 'status'}.${o as 'lead'}`),
      }));
    }
    return (spec.options ?? []).map((o) => ({ value: o, label: o }));
  }, [spec, users, t]);
}

/**
 * The input for one column's filter, by the column's filter kind. `value` is the draft; an input left empty makes
 * `onChange(null)` (no filter). Money custom fields are entered in roubles and filtered in kopecks.
 */
export function FilterEditor(props: {
  spec: ColumnSpec;
  label: string;
  value: ColumnFilter | null;
  onChange: (next: ColumnFilter | null) => void;
  autoFocus?: boolean;
}) {
  const { spec, label, value, onChange } = props;
  const { t } = useTranslation('clients');
  const options = useFilterOptions(spec);
  const money = spec.custom?.type === 'money';

  switch (spec.filter) {
    case 'text':
      return (
        <TextInput
          label={`${label}: ${t('filter.contains').toLowerCase()}`}
          value={value?.kind === 'text' ? value.value : ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            onChange(v ? { kind: 'text', value: v } : null);
          }}
          data-autofocus={props.autoFocus || undefined}
          maxLength={200}
        />
      );
    case 'select': {
      const values = value?.kind === 'select' ? value.values : [];
      const set = (next: string[]) => onChange(next.length ? { kind: 'select', values: next } : null);
      // A short list reads best as checkboxes (nothing pops over the Apply button); a long one needs search.
      if (options.length <= 12) {
        return (
          <Checkbox.Group
            label={`${label}: ${t('filter.anyOf').toLowerCase()}`}
            value={values}
            onChange={set}
          >
            <Stack gap={6} mt={6}>
              {options.map((o, i) => (
                <Checkbox
                  key={o.value}
                  value={o.value}
                  label={o.label}
                  data-autofocus={(props.autoFocus && i === 0) || undefined}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        );
      }
      return (
        <MultiSelect
          label={`${label}: ${t('filter.anyOf').toLowerCase()}`}
          data={options}
          value={values}
          onChange={set}
          searchable
          clearable
          data-autofocus={props.autoFocus || undefined}
          comboboxProps={{ withinPortal: false }}
        />
      );
    }
    case 'dateRange': {
      const range = value?.kind === 'dateRange' ? value : { from: null, to: null };
      return (
        <DatePickerInput
          type="range"
          label={`${label}: ${t('filter.period').toLowerCase()}`}
          value={[range.from, range.to]}
          onChange={([from, to]) =>
            onChange(
              from || to
                ? {
                    kind: 'dateRange',
                    from: from ? String(from).slice(0, 10) : null,
                    to: to ? String(to).slice(0, 10) : null,
                  }
                : null,
            )
          }
          valueFormat="DD.MM.YYYY"
          allowSingleDateInRange
          clearable
          popoverProps={{ withinPortal: false }}
          data-autofocus={props.autoFocus || undefined}
        />
      );
    }
    case 'numberRange': {
      const range = value?.kind === 'numberRange' ? value : { min: null, max: null };
      const scale = money ? 100 : 1;
      const set = (min: number | null, max: number | null) =>
        onChange(min !== null || max !== null ? { kind: 'numberRange', min, max } : null);
      const read = (v: number | null) => (v === null ? '' : v / scale);
      const write = (v: number | string) => (typeof v === 'number' ? Math.round(v * scale) : null);
      return (
        <Group grow gap="xs" align="flex-end">
          <NumberInput
            label={`${label}: ${t('filter.min').toLowerCase()}`}
            value={read(range.min)}
            onChange={(v) => set(write(v), range.max)}
            thousandSeparator=" "
            decimalScale={money ? 2 : undefined}
            data-autofocus={props.autoFocus || undefined}
          />
          <NumberInput
            label={t('filter.max')}
            value={read(range.max)}
            onChange={(v) => set(range.min, write(v))}
            thousandSeparator=" "
            decimalScale={money ? 2 : undefined}
          />
        </Group>
      );
    }
    case 'boolean':
      return (
        <SegmentedControl
          aria-label={label}
          fullWidth
          value={value?.kind === 'boolean' ? String(value.value) : 'any'}
          onChange={(v) => onChange(v === 'any' ? null : { kind: 'boolean', value: v === 'true' })}
          data={[
            { value: 'any', label: t('filter.any') },
            { value: 'true', label: t('filter.yes') },
            { value: 'false', label: t('filter.no') },
          ]}
        />
      );
    default:
      return null;
  }
}
