import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Pagination,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../common/index.ts';
import { SectionCard } from '../common/SectionCard.tsx';
import { useOffline, usePermissions } from '../common/use-server.ts';
import { USERS_COUNT_SQL, USERS_SQL, type UserRow, userFilter } from './queries.ts';
import { type UserEditing, UserFormModal } from './UserFormModal.tsx';

const PAGE = 50;

/** Staff accounts from the replica's `users` view (paged in SQL); writes go to the server (`/api/users`). */
export function UsersCard() {
  const { t } = useTranslation('settings');
  const phone = useMediaQuery('(max-width: 48em)');
  const can = usePermissions();
  const offline = useOffline();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [inactive, setInactive] = useState(false);
  const [editing, setEditing] = useState<UserEditing>(null);
  // A new search or filter starts from page one.
  const filterKey = `${q}\u0000${inactive}`;
  const [paging, setPaging] = useState({ key: filterKey, page: 1 });
  const page = paging.key === filterKey ? paging.page : 1;
  const setPage = (next: number) => setPaging({ key: filterKey, page: next });

  const filter = userFilter(q, inactive);
  const total = useLiveQuery<{ n: number }>(USERS_COUNT_SQL, filter).rows[0]?.n ?? 0;
  const { rows, loading, error } = useLiveQuery<UserRow>(USERS_SQL, [...filter, PAGE, (page - 1) * PAGE]);
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const canEdit = can('users', 'update');

  const role = (u: UserRow) => u.role_name ?? u.role_key ?? '—';
  const status = (u: UserRow) =>
    u.is_active ? null : (
      <Badge color="gray" variant="light" size="sm">
        {t('users.inactive')}
      </Badge>
    );
  const nameCell = (u: UserRow) =>
    canEdit ? (
      <UnstyledButton
        onClick={() => setEditing({ mode: 'edit', user: u })}
        aria-label={t('users.editOf', { name: u.name })}
      >
        <Text fw={500} c={u.is_active ? undefined : 'dimmed'} td="underline dotted">
          {u.name}
        </Text>
      </UnstyledButton>
    ) : (
      <Text fw={500}>{u.name}</Text>
    );

  return (
    <SectionCard
      id="users"
      title={t('users.title')}
      description={t('users.description')}
      actions={
        can('users', 'create') && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing({ mode: 'create' })}
            disabled={offline}
          >
            {t('users.create')}
          </Button>
        )
      }
    >
      <Group gap="sm" wrap="wrap">
        <TextInput
          aria-label={t('users.search')}
          placeholder={t('users.search')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          maxLength={200}
          style={{ flex: '1 1 220px' }}
        />
        <Switch
          label={t('users.showInactive')}
          checked={inactive}
          onChange={(e) => setInactive(e.currentTarget.checked)}
        />
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {!loading && !error && rows.length === 0 && <Text c="dimmed">{t('users.empty')}</Text>}
      {phone ? (
        <Stack gap="xs" role="list" aria-label={t('users.title')}>
          {rows.map((u) => (
            <Card key={u.id} withBorder padding="sm" role="listitem" aria-label={u.name}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} miw={0}>
                  {nameCell(u)}
                  <Text size="sm" c="dimmed" truncate>
                    {u.email}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {[role(u), u.team_name, u.partner_name].filter(Boolean).join(' · ')}
                  </Text>
                </Stack>
                {status(u)}
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        rows.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" highlightOnHover aria-label={t('users.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.user')}</Table.Th>
                  <Table.Th>{t('users.role')}</Table.Th>
                  <Table.Th>{t('users.team')}</Table.Th>
                  <Table.Th>{t('users.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>
                      {nameCell(u)}
                      <Text size="sm" c="dimmed">
                        {u.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{role(u)}</Table.Td>
                    <Table.Td>{u.partner_name ?? u.team_name ?? '—'}</Table.Td>
                    <Table.Td>{status(u) ?? t('users.active')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      )}
      {pages > 1 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('users.total', { count: total })}
          </Text>
          <Pagination total={pages} value={page} onChange={setPage} size="sm" />
        </Group>
      )}
      <UserFormModal editing={editing} onClose={() => setEditing(null)} />
    </SectionCard>
  );
}
