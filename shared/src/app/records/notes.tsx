import { ActionIcon, Button, Group, Paper, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../ids.ts';
import { formatDateTime, useCan, useLiveQuery, useMutate } from '../common/index.ts';
import { useCanOn } from './permissions.ts';
import { useUsers } from './users.ts';

interface NoteRow {
  id: string;
  body: string;
  author_id: string | null;
  created_at: string;
  updated_at: string;
}

const PAGE = 30;
const NOTES_SQL = {
  client: `SELECT id, body, author_id, created_at, updated_at FROM notes
    WHERE client_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT $2`,
  deal: `SELECT id, body, author_id, created_at, updated_at FROM notes
    WHERE deal_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT $2`,
};

const submitOnCtrlEnter = (submit: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    submit();
  }
};

function NoteItem({ note, authorName }: { note: NoteRow; authorName: string }) {
  const { t } = useTranslation('records');
  const mutate = useMutate();
  const canUpdate = useCanOn('notes', 'update')(note.author_id);
  const canDelete = useCanOn('notes', 'delete')(note.author_id);
  const [editing, setEditing] = useState<string | null>(null);

  const save = async () => {
    const body = editing?.trim();
    if (!body) return;
    const result = await mutate('note.update', { id: note.id, patch: { body }, base: { body: note.body } });
    if (result.ok) setEditing(null);
  };
  const remove = () =>
    modals.openConfirmModal({
      title: t('notes.delete'),
      children: <Text size="sm">{t('notes.deleteConfirm')}</Text>,
      labels: { confirm: t('common:actions.delete'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => void mutate('note.delete', { id: note.id }),
    });

  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-label={t('notes.title')}>
      <Group justify="space-between" wrap="nowrap" mb={4} gap="xs">
        <Text size="sm" fw={500} truncate>
          {authorName}
        </Text>
        <Group gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed">
            {formatDateTime(note.created_at)}
            {note.updated_at !== note.created_at ? ` · ${t('notes.edited')}` : ''}
          </Text>
          {canUpdate && editing === null && (
            <Tooltip label={t('notes.edit')}>
              <ActionIcon
                variant="subtle"
                size="sm"
                aria-label={t('notes.edit')}
                onClick={() => setEditing(note.body)}
              >
                <IconPencil size={14} />
              </ActionIcon>
            </Tooltip>
          )}
          {canDelete && (
            <Tooltip label={t('notes.delete')}>
              <ActionIcon
                variant="subtle"
                color="red"
                size="sm"
                aria-label={t('notes.delete')}
                onClick={remove}
              >
                <IconTrash size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Group>
      {editing === null ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {note.body}
        </Text>
      ) : (
        <Stack gap="xs">
          <Textarea
            aria-label={t('notes.body')}
            autosize
            minRows={2}
            value={editing}
            onChange={(e) => setEditing(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setEditing(null);
              submitOnCtrlEnter(() => void save())(e);
            }}
            data-autofocus
          />
          <Group gap="xs" justify="flex-end">
            <Button variant="default" size="xs" onClick={() => setEditing(null)}>
              {t('common:actions.cancel')}
            </Button>
            <Button size="xs" onClick={() => void save()} disabled={!editing.trim()}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

/** Notes of a client or a deal, newest first, with a box to add one. */
export function RecordNotes(props: { clientId?: string; dealId?: string }) {
  const { t } = useTranslation('records');
  const mutate = useMutate();
  const canCreate = useCan('notes', 'create');
  const { byId } = useUsers();
  const [limit, setLimit] = useState(PAGE);
  const [draft, setDraft] = useState('');
  const [saving, setSaving] = useState(false);
  const target = props.clientId ? 'client' : props.dealId ? 'deal' : null;
  const { rows, loading } = useLiveQuery<NoteRow>(target ? NOTES_SQL[target] : null, [
    props.clientId ?? props.dealId,
    limit,
  ]);

  const add = async () => {
    const body = draft.trim();
    if (!body || !target || saving) return;
    setSaving(true);
    const result = await mutate('note.create', {
      id: newId(),
      body,
      ...(target === 'client' ? { clientId: props.clientId } : { dealId: props.dealId }),
    });
    setSaving(false);
    if (result.ok) setDraft('');
  };

  return (
    <Stack gap="sm">
      {canCreate && target && (
        <Stack gap="xs">
          <Textarea
            label={t('notes.new')}
            placeholder={t('notes.placeholder')}
            autosize
            minRows={2}
            maxRows={8}
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={submitOnCtrlEnter(() => void add())}
          />
          <Group justify="flex-end">
            <Button size="xs" onClick={() => void add()} disabled={!draft.trim()} loading={saving}>
              {t('notes.add')}
            </Button>
          </Group>
        </Stack>
      )}
      {!loading && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('notes.empty')}
        </Text>
      )}
      {rows.map((note) => (
        <NoteItem
          key={note.id}
          note={note}
          authorName={(note.author_id && byId.get(note.author_id)?.name) || t('notes.unknownAuthor')}
        />
      ))}
      {rows.length >= limit && (
        <Button variant="subtle" size="xs" onClick={() => setLimit((l) => l + PAGE)}>
          {t('notes.more')}
        </Button>
      )}
    </Stack>
  );
}
