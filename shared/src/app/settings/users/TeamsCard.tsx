import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, type KeyboardEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../ids.ts';
import { fieldErrors, useCan, useLiveQuery, useMutate } from '../../common/index.ts';
import { SectionCard } from '../common/SectionCard.tsx';

interface TeamRow {
  id: string;
  name: string;
  members: number;
}

const TEAMS_SQL = `select t.id, t.name,
    (select count(*)::int from users u where u.team_id = t.id and u.deleted_at is null and u.is_active) as members
  from teams t where t.deleted_at is null order by lower(t.name), t.id`;

/** Teams (a manager's scope): team.* mutations, so they work offline like any record. */
export function TeamsCard() {
  const { t } = useTranslation('settings');
  const mutate = useMutate();
  const canCreate = useCan('teams', 'create');
  const canUpdate = useCan('teams', 'update');
  const canDelete = useCan('teams', 'delete');
  const { rows: teams, loading } = useLiveQuery<TeamRow>(TEAMS_SQL);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function add(e: FormEvent) {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError(t('teams.nameRequired'));
    const r = await mutate('team.create', { id: newId(), name: trimmed });
    if (!r.ok) return setError(fieldErrors(r).name ?? r.error.message);
    setName('');
    setError(null);
  }

  const confirmDelete = (team: TeamRow) =>
    modals.openConfirmModal({
      title: t('teams.deleteTitle', { name: team.name }),
      children: (
        <Text size="sm">
          {team.members ? t('teams.deleteMembers', { count: team.members }) : t('teams.deleteText')}
        </Text>
      ),
      labels: { confirm: t('common:actions.delete'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => void mutate('team.delete', { id: team.id }),
    });

  return (
    <SectionCard id="teams" title={t('teams.title')} description={t('teams.description')}>
      {!loading && teams.length === 0 && <Text c="dimmed">{t('teams.empty')}</Text>}
      <Stack gap="xs" role="list" aria-label={t('teams.title')}>
        {teams.map((team) => (
          <Paper key={team.id} withBorder p="xs" role="listitem" aria-label={team.name}>
            <Group gap="xs" wrap="nowrap">
              <TeamName team={team} editable={canUpdate} />
              <Badge variant="default">{t('teams.members', { count: team.members })}</Badge>
              {canDelete && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('teams.deleteOf', { name: team.name })}
                  onClick={() => confirmDelete(team)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
      {canCreate && (
        <form onSubmit={add} noValidate>
          <Group align="flex-start" gap="xs">
            <TextInput
              aria-label={t('teams.newName')}
              placeholder={t('teams.newName')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error}
              maxLength={300}
              style={{ flex: '1 1 200px' }}
            />
            <Button type="submit" variant="light" leftSection={<IconPlus size={16} />}>
              {t('teams.add')}
            </Button>
          </Group>
        </form>
      )}
    </SectionCard>
  );
}

/** The team's name, renamed in place (Enter or leaving the field saves, Esc reverts). */
function TeamName(props: { team: TeamRow; editable: boolean }) {
  const { t } = useTranslation('settings');
  const mutate = useMutate();
  const { team } = props;
  const [name, setName] = useState(team.name);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setName(team.name), [team.name]);

  async function commit() {
    const trimmed = name.trim();
    if (trimmed === team.name) return setError(null);
    if (!trimmed) return setError(t('teams.nameRequired'));
    setError(null);
    const r = await mutate('team.update', {
      id: team.id,
      patch: { name: trimmed },
      base: { name: team.name },
    });
    if (!r.ok) setName(team.name);
  }

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void commit();
    } else if (e.key === 'Escape') setName(team.name);
  };

  if (!props.editable) return <Text style={{ flex: 1 }}>{team.name}</Text>;
  return (
    <TextInput
      aria-label={t('teams.nameOf', { name: team.name })}
      value={name}
      onChange={(e) => setName(e.currentTarget.value)}
      onBlur={() => void commit()}
      onKeyDown={onKey}
      error={error}
      maxLength={300}
      variant="unstyled"
      style={{ flex: 1 }}
    />
  );
}
