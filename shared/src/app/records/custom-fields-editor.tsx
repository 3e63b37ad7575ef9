import { MultiSelect, NumberInput, Select, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { type CustomFieldDefRow, type RecordEntity, useCustomFieldDefs } from './custom-field-defs.ts';

type Values = Record<string, unknown>;

interface FieldProps {
  def: CustomFieldDefRow;
  value: unknown;
  error?: string;
  set: (value: unknown) => void;
}

const asString = (v: unknown) => (typeof v === 'string' ? v : '');
const asNumber = (v: unknown) => (typeof v === 'number' ? v : '');
/** Empty inputs clear the value (null), which the mutators treat as "remove this key". */
const orNull = (v: string) => (v.trim() === '' ? null : v);

function CustomFieldInput({ def, value, error, set }: FieldProps) {
  const { t } = useTranslation('records');
  const common = { label: def.label, error, withAsterisk: def.required };
  switch (def.type) {
    case 'number':
      return (
        <NumberInput
          {...common}
          value={asNumber(value)}
          onChange={(v) => set(typeof v === 'number' ? v : null)}
        />
      );
    case 'money':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value / 100 : ''}
          onChange={(v) => set(typeof v === 'number' ? Math.round(v * 100) : null)}
          decimalScale={2}
          thousandSeparator=" "
          min={0}
          rightSection={<Text size="sm">{t('customFields.rubles')}</Text>}
        />
      );
    case 'date':
      return (
        <DateInput
          {...common}
          value={asString(value) || null}
          onChange={(v) => set(v ? String(v).slice(0, 10) : null)}
          valueFormat="DD.MM.YYYY"
          clearable
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          data={def.options}
          value={asString(value) || null}
          onChange={(v) => set(v)}
          placeholder={t('customFields.pick')}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'multiselect':
      return (
        <MultiSelect
          {...common}
          data={def.options}
          value={Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []}
          onChange={(v) => set(v.length ? v : null)}
          placeholder={t('customFields.pick')}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'boolean':
      return (
        <Switch
          label={def.label}
          checked={value === true}
          onChange={(e) => set(e.currentTarget.checked)}
          error={error}
          mt="md"
        />
      );
    case 'phone':
      return (
        <TextInput
          {...common}
          type="tel"
          value={asString(value)}
          onChange={(e) => set(orNull(e.currentTarget.value))}
        />
      );
    case 'email':
      return (
        <TextInput
          {...common}
          type="email"
          value={asString(value)}
          onChange={(e) => set(orNull(e.currentTarget.value))}
        />
      );
    default:
      return (
        <TextInput {...common} value={asString(value)} onChange={(e) => set(orNull(e.currentTarget.value))} />
      );
  }
}

/** Inputs for the custom fields defined for `entity`, bound to the record's `custom` object. */
export function CustomFieldsEditor(props: {
  entity: RecordEntity;
  values: Values;
  onChange: (next: Values) => void;
  /** Keyed `custom.<key>` (as mutations report them) or `<key>`. */
  errors?: Record<string, string>;
}) {
  const { t } = useTranslation('records');
  const { defs, loading } = useCustomFieldDefs(props.entity);
  if (loading && !defs.length) return null;
  if (!defs.length) {
    return (
      <Text size="sm" c="dimmed">
        {t('customFields.none')}
      </Text>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {defs.map((def) => (
        <CustomFieldInput
          key={def.id}
          def={def}
          value={props.values[def.key]}
          error={props.errors?.[`custom.${def.key}`] ?? props.errors?.[def.key]}
          set={(value) => props.onChange({ ...props.values, [def.key]: value })}
        />
      ))}
    </SimpleGrid>
  );
}
