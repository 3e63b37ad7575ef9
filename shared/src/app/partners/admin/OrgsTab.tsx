import { Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useLiveQuery } from '../../common/index.ts';
import { ListState } from '../list-state.tsx';
import { StatusBadge } from '../status-badges.tsx';
import { MembersModal } from './MembersModal.tsx';
import { OrgFormModal, type OrgRow } from './OrgFormModal.tsx';

const ORGS_SQL = `SELECT id, name, inn, kind, territory, grade, status, contacts, version FROM partners
  WHERE deleted_at IS NULL ORDER BY name LIMIT 500`;

const STATUS_COLORS: Record<string, string> = { active: 'green', pending: 'yellow', suspended: 'red' };

/** The first contact person as one line ("Имя, должность · телефон · e-mail"), with the count of the others. */
function contactLine(o: OrgRow): string | null {
  const [first, ...others] = o.contacts ?? [];
  if (!first) return null;
  const who = [first.name, first.position].filter(Boolean).join(', ');
  const line = [who, first.phone, first.email].filter(Boolean).join(' · ');
  return others.length ? `${line} +${others.length}` : line;
}

export function OrgsTab() {
  const { t } = useTranslation('partners');
  const phone = useMediaQuery('(max-width: 48em)');
  const canCreate = useCan('partners', 'create');
  const canUpdate = useCan('partners', 'update');
  const orgs = useLiveQuery<OrgRow>(ORGS_SQL);
  const { rows } = orgs;
  const [editing, setEditing] = useState<OrgRow | 'new' | null>(null);
  const [members, setMembers] = useState<OrgRow | null>(null);

  const labels = (o: OrgRow) => ({
    kind: t(`admin.kinds.${o.kind}`, { defaultValue: o.kind }),
    grade: t(`admin.grades.${o.grade}`, { defaultValue: o.grade }),
    status: (
      <StatusBadge color={STATUS_COLORS[o.status] ?? 'gray'}>
        {t(`admin.statuses.${o.status}`, { defaultValue: o.status })}
      </StatusBadge>
    ),
    territory: o.territory ?? t('admin.anywhere'),
    contact: contactLine(o),
  });
  const actions = (o: OrgRow) => (
    <Group gap={4} wrap="nowrap">
      {canUpdate && (
        <Button
          size="compact-xs"
          variant="subtle"
          aria-label={t('admin.editNamed', { name: o.name })}
          onClick={() => setEditing(o)}
        >
          {t('admin.edit')}
        </Button>
      )}
      <Button
        size="compact-xs"
        variant="subtle"
        aria-label={t('admin.membersNamed', { name: o.name })}
        onClick={() => setMembers(o)}
      >
        {t('admin.members')}
      </Button>
    </Group>
  );

  return (
    <Stack>
      {canCreate && (
        <Group>
          <Button onClick={() => setEditing('new')}>{t('admin.create')}</Button>
        </Group>
      )}
      <ListState result={orgs} empty={t('admin.empty')} />
      {phone ? (
        <Stack gap="xs">
          {rows.map((o) => {
            const l = labels(o);
            return (
              <Paper key={o.id} withBorder p="sm" role="article" aria-label={o.name}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text fw={600}>{o.name}</Text>
                  {l.status}
                </Group>
                <Text size="sm" c="dimmed">
                  {l.kind} · {l.grade} · {l.territory}
                </Text>
                {l.contact && (
                  <Text size="sm" c="dimmed">
                    {l.contact}
                  </Text>
                )}
                {actions(o)}
              </Paper>
            );
          })}
        </Stack>
      ) : (
        rows.length > 0 && (
          <Table striped highlightOnHover aria-label={t('admin.tabs.orgs')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.name')}</Table.Th>
                <Table.Th>{t('admin.kind')}</Table.Th>
                <Table.Th>{t('admin.territory')}</Table.Th>
                <Table.Th>{t('admin.grade')}</Table.Th>
                <Table.Th>{t('admin.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => {
                const l = labels(o);
                return (
                  <Table.Tr key={o.id}>
                    <Table.Td>
                      {o.name}
                      {l.contact && (
                        <Text size="xs" c="dimmed">
                          {l.contact}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{l.kind}</Table.Td>
                    <Table.Td>{l.territory}</Table.Td>
                    <Table.Td>{l.grade}</Table.Td>
                    <Table.Td>{l.status}</Table.Td>
                    <Table.Td>{actions(o)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )
      )}
      {editing && <OrgFormModal org={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {members && <MembersModal org={members} onClose={() => setMembers(null)} />}
    </Stack>
  );
}
