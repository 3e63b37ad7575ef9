import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEngine, useLiveQuery, useUser } from '../../common/index.ts';
import { SectionCard } from '../common/SectionCard.tsx';
import { useFailureText, useOffline, usePermissions, useServer } from '../common/use-server.ts';

interface Names {
  role_name: string | null;
  team_name: string | null;
}

/**
 * Who I am. The name lives on the server's users table, written only by `PATCH /api/users/{id}` with the
 * users:update permission, so others see it read-only.
 */
export function ProfileCard() {
  const { t } = useTranslation('settings');
  const user = useUser();
  const engine = useEngine();
  const server = useServer();
  const offline = useOffline();
  const { describe, fieldErrors } = useFailureText();
  const canRename = usePermissions()('users', 'update');
  const [name, setName] = useState(user.name);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setName(user.name), [user.name]);
  const names = useLiveQuery<Names>(
    `select (select name from roles where key = $1 limit 1) as role_name,
            (select name from teams where id = $2 limit 1) as team_name`,
    [user.role, user.teamId],
  ).rows[0];

  async function save(e: FormEvent) {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError(t('profile.nameRequired'));
    setSaving(true);
    const res = await server({ method: 'PATCH', path: `/api/users/${user.id}`, body: { name: trimmed } });
    setSaving(false);
    if (!res.ok) return setError(fieldErrors(res.failure).name ?? describe(res.failure));
    setError(null);
    await engine.refreshUser();
    notifications.show({ color: 'green', message: t('profile.saved') });
  }

  return (
    <SectionCard id="profile" title={t('profile.title')}>
      <form onSubmit={save} noValidate>
        <Stack gap="sm" maw={480}>
          {canRename ? (
            <TextInput
              label={t('profile.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error}
              maxLength={300}
              required
            />
          ) : (
            <Field label={t('profile.name')} value={user.name} />
          )}
          <Field label={t('profile.email')} value={user.email} />
          <Field
            label={t('profile.role')}
            value={names?.role_name ?? t(`roleKeys.${user.role}`, { defaultValue: user.role })}
          />
          {user.teamId && <Field label={t('profile.team')} value={names?.team_name ?? '—'} />}
          {canRename && (
            <Group>
              <Button type="submit" loading={saving} disabled={offline || name.trim() === user.name}>
                {t('profile.save')}
              </Button>
            </Group>
          )}
          {!canRename && (
            <Text size="sm" c="dimmed">
              {t('profile.nameByAdmin')}
            </Text>
          )}
        </Stack>
      </form>
    </SectionCard>
  );
}

function Field(props: { label: string; value: string }) {
  return (
    <div>
      <Text size="sm" fw={500}>
        {props.label}
      </Text>
      <Text>{props.value}</Text>
    </div>
  );
}
