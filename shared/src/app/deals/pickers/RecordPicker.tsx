import { type ComboboxItem, type OptionsFilter, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../common/index.ts';
import { cleanSearch, Params, textMatch } from '../sql.ts';

/** Searchable tables a picker can choose from, and the column it shows. */
const SOURCES = {
  clients: 'name',
  deals: 'title',
} as const;
type Source = keyof typeof SOURCES;

const OPTIONS_LIMIT = 20;

/** The replica filters (word forms, phones, INN); the dropdown shows what it found as is. */
const keepAll: OptionsFilter = ({ options }) => options;

function optionsQuery(source: Source, search: string) {
  const p = new Params();
  const label = SOURCES[source];
  const text = cleanSearch(search);
  const where = text ? `AND ${textMatch('r', p, text)}` : '';
  const order = text ? `lower(r.${label}), r.id` : 'r.updated_at DESC, r.id';
  return p.query(
    `SELECT r.id AS value, r.${label} AS label FROM ${source} r WHERE r.deleted_at IS NULL ${where} ORDER BY ${order} LIMIT ${OPTIONS_LIMIT}`,
  );
}

export interface RecordPickerProps {
  value: string | null;
  onChange: (id: string | null) => void;
  label: string;
  placeholder?: string;
  error?: string;
  required?: boolean;
  disabled?: boolean;
}

/** A searchable select over a big replica table: asks the replica for 20 matches, never loads the table. */
export function RecordPicker(props: RecordPickerProps & { source: Source }) {
  const { t } = useTranslation('deals');
  const [search, setSearch] = useState('');
  // Options are asked for only while the dropdown is open: a closed picker costs one small query.
  const [opened, setOpened] = useState(false);
  const [debounced] = useDebouncedValue(search, 200);
  const selected = useLiveQuery<ComboboxItem>(
    props.value
      ? `SELECT id AS value, ${SOURCES[props.source]} AS label FROM ${props.source} WHERE id = $1`
      : null,
    [props.value],
  );
  // The input shows the chosen record's name: that is not a search, so the dropdown offers the latest records.
  const text = debounced === selected.rows[0]?.label ? '' : debounced;
  const query = useMemo(() => optionsQuery(props.source, text), [props.source, text]);
  const found = useLiveQuery<ComboboxItem>(opened ? query.sql : null, query.params);
  const data = useMemo(() => {
    const current = selected.rows[0];
    const rest = found.rows.filter((o) => o.value !== current?.value);
    return current ? [current, ...rest] : rest;
  }, [found.rows, selected.rows]);
  return (
    <Select
      label={props.label}
      placeholder={props.placeholder}
      data={data}
      value={props.value}
      onChange={(value) => props.onChange(value)}
      searchable
      clearable={!props.required}
      required={props.required}
      disabled={props.disabled}
      error={props.error}
      searchValue={search}
      onSearchChange={setSearch}
      filter={keepAll}
      onDropdownOpen={() => setOpened(true)}
      onDropdownClose={() => setOpened(false)}
      nothingFoundMessage={t('fields.nothingFound')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function ClientPicker(props: RecordPickerProps) {
  return <RecordPicker {...props} source="clients" />;
}

export function DealPicker(props: RecordPickerProps) {
  return <RecordPicker {...props} source="deals" />;
}
