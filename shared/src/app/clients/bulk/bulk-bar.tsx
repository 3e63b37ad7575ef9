import { Button, Group, Modal, Paper, Select, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconTrash, IconUserShare, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useEngine } from '../../common/index.ts';
import { UserSelect } from '../../records/index.tsx';
import { useStatusOptions } from '../status.tsx';
import type { ColumnSpec } from '../table/columns-spec.ts';
import { buildIdsQuery, type ClientQuery } from '../table/query.ts';
import { ALL_MATCHING, NO_SELECTION, type Selection, selectedCount } from './selection.ts';
import { useBulkRunner } from './use-bulk-runner.tsx';

/** One run handles at most this many clients (one mutation each). */
export const MAX_BULK = 5000;

type Dialog = 'assign' | 'status' | null;

/**
 * Actions on the selected clients: assign an owner, change the status, delete. Hidden when the role may not do
 * them (sales may not delete). "All matching" resolves to ids only when an action runs.
 */
export function BulkBar(props: {
  selection: Selection;
  onSelection: (s: Selection) => void;
  total: number;
  query: ClientQuery;
  specs: readonly ColumnSpec[];
}) {
  const { selection, total } = props;
  const { t } = useTranslation('clients');
  const engine = useEngine();
  const canUpdate = useCan('clients', 'update');
  const canDelete = useCan('clients', 'delete');
  const statusOptions = useStatusOptions();
  const { run, modal } = useBulkRunner();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const count = selectedCount(selection, total);
  if (count === 0) return modal;

  const resolveIds = async (): Promise<string[] | null> => {
    let ids: string[];
    if (selection.all) {
      const q = buildIdsQuery(props.query, props.specs, MAX_BULK + selection.ids.size + 1);
      const rows = await engine.query<{ id: string }>(q.sql, q.params);
      ids = rows.map((r) => r.id).filter((id) => !selection.ids.has(id));
    } else {
      ids = [...selection.ids];
    }
    if (ids.length > MAX_BULK) {
      notifications.show({
        color: 'yellow',
        message: t('bulk.tooMany', { max: MAX_BULK, count: ids.length }),
      });
      return null;
    }
    return ids;
  };

  const perform = async (name: string, argsFor: (id: string) => unknown) => {
    setDialog(null);
    const ids = await resolveIds();
    if (!ids) return;
    props.onSelection(NO_SELECTION);
    await run(ids, name, argsFor);
  };

  const confirmDelete = () =>
    modals.openConfirmModal({
      title: t('bulk.deleteTitle'),
      children: <Text size="sm">{t('bulk.deleteConfirm', { count })}</Text>,
      labels: { confirm: t('bulk.delete'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => void perform('client.delete', (id) => ({ id })),
    });

  return (
    <>
      <Paper withBorder p="xs" radius="md" role="region" aria-label={t('bulk.selected', { count })}>
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {t('bulk.selected', { count })}
            </Text>
            {!selection.all && total > count && (
              <Button size="compact-sm" variant="subtle" onClick={() => props.onSelection(ALL_MATCHING)}>
                {t('bulk.selectAllMatching', { count: total })}
              </Button>
            )}
            <Button
              size="compact-sm"
              variant="subtle"
              color="gray"
              leftSection={<IconX size={14} />}
              onClick={() => props.onSelection(NO_SELECTION)}
            >
              {t('bulk.clear')}
            </Button>
          </Group>
          <Group gap="xs">
            {canUpdate && (
              <Button
                size="compact-sm"
                variant="light"
                leftSection={<IconUserShare size={14} />}
                onClick={() => setDialog('assign')}
              >
                {t('bulk.assign')}
              </Button>
            )}
            {canUpdate && (
              <Button size="compact-sm" variant="light" onClick={() => setDialog('status')}>
                {t('bulk.status')}
              </Button>
            )}
            {canDelete && (
              <Button
                size="compact-sm"
                variant="light"
                color="red"
                leftSection={<IconTrash size={14} />}
                onClick={confirmDelete}
              >
                {t('bulk.delete')}
              </Button>
            )}
          </Group>
        </Group>
      </Paper>

      <Modal
        opened={dialog === 'assign'}
        onClose={() => setDialog(null)}
        title={t('bulk.assignTitle', { count })}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void perform('client.update', (id) => ({ id, patch: { ownerId: owner } }));
          }}
        >
          <Stack>
            <UserSelect value={owner} onChange={setOwner} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit">{t('bulk.apply')}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>

      <Modal
        opened={dialog === 'status'}
        onClose={() => setDialog(null)}
        title={t('bulk.statusTitle', { count })}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (status) void perform('client.update', (id) => ({ id, patch: { status } }));
          }}
        >
          <Stack>
            <Select
              label={t('columns.status')}
              data={statusOptions}
              value={status}
              onChange={setStatus}
              data-autofocus
              comboboxProps={{ withinPortal: true }}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" disabled={!status}>
                {t('bulk.apply')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      {modal}
    </>
  );
}
