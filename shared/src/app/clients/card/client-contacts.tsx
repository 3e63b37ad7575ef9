import { ActionIcon, Anchor, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useLiveQuery, useMutate } from '../../common/index.ts';
import { ContactModal, type ContactRow } from './contact-modal.tsx';

const CONTACTS_SQL = `SELECT id, name, position, phones, emails, custom FROM contacts
  WHERE client_id = $1 AND deleted_at IS NULL ORDER BY name, id LIMIT 500`;

/** People at the client: list, add, edit, delete (as the role allows). */
export function ClientContacts({ clientId, readOnly }: { clientId: string; readOnly?: boolean }) {
  const { t } = useTranslation('clients');
  const mutate = useMutate();
  const canCreate = useCan('contacts', 'create') && !readOnly;
  const canUpdate = useCan('contacts', 'update') && !readOnly;
  const canDelete = useCan('contacts', 'delete') && !readOnly;
  const { rows, loading } = useLiveQuery<ContactRow>(CONTACTS_SQL, [clientId]);
  const [editing, setEditing] = useState<{ contact: ContactRow | null } | null>(null);

  const remove = (c: ContactRow) =>
    modals.openConfirmModal({
      title: t('contacts.delete'),
      children: <Text size="sm">{t('contacts.deleteConfirm', { name: c.name })}</Text>,
      labels: { confirm: t('common:actions.delete'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => void mutate('contact.delete', { id: c.id }),
    });

  return (
    <Stack gap="sm">
      {canCreate && (
        <Group justify="flex-end">
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditing({ contact: null })}
          >
            {t('contacts.add')}
          </Button>
        </Group>
      )}
      {!loading && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('contacts.empty')}
        </Text>
      )}
      {rows.map((c) => (
        <Paper key={c.id} withBorder p="sm" radius="md" component="article" aria-label={c.name}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text fw={600} truncate="end">
                {c.name}
              </Text>
              {c.position && (
                <Text size="sm" c="dimmed">
                  {c.position}
                </Text>
              )}
              <Group gap="sm">
                {c.phones.map((p) => (
                  <Anchor key={p} size="sm" href={`tel:${p.replace(/[^\d+]/g, '')}`}>
                    {p}
                  </Anchor>
                ))}
                {c.emails.map((e) => (
                  <Anchor key={e} size="sm" href={`mailto:${e}`}>
                    {e}
                  </Anchor>
                ))}
              </Group>
            </Stack>
            <Group gap={4} wrap="nowrap">
              {canUpdate && (
                <Tooltip label={t('contacts.edit')}>
                  <ActionIcon
                    variant="subtle"
                    aria-label={`${t('contacts.edit')}: ${c.name}`}
                    onClick={() => setEditing({ contact: c })}
                  >
                    <IconPencil size={16} />
                  </ActionIcon>
                </Tooltip>
              )}
              {canDelete && (
                <Tooltip label={t('contacts.delete')}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`${t('contacts.delete')}: ${c.name}`}
                    onClick={() => remove(c)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          </Group>
        </Paper>
      ))}
      <ContactModal
        clientId={clientId}
        contact={editing?.contact ?? null}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />
    </Stack>
  );
}
