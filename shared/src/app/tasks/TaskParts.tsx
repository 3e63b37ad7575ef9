import { Anchor, Checkbox, Group, Text, VisuallyHidden } from '@mantine/core';
import { IconBriefcase, IconUser } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { formatDateTime } from '../common/index.ts';
import { paths } from '../routes.tsx';
import { isOverdue } from './due.ts';
import type { TaskClock, TaskRow } from './query.ts';
import { useToggleDone } from './use-task-actions.ts';

/** The one-click checkbox: completes an open task, reopens a done one. */
export function DoneCheckbox(props: { task: TaskRow; disabled?: boolean }) {
  const { t } = useTranslation('tasks');
  const toggle = useToggleDone();
  const [busy, setBusy] = useState(false);
  const { task } = props;
  return (
    <Checkbox
      checked={task.done}
      disabled={props.disabled || busy}
      aria-label={t(task.done ? 'row.reopen' : 'row.complete', { title: task.title })}
      onChange={async () => {
        setBusy(true);
        await toggle(task);
        setBusy(false);
      }}
      radius="xl"
    />
  );
}

/** Due time in words: red when overdue, "today, 14:00" / "tomorrow, 10:00", else the date and time. */
export function DueText(props: { task: TaskRow; clock: TaskClock; size?: string }) {
  const { t } = useTranslation('tasks');
  const { task, clock } = props;
  if (!task.due_at) {
    return (
      <Text size={props.size ?? 'sm'} c="dimmed">
        {t('row.noDue')}
      </Text>
    );
  }
  const due = dayjs(task.due_at);
  const time = due.format('HH:mm');
  const overdue = isOverdue(task, clock);
  let label = formatDateTime(task.due_at);
  if (!due.isBefore(clock.todayStart) && due.isBefore(clock.tomorrowStart))
    label = t('row.todayAt', { time });
  else if (!due.isBefore(clock.tomorrowStart) && due.isBefore(dayjs(clock.tomorrowStart).add(1, 'day')))
    label = t('row.tomorrowAt', { time });
  return (
    <Text
      size={props.size ?? 'sm'}
      c={overdue ? 'red' : task.done ? 'dimmed' : undefined}
      fw={overdue ? 600 : undefined}
    >
      {label}
      {overdue && <VisuallyHidden> ({t('row.overdue')})</VisuallyHidden>}
    </Text>
  );
}

/** Links to the client and the deal a task belongs to. */
export function TaskLinks(props: { task: TaskRow; size?: string }) {
  const { t } = useTranslation('tasks');
  const { task } = props;
  if (!task.client_id && !task.deal_id) {
    return (
      <Text size={props.size ?? 'sm'} c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Group gap="xs" wrap="wrap">
      {task.client_id && (
        <Anchor
          component={Link}
          href={paths.client(task.client_id)}
          size={props.size ?? 'sm'}
          aria-label={t('row.client', { name: task.client_name ?? '' })}
        >
          <Group gap={2} wrap="nowrap">
            <IconUser size={12} aria-hidden />
            <span>{task.client_name ?? '—'}</span>
          </Group>
        </Anchor>
      )}
      {task.deal_id && (
        <Anchor
          component={Link}
          href={paths.deal(task.deal_id)}
          size={props.size ?? 'sm'}
          aria-label={t('row.deal', { name: task.deal_title ?? '' })}
        >
          <Group gap={2} wrap="nowrap">
            <IconBriefcase size={12} aria-hidden />
            <span>{task.deal_title ?? '—'}</span>
          </Group>
        </Anchor>
      )}
    </Group>
  );
}
