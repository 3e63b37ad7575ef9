import { Button, Stack, Tabs } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOM_FIELD_ENTITIES, type CustomFieldEntity } from '../../../schema/constants.ts';
import { useCan, useLiveQuery } from '../../common/index.ts';
import { SectionCard } from '../common/SectionCard.tsx';
import { DeletedFields } from './DeletedFields.tsx';
import { FieldFormModal } from './FieldFormModal.tsx';
import { FieldList } from './FieldList.tsx';
import type { CustomFieldRow } from './field-form.ts';

// Deleted definitions are read too: their keys stay taken (the server's unique index) and they can be restored.
const FIELDS_SQL = `select id, entity, key, label, type, options, required, position, version, deleted_at
  from custom_fields where entity = $1 order by position, created_at, id`;

export type FieldEditing = { mode: 'create' } | { mode: 'edit'; field: CustomFieldRow } | null;

/** Definitions of the extra fields of clients, deals and contacts (custom_field.* mutations, offline-capable). */
export function CustomFieldsSection() {
  const { t } = useTranslation('settings');
  const [entity, setEntity] = useState<CustomFieldEntity>('clients');
  const [editing, setEditing] = useState<FieldEditing>(null);
  const canCreate = useCan('custom_fields', 'create');
  const { rows: all, loading } = useLiveQuery<CustomFieldRow>(FIELDS_SQL, [entity]);
  const live = all.filter((f) => !f.deleted_at);
  const deleted = all.filter((f) => f.deleted_at);

  return (
    <SectionCard
      id="custom-fields"
      title={t('fields.title')}
      description={t('fields.description')}
      actions={
        canCreate && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ mode: 'create' })}>
            {t('fields.create')}
          </Button>
        )
      }
    >
      <Tabs value={entity} onChange={(v) => v && setEntity(v as CustomFieldEntity)}>
        <Tabs.List aria-label={t('fields.entityLabel')}>
          {CUSTOM_FIELD_ENTITIES.map((e) => (
            <Tabs.Tab key={e} value={e}>
              {t(`fields.entities.${e}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Stack gap="md">
        <FieldList fields={live} loading={loading} onEdit={(field) => setEditing({ mode: 'edit', field })} />
        <DeletedFields fields={deleted} />
      </Stack>
      <FieldFormModal entity={entity} editing={editing} fields={all} onClose={() => setEditing(null)} />
    </SectionCard>
  );
}
