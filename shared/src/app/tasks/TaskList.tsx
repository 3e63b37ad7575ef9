import { Paper, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { groupByDue } from './due.ts';
import type { TaskClock, TaskRow } from './query.ts';
import { DoneCheckbox, DueText, TaskLinks } from './TaskParts.tsx';

interface TaskListProps {
  tasks: TaskRow[];
  clock: TaskClock;
  /** Headings by due date (overdue, today, tomorrow…). */
  grouped: boolean;
  /** Cards instead of a table (phones, narrow panels). */
  cards: boolean;
  onOpen: (task: TaskRow) => void;
  /** Hide the links column (a record's own list). */
  hideLinks?: boolean;
  canUpdate: boolean;
}

function TaskTitle(props: { task: TaskRow; onOpen: (task: TaskRow) => void }) {
  const { t } = useTranslation('tasks');
  const { task } = props;
  return (
    <UnstyledButton
      onClick={() => props.onOpen(task)}
      aria-label={t('row.edit', { title: task.title })}
      data-testid={`task-${task.id}`}
      style={{ textAlign: 'left' }}
    >
      <Text
        size="sm"
        fw={500}
        td={task.done ? 'line-through' : undefined}
        c={task.done ? 'dimmed' : undefined}
      >
        {task.title}
      </Text>
    </UnstyledButton>
  );
}

/** Tasks as a table (desktop) or cards (phone), optionally under due-date headings. */
export function TaskList(props: TaskListProps) {
  const { t } = useTranslation('tasks');
  const runs = props.grouped
    ? groupByDue(props.tasks, props.clock)
    : [{ group: null, tasks: props.tasks } as const];

  if (props.cards) {
    return (
      <Stack gap="xs">
        {runs.map((run, i) => (
          <Stack key={run.group ?? i} gap="xs">
            {run.group && (
              <Text size="xs" fw={700} tt="uppercase" c={run.group === 'overdue' ? 'red' : 'dimmed'} mt="xs">
                {t(`groups.${run.group}`)}
              </Text>
            )}
            {run.tasks.map((task) => (
              <Paper key={task.id} withBorder radius="md" p="xs">
                <div style={{ display: 'flex', gap: 10, alignItems: 'flex-start' }}>
                  <div style={{ paddingTop: 2 }}>
                    <DoneCheckbox task={task} disabled={!props.canUpdate} />
                  </div>
                  <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                    <TaskTitle task={task} onOpen={props.onOpen} />
                    <DueText task={task} clock={props.clock} size="xs" />
                    {!props.hideLinks && <TaskLinks task={task} size="xs" />}
                    <Text size="xs" c="dimmed">
                      {task.assignee_name ?? t('row.unassigned')}
                    </Text>
                  </Stack>
                </div>
              </Paper>
            ))}
          </Stack>
        ))}
      </Stack>
    );
  }

  const columns = props.hideLinks ? 4 : 5;
  return (
    <Table verticalSpacing={6} highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={48}>
            <Text size="xs" c="dimmed" component="span">
              {t('columns.done')}
            </Text>
          </Table.Th>
          <Table.Th>{t('columns.title')}</Table.Th>
          {!props.hideLinks && <Table.Th>{t('columns.linked')}</Table.Th>}
          <Table.Th w={170}>{t('columns.due')}</Table.Th>
          <Table.Th w={180}>{t('columns.assignee')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runs.map((run, i) => (
          <Fragment key={run.group ?? i}>
            {run.group && (
              <Table.Tr>
                <Table.Th colSpan={columns} scope="colgroup" bg="var(--mantine-color-default-hover)">
                  <Text size="xs" fw={700} tt="uppercase" c={run.group === 'overdue' ? 'red' : 'dimmed'}>
                    {t(`groups.${run.group}`)}
                  </Text>
                </Table.Th>
              </Table.Tr>
            )}
            {run.tasks.map((task) => (
              <Table.Tr key={task.id}>
                <Table.Td>
                  <DoneCheckbox task={task} disabled={!props.canUpdate} />
                </Table.Td>
                <Table.Td>
                  <TaskTitle task={task} onOpen={props.onOpen} />
                </Table.Td>
                {!props.hideLinks && (
                  <Table.Td>
                    <TaskLinks task={task} />
                  </Table.Td>
                )}
                <Table.Td>
                  <DueText task={task} clock={props.clock} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={task.assignee_name ? undefined : 'dimmed'} lineClamp={1}>
                    {task.assignee_name ?? t('row.unassigned')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Fragment>
        ))}
      </Table.Tbody>
    </Table>
  );
}
