import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery, useUser } from '../../common/index.ts';
import { OnlineNotice } from '../common/OnlineNotice.tsx';
import { SectionCard } from '../common/SectionCard.tsx';
import { SplitLayout } from '../common/SplitLayout.tsx';
import { useOffline, usePermissions } from '../common/use-server.ts';
import { CreateRoleModal } from './CreateRoleModal.tsx';
import { RoleEditor } from './RoleEditor.tsx';
import { useRoles } from './use-roles.ts';

const HOLDERS_SQL = `select role_id as id, count(*)::int as n from users
  where deleted_at is null and is_active group by role_id`;

/** Roles and their permission matrix (`/api/roles`, server-only: needs the network). */
export function RolesSection() {
  const { t } = useTranslation('settings');
  const can = usePermissions();
  const offline = useOffline();
  const { roles, error, reload } = useRoles();
  // Holder counts only mean something when the replica holds every user (users:read at scope all).
  const seesAllUsers = useUser().permissions.some(
    (p) => p.resource === 'users' && p.action === 'read' && p.scope === 'all',
  );
  const holderRows = useLiveQuery<{ id: string; n: number }>(seesAllUsers ? HOLDERS_SQL : null).rows;
  const holders = new Map(holderRows.map((r) => [r.id, r.n]));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const selected = roles?.find((r) => r.id === selectedId) ?? roles?.[0] ?? null;

  return (
    <Stack gap="lg">
      <OnlineNotice what={t('roles.offline')} />
      {error && !roles && !offline && <Alert color="red">{error}</Alert>}
      {!roles && !error && <Loader size="sm" aria-label={t('common:loading')} />}
      {roles && (
        <SplitLayout
          list={
            <SectionCard
              id="roles"
              title={t('roles.title')}
              description={t('roles.description')}
              actions={
                can('roles', 'create') && (
                  <Button
                    leftSection={<IconPlus size={16} />}
                    onClick={() => setCreating(true)}
                    disabled={offline}
                  >
                    {t('roles.create')}
                  </Button>
                )
              }
            >
              <Stack gap="xs" role="list" aria-label={t('roles.title')}>
                {roles.map((r) => {
                  const active = r.id === selected?.id;
                  return (
                    <Paper
                      key={r.id}
                      withBorder
                      role="listitem"
                      bg={active ? 'var(--mantine-primary-color-light)' : undefined}
                    >
                      <UnstyledButton
                        onClick={() => setSelectedId(r.id)}
                        aria-pressed={active}
                        aria-label={t('roles.open', { name: r.name })}
                        w="100%"
                        px="sm"
                        py={6}
                      >
                        <Group justify="space-between" wrap="nowrap">
                          <Stack gap={0} miw={0}>
                            <Text fw={active ? 600 : 500} truncate>
                              {r.name}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {seesAllUsers
                                ? `${r.key} · ${t('roles.holders', { count: holders.get(r.id) ?? 0 })}`
                                : r.key}
                            </Text>
                          </Stack>
                          {r.builtin && (
                            <Badge size="sm" variant="light" color="gray">
                              {t('roles.builtin')}
                            </Badge>
                          )}
                        </Group>
                      </UnstyledButton>
                    </Paper>
                  );
                })}
              </Stack>
            </SectionCard>
          }
          editor={
            selected && (
              <RoleEditor
                key={`${selected.id}:${selected.version}`}
                role={selected}
                holders={holders.get(selected.id) ?? 0}
                onSaved={reload}
                onDeleted={async () => {
                  setSelectedId(null);
                  await reload();
                }}
              />
            )
          }
        />
      )}
      <CreateRoleModal
        opened={creating}
        roles={roles ?? []}
        onClose={() => setCreating(false)}
        onCreated={async (id) => {
          await reload();
          setSelectedId(id);
        }}
      />
    </Stack>
  );
}
