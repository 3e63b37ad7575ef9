import { ActionIcon, Button, Collapse, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useElementSize } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight, IconListDetails, IconPlus } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../ids.ts';
import { useCan, useLiveQuery, useMutate } from '../common/index.ts';
import { DatesLocale } from '../deals/DatesLocale.tsx';
import { useTaskClock } from '../tasks/due.ts';
import { recordTasksQuery, type TaskRow } from '../tasks/query.ts';
import { TaskList } from '../tasks/TaskList.tsx';
import { TaskModal } from '../tasks/TaskModal.tsx';

/** Tasks of a client or a deal, with a quick "new task" and one-click completion. */
export function RecordTasks(props: { clientId?: string; dealId?: string }) {
  const { t } = useTranslation('tasks');
  const clock = useTaskClock();
  const canCreate = useCan('tasks', 'create');
  const canUpdate = useCan('tasks', 'update');
  const query = useMemo(
    () => recordTasksQuery({ clientId: props.clientId, dealId: props.dealId }),
    [props.clientId, props.dealId],
  );
  const tasks = useLiveQuery<TaskRow>(query.sql, query.params);
  const open = tasks.rows.filter((r) => !r.done);
  const done = tasks.rows.filter((r) => r.done);
  const [showDone, setShowDone] = useState(false);
  const [modal, setModal] = useState<{ taskId: string | null } | null>(null);
  const { ref, width } = useElementSize();
  // The list sits in a side panel of the card: a table only when there is room for one.
  const cards = width > 0 && width < 560;

  return (
    <Stack gap="sm" ref={ref}>
      {canCreate && (
        <QuickTask
          clientId={props.clientId}
          dealId={props.dealId}
          onMore={() => setModal({ taskId: null })}
        />
      )}
      {open.length === 0 && done.length === 0 && !tasks.loading && (
        <Text size="sm" c="dimmed">
          {t('record.empty')}
        </Text>
      )}
      {open.length > 0 && (
        <TaskList
          tasks={open}
          clock={clock}
          grouped={false}
          cards={cards}
          hideLinks={!!props.dealId}
          canUpdate={canUpdate}
          onOpen={(task) => setModal({ taskId: task.id })}
        />
      )}
      {done.length > 0 && (
        <Stack gap="xs">
          <Button
            variant="subtle"
            size="xs"
            color="gray"
            justify="flex-start"
            leftSection={showDone ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
            onClick={() => setShowDone((v) => !v)}
            aria-expanded={showDone}
          >
            {t('record.done')} · {done.length}
          </Button>
          <Collapse expanded={showDone}>
            <TaskList
              tasks={done}
              clock={clock}
              grouped={false}
              cards={cards}
              hideLinks={!!props.dealId}
              canUpdate={canUpdate}
              onOpen={(task) => setModal({ taskId: task.id })}
            />
          </Collapse>
        </Stack>
      )}
      <TaskModal
        opened={modal !== null}
        onClose={() => setModal(null)}
        taskId={modal?.taskId}
        clientId={props.clientId}
        dealId={props.dealId}
      />
    </Stack>
  );
}

/** One line to add a task: its title, optionally a due time; Enter adds it. */
function QuickTask(props: { clientId?: string; dealId?: string; onMore: () => void }) {
  const { t } = useTranslation('tasks');
  const mutate = useMutate();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return;
    const result = await mutate('task.create', {
      id: newId(),
      title: title.trim(),
      dueAt: due ? dayjs(due).toISOString() : null,
      clientId: props.dealId ? null : (props.clientId ?? null),
      dealId: props.dealId ?? null,
    });
    if (!result.ok) {
      setError(result.error.fields[0]?.message ?? result.error.message);
      return;
    }
    setTitle('');
    setDue(null);
    setError(undefined);
  }

  return (
    <DatesLocale>
      <form onSubmit={add}>
        <Stack gap={6}>
          <TextInput
            aria-label={t('record.quickTitle')}
            placeholder={t('record.quickPlaceholder')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={error}
            maxLength={300}
          />
          <Group gap="xs" wrap="nowrap">
            <DateTimePicker
              aria-label={t('record.quickDue')}
              placeholder={t('modal.duePlaceholder')}
              value={due}
              onChange={setDue}
              valueFormat="DD.MM.YYYY HH:mm"
              clearable
              defaultTimeValue="10:00"
              style={{ flex: 1, minWidth: 0 }}
            />
            <Tooltip label={t('record.add')}>
              <ActionIcon type="submit" size="lg" aria-label={t('record.add')} disabled={!title.trim()}>
                <IconPlus size={18} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('record.more')}>
              <ActionIcon variant="default" size="lg" aria-label={t('record.more')} onClick={props.onMore}>
                <IconListDetails size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Stack>
      </form>
    </DatesLocale>
  );
}
