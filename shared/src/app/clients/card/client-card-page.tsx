import {
  Alert,
  Anchor,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPencil, IconRestore, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCan, useMutate } from '../../common/index.ts';
import { RecordHistory, RecordNotes, RecordTasks, useCanOn, useUsers } from '../../records/index.tsx';
import { paths } from '../../routes.tsx';
import { StatusBadge } from '../status.tsx';
import { ClientContacts } from './client-contacts.tsx';
import { ClientDeals } from './client-deals.tsx';
import { ClientDetails } from './client-details.tsx';
import { ClientEditForm } from './client-edit-form.tsx';
import { type ClientRecord, useClientRecord } from './client-record.ts';

function BackLink() {
  const { t } = useTranslation('clients');
  return (
    <Anchor component={Link} href={paths.clients} size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('card.back')}
      </Group>
    </Anchor>
  );
}

function CardHeader({
  client,
  onEdit,
  editing,
}: {
  client: ClientRecord;
  onEdit: () => void;
  editing: boolean;
}) {
  const { t } = useTranslation('clients');
  const mutate = useMutate();
  const { byId } = useUsers();
  const canUpdate = useCanOn('clients', 'update')(client.owner_id);
  const canDelete = useCan('clients', 'delete');
  const deleted = client.deleted_at !== null;

  const remove = () =>
    modals.openConfirmModal({
      title: t('card.delete'),
      children: <Text size="sm">{t('card.deleteConfirm', { name: client.name })}</Text>,
      labels: { confirm: t('common:actions.delete'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        const result = await mutate('client.delete', { id: client.id });
        if (result.ok) notifications.show({ message: t('card.deleted') });
      },
    });
  const restore = async () => {
    const result = await mutate('client.restore', { id: client.id });
    if (result.ok) notifications.show({ color: 'green', message: t('card.restored') });
  };

  return (
    <Stack gap="xs">
      <BackLink />
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {client.name}
          </Title>
          <Group gap="xs">
            <StatusBadge status={client.status} size="md" />
            <Text size="sm" c="dimmed">
              {client.kind === 'company' ? t('kind.company') : t('kind.person')}
              {' · '}
              {t('card.owner')}: {client.owner_id ? (byId.get(client.owner_id)?.name ?? '…') : t('noOwner')}
            </Text>
          </Group>
        </Stack>
        {!deleted && (
          <Group gap="xs">
            {canUpdate && !editing && (
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit}>
                {t('card.edit')}
              </Button>
            )}
            {canDelete && (
              <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={remove}>
                {t('card.delete')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {deleted && (
        <Alert color="red" title={t('card.deletedBanner')}>
          {canDelete && (
            <Button
              size="xs"
              variant="white"
              color="red"
              leftSection={<IconRestore size={14} />}
              onClick={() => void restore()}
            >
              {t('card.restore')}
            </Button>
          )}
        </Alert>
      )}
    </Stack>
  );
}

/** The client card: header with actions, fields (view or edit), contacts, deals, tasks, notes and history. */
export function ClientCardPage({ id }: { id: string }) {
  const { t } = useTranslation('clients');
  const { client, loading } = useClientRecord(id);
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<string | null>('contacts');
  const phone = useMediaQuery('(max-width: 48em)');

  if (!client) {
    if (loading) {
      return (
        <Center h={200}>
          <Loader aria-label={t('common:loading')} />
        </Center>
      );
    }
    return (
      <Stack gap="sm">
        <BackLink />
        <Alert color="gray" title={t('card.notFound')}>
          {t('card.notFoundHint')}
        </Alert>
      </Stack>
    );
  }
  const deleted = client.deleted_at !== null;

  const details = (
    <Paper withBorder radius="md" p="md">
      <Text fw={600} mb="sm">
        {t('card.details')}
      </Text>
      {editing ? (
        <ClientEditForm key={client.id} client={client} onDone={() => setEditing(false)} />
      ) : (
        <ClientDetails client={client} />
      )}
    </Paper>
  );
  const tabs = (
    <Paper withBorder radius="md" p={phone ? 'xs' : 'md'}>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List style={phone ? { flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' } : undefined}>
          <Tabs.Tab value="contacts">{t('card.tabs.contacts')}</Tabs.Tab>
          <Tabs.Tab value="deals">{t('card.tabs.deals')}</Tabs.Tab>
          <Tabs.Tab value="tasks">{t('card.tabs.tasks')}</Tabs.Tab>
          <Tabs.Tab value="notes">{t('card.tabs.notes')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('card.tabs.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="contacts" pt="md">
          <ClientContacts clientId={client.id} readOnly={deleted} />
        </Tabs.Panel>
        <Tabs.Panel value="deals" pt="md">
          <ClientDeals clientId={client.id} clientName={client.name} readOnly={deleted} />
        </Tabs.Panel>
        <Tabs.Panel value="tasks" pt="md">
          <RecordTasks clientId={client.id} />
        </Tabs.Panel>
        <Tabs.Panel value="notes" pt="md">
          <RecordNotes clientId={client.id} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <RecordHistory entity="clients" id={client.id} />
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );

  return (
    <Stack gap="md">
      <CardHeader client={client} editing={editing} onEdit={() => setEditing(true)} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>{details}</Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>{tabs}</Grid.Col>
      </Grid>
    </Stack>
  );
}
