import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Menu,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconDots, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../ids.ts';
import { useCan, useLiveQuery, useMutate, useUser } from '../../common/index.ts';
import type { ColumnSpec } from '../table/columns-spec.ts';
import type { ClientQuery } from '../table/query.ts';
import { fromSegmentFilters, toSegmentFilters } from '../table/query-codec.ts';

interface SegmentRow {
  id: string;
  name: string;
  filters: unknown;
  owner_id: string | null;
  shared: boolean;
}

const SEGMENTS_SQL = `SELECT id, name, filters, owner_id, shared FROM segments
  WHERE entity = 'clients' AND deleted_at IS NULL ORDER BY name, id`;

/** Saved segments of clients: pick one to apply it, save the current filters and sort as one, update or delete own. */
export function SegmentControls(props: {
  specs: readonly ColumnSpec[];
  query: ClientQuery;
  onApply: (query: ClientQuery) => void;
  activeId: string | null;
  onActive: (id: string | null) => void;
  compact?: boolean;
}) {
  const { t } = useTranslation('clients');
  const user = useUser();
  const mutate = useMutate();
  const canCreate = useCan('segments', 'create');
  const { rows } = useLiveQuery<SegmentRow>(SEGMENTS_SQL);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const active = rows.find((s) => s.id === props.activeId) ?? null;
  const own = active?.owner_id === user.id;

  const data = useMemo(() => {
    const mine = rows.filter((s) => s.owner_id === user.id).map((s) => ({ value: s.id, label: s.name }));
    const others = rows.filter((s) => s.owner_id !== user.id).map((s) => ({ value: s.id, label: s.name }));
    return [
      ...(mine.length ? [{ group: t('segments.mine'), items: mine }] : []),
      ...(others.length ? [{ group: t('segments.sharedGroup'), items: others }] : []),
    ];
  }, [rows, user.id, t]);

  const pick = (id: string | null) => {
    props.onActive(id);
    const segment = rows.find((s) => s.id === id);
    if (segment) props.onApply(fromSegmentFilters(segment.filters, props.specs));
  };

  const save = async () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const id = newId();
    const result = await mutate('segment.create', {
      id,
      name: trimmed,
      entity: 'clients',
      filters: toSegmentFilters(props.query, props.specs),
      shared,
    });
    if (!result.ok) return;
    setSaving(false);
    setName('');
    props.onActive(id);
    notifications.show({ color: 'green', message: t('segments.saved', { name: trimmed }) });
  };

  const update = async () => {
    if (!active) return;
    const result = await mutate('segment.update', {
      id: active.id,
      patch: { filters: toSegmentFilters(props.query, props.specs) },
    });
    if (result.ok)
      notifications.show({ color: 'green', message: t('segments.updated', { name: active.name }) });
  };

  const remove = () => {
    if (!active) return;
    modals.openConfirmModal({
      title: t('segments.delete'),
      children: <Text size="sm">{t('segments.deleteConfirm', { name: active.name })}</Text>,
      labels: { confirm: t('common:actions.delete'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        const result = await mutate('segment.delete', { id: active.id });
        if (result.ok) props.onActive(null);
      },
    });
  };

  return (
    <Group gap="xs" wrap="nowrap">
      <Select
        aria-label={t('segments.label')}
        placeholder={t('segments.placeholder')}
        data={data}
        value={active ? active.id : null}
        onChange={pick}
        clearable
        searchable
        w={props.compact ? '100%' : 200}
        comboboxProps={{ withinPortal: true }}
      />
      {canCreate && (
        <Button
          variant="default"
          leftSection={<IconDeviceFloppy size={16} />}
          onClick={() => setSaving(true)}
          aria-label={t('segments.save')}
        >
          {props.compact ? null : t('segments.save')}
        </Button>
      )}
      {active && own && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="default" size="lg" aria-label={t('segments.label')}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconRefresh size={14} />} onClick={() => void update()}>
              {t('segments.update')}
            </Menu.Item>
            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={remove}>
              {t('segments.delete')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
      <Modal opened={saving} onClose={() => setSaving(false)} title={t('segments.saveTitle')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Stack>
            <TextInput
              label={t('segments.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              maxLength={300}
              data-autofocus
            />
            <Checkbox
              label={t('segments.shared')}
              checked={shared}
              onChange={(e) => setShared(e.currentTarget.checked)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setSaving(false)}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" disabled={!name.trim()}>
                {t('common:actions.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
