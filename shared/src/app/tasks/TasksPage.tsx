import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Stack,
  Switch,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useLocalStorage, useMediaQuery } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useLiveQuery, useSyncStatus, useUser } from '../common/index.ts';
import { MoreFilters } from '../deals/MoreFilters.tsx';
import { UserSelect } from '../records/index.tsx';
import { useTaskClock } from './due.ts';
import {
  TASK_TABS,
  type TaskCountersRow,
  type TaskListFilters,
  type TaskRow,
  type TaskTab,
  taskCountersQuery,
  taskCountQuery,
  taskListQuery,
} from './query.ts';
import { TaskList } from './TaskList.tsx';
import { TaskModal } from './TaskModal.tsx';

const PAGE = 100;

const isTab = (v: unknown): v is TaskTab => TASK_TABS.includes(v as TaskTab);

/** `/tasks`: my tasks, overdue, today and all visible, completed in one click. */
export function TasksPage() {
  const { t } = useTranslation('tasks');
  const user = useUser();
  const phone = useMediaQuery('(max-width: 48em)');
  const canCreate = useCan('tasks', 'create');
  const canUpdate = useCan('tasks', 'update');
  const clock = useTaskClock();
  const [storedTab, setTab] = useLocalStorage<string>({ key: 'mak.tasks.tab', defaultValue: 'mine' });
  const tab: TaskTab = isTab(storedTab) ? storedTab : 'mine';
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [showDone, setShowDone] = useState(false);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const [limit, setLimit] = useState(PAGE);
  const [modal, setModal] = useState<{ taskId: string | null } | null>(null);

  const filters = useMemo(
    (): TaskListFilters => ({ tab, userId: user.id, assigneeId, showDone, search: debouncedSearch }),
    [tab, user.id, assigneeId, showDone, debouncedSearch],
  );
  const listQuery = useMemo(() => taskListQuery(filters, clock, limit), [filters, clock, limit]);
  const countQuery = useMemo(() => taskCountQuery(filters, clock), [filters, clock]);
  const countersQuery = useMemo(() => taskCountersQuery(user.id, clock), [user.id, clock]);
  const list = useLiveQuery<TaskRow>(listQuery.sql, listQuery.params);
  const total = useLiveQuery<{ total: number }>(countQuery.sql, countQuery.params).rows[0]?.total ?? 0;
  const counters = useLiveQuery<TaskCountersRow>(countersQuery.sql, countersQuery.params).rows[0];

  const changeTab = (value: string | null) => {
    if (!isTab(value)) return;
    setTab(value);
    setLimit(PAGE);
  };
  const badge = (value: TaskTab) => {
    const n = value === 'all' ? undefined : counters?.[value];
    if (!n) return null;
    return (
      <Badge
        size="sm"
        variant={value === 'overdue' ? 'filled' : 'light'}
        color={value === 'overdue' ? 'red' : undefined}
      >
        {n}
      </Badge>
    );
  };
  const firstSync = useSyncStatus().syncing === 'initial';
  const empty = tab === 'overdue' ? 'list.emptyOverdue' : tab === 'today' ? 'list.emptyToday' : 'list.empty';

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('title')}
        </Title>
        {canCreate && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setModal({ taskId: null })}>
            {t('create')}
          </Button>
        )}
      </Group>
      <Tabs value={tab} onChange={changeTab} keepMounted={false}>
        <Tabs.List
          aria-label={t('tabs.label')}
          style={{ flexWrap: phone ? 'nowrap' : undefined, overflowX: 'auto' }}
        >
          {TASK_TABS.map((value) => (
            <Tabs.Tab key={value} value={value} rightSection={badge(value)} style={{ flexShrink: 0 }}>
              {t(`tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('filters.search')}
          placeholder={t('filters.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setLimit(PAGE);
          }}
          w={phone ? '100%' : 280}
          maxLength={200}
        />
        <MoreFilters phone={!!phone} active={(assigneeId && tab !== 'mine' ? 1 : 0) + (showDone ? 1 : 0)}>
          {tab !== 'mine' && (
            <UserSelect
              label={t('filters.assignee')}
              placeholder={t('filters.anyone')}
              value={assigneeId}
              onChange={(id) => {
                setAssigneeId(id);
                setLimit(PAGE);
              }}
              clearable
            />
          )}
          {tab !== 'overdue' && (
            <Switch
              label={t('filters.showDone')}
              checked={showDone}
              onChange={(e) => setShowDone(e.currentTarget.checked)}
              mb={8}
            />
          )}
        </MoreFilters>
      </Group>
      {list.error && <Alert color="red">{list.error}</Alert>}
      {(list.loading || firstSync) && list.rows.length === 0 ? (
        <Loader m="md" />
      ) : list.rows.length === 0 ? (
        <Text c="dimmed" ta="center" py="xl">
          {t(empty)}
        </Text>
      ) : (
        <TaskList
          tasks={list.rows}
          clock={clock}
          grouped
          cards={!!phone}
          canUpdate={canUpdate}
          onOpen={(task) => setModal({ taskId: task.id })}
        />
      )}
      {total > list.rows.length && (
        <Group justify="center" gap="sm">
          <Text size="sm" c="dimmed">
            {t('list.shown', { shown: list.rows.length, total })}
          </Text>
          <Button variant="light" onClick={() => setLimit((n) => n + PAGE)}>
            {t('list.showMore')}
          </Button>
        </Group>
      )}
      <TaskModal opened={modal !== null} onClose={() => setModal(null)} taskId={modal?.taskId} />
    </Stack>
  );
}
