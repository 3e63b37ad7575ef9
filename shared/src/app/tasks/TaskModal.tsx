import { Button, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../ids.ts';
import { fieldErrors, useCan, useLiveQuery, useMutate, useUser } from '../common/index.ts';
import { DatesLocale } from '../deals/DatesLocale.tsx';
import { ClientPicker, DealPicker } from '../deals/pickers/RecordPicker.tsx';
import { UserSelect } from '../records/index.tsx';

export interface TaskModalProps {
  opened: boolean;
  onClose: () => void;
  /** The task to edit; without it the modal creates one. */
  taskId?: string | null;
  /** Links of a new task (the client or deal card it is created from). */
  clientId?: string | null;
  dealId?: string | null;
  onCreated?: (id: string) => void;
}

interface TaskRecord {
  id: string;
  title: string;
  description: string | null;
  client_id: string | null;
  deal_id: string | null;
  assignee_id: string | null;
  due_at: string | Date | null;
}

interface Draft {
  title: string;
  description: string;
  due: string | null;
  assigneeId: string | null;
  clientId: string | null;
  dealId: string | null;
}

/** The picker's local `YYYY-MM-DD HH:mm:ss` to an ISO instant, and back. */
const toIso = (local: string | null) => (local ? dayjs(local).toISOString() : null);
const toLocal = (value: string | Date | null) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : null);

/** 'Новая задача' and editing a task: title, due date and time, assignee, client and deal. */
export function TaskModal(props: TaskModalProps) {
  const { t } = useTranslation('tasks');
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t(props.taskId ? 'modal.editTitle' : 'modal.createTitle')}
      size="lg"
    >
      {props.opened &&
        (props.taskId ? <EditTask {...props} taskId={props.taskId} /> : <TaskForm {...props} />)}
    </Modal>
  );
}

function EditTask(props: TaskModalProps & { taskId: string }) {
  const task = useLiveQuery<TaskRecord>(
    'SELECT id, title, description, client_id, deal_id, assignee_id, due_at FROM tasks WHERE id = $1',
    [props.taskId],
  );
  const row = task.rows[0];
  if (!row) return null;
  return <TaskForm {...props} task={row} />;
}

function TaskForm(props: TaskModalProps & { task?: TaskRecord }) {
  const { t } = useTranslation('tasks');
  const user = useUser();
  const mutate = useMutate();
  const canDelete = useCan('tasks', 'delete');
  const { task } = props;
  const initial: Draft = {
    title: task?.title ?? '',
    description: task?.description ?? '',
    due: toLocal(task?.due_at ?? null),
    assigneeId: task ? task.assignee_id : user.id,
    clientId: task ? task.client_id : (props.clientId ?? null),
    dealId: task ? task.deal_id : (props.dealId ?? null),
  };
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const values = (d: Draft) => ({
    title: d.title.trim(),
    description: d.description.trim() || null,
    dueAt: toIso(d.due),
    assigneeId: d.assigneeId,
    clientId: d.clientId,
    dealId: d.dealId,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    let result: Awaited<ReturnType<typeof mutate>>;
    const id = task?.id ?? newId();
    if (task) {
      const before = values(initial);
      const after = values(draft);
      const keys = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k]);
      const pick = (o: typeof after) => Object.fromEntries(keys.map((k) => [k, o[k]]));
      result = keys.length
        ? await mutate('task.update', { id, patch: pick(after), base: pick(before) })
        : { ok: true, mutationId: '' };
    } else {
      result = await mutate('task.create', { id, ...values(draft) });
    }
    setBusy(false);
    if (!result.ok) {
      setErrors(fieldErrors(result));
      return;
    }
    notifications.show({
      color: 'green',
      message: task ? t('modal.saved') : t('modal.created', { title: draft.title.trim() }),
    });
    props.onClose();
    if (!task) props.onCreated?.(id);
  }

  function confirmDelete() {
    if (!task) return;
    modals.openConfirmModal({
      title: t('modal.delete'),
      children: <Text size="sm">{t('modal.deleteConfirm', { title: task.title })}</Text>,
      labels: { confirm: t('common:actions.delete'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        const result = await mutate('task.delete', { id: task.id });
        if (result.ok) {
          notifications.show({ message: t('modal.deleted') });
          props.onClose();
        }
      },
    });
  }

  return (
    <DatesLocale>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('modal.title')}
            required
            data-autofocus
            value={draft.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.title}
            maxLength={300}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <DateTimePicker
              label={t('modal.due')}
              placeholder={t('modal.duePlaceholder')}
              value={draft.due}
              onChange={(v) => set('due', v)}
              valueFormat="DD.MM.YYYY HH:mm"
              clearable
              error={errors.dueAt}
              defaultTimeValue="10:00"
            />
            <UserSelect
              label={t('modal.assignee')}
              value={draft.assigneeId}
              onChange={(id) => set('assigneeId', id)}
              clearable
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <ClientPicker
              label={t('modal.client')}
              value={draft.clientId}
              onChange={(id) => set('clientId', id)}
              error={errors.clientId}
            />
            <DealPicker
              label={t('modal.deal')}
              value={draft.dealId}
              onChange={(id) => set('dealId', id)}
              error={errors.dealId}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={-8}>
            {t('modal.linkHint')}
          </Text>
          <Textarea
            label={t('modal.description')}
            value={draft.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={20_000}
            error={errors.description}
          />
          <Group justify="space-between">
            <div>
              {task && canDelete && (
                <Button variant="subtle" color="red" onClick={confirmDelete}>
                  {t('modal.delete')}
                </Button>
              )}
            </div>
            <Group gap="sm">
              <Button variant="default" onClick={props.onClose}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t(task ? 'modal.save' : 'modal.submit')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </DatesLocale>
  );
}
