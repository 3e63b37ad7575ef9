import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsers } from './users.ts';

/** A select of active users (from the replica), for owners and assignees. */
export function UserSelect(props: {
  value: string | null;
  onChange: (userId: string | null) => void;
  label?: string;
  clearable?: boolean;
  error?: string;
  placeholder?: string;
}) {
  const { t } = useTranslation('records');
  const { users, byId } = useUsers();
  const data = useMemo(() => {
    const active = users.filter((u) => u.is_active).map((u) => ({ value: u.id, label: u.name }));
    // Keep a deactivated current owner visible rather than showing an empty box.
    const current = props.value ? byId.get(props.value) : undefined;
    if (current && !current.is_active) {
      active.push({ value: current.id, label: t('users.inactive', { name: current.name }) });
    }
    return active;
  }, [users, byId, props.value, t]);
  return (
    <Select
      label={props.label ?? t('users.owner')}
      placeholder={props.placeholder ?? t('users.nobody')}
      data={data}
      value={props.value}
      onChange={(v) => props.onChange(v)}
      clearable={props.clearable ?? true}
      searchable
      nothingFoundMessage={t('users.notFound')}
      error={props.error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
