import {
  ActionIcon,
  Button,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconDice5 } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEngine, useLiveQuery, useUser } from '../../common/index.ts';
import { useFailureText, useOffline, useServer } from '../common/use-server.ts';
import { generatePassword } from './password.ts';
import {
  type Option,
  PARTNER_OPTIONS_SQL,
  ROLE_OPTIONS_SQL,
  TEAM_OPTIONS_SQL,
  type UserRow,
} from './queries.ts';

export type UserEditing = { mode: 'create' } | { mode: 'edit'; user: UserRow } | null;

interface Values {
  email: string;
  name: string;
  password: string;
  role: string | null;
  teamId: string | null;
  partnerId: string | null;
  locale: string;
  isActive: boolean;
}

const BLANK: Values = {
  email: '',
  name: '',
  password: '',
  role: 'sales',
  teamId: null,
  partnerId: null,
  locale: 'ru',
  isActive: true,
};

/** Create (`POST /api/users`) or change (`PATCH /api/users/{id}`) a user; the server's field errors show inline. */
export function UserFormModal(props: { editing: UserEditing; onClose: () => void }) {
  const { t } = useTranslation('settings');
  const me = useUser();
  const engine = useEngine();
  const server = useServer();
  const offline = useOffline();
  const { describe, fieldErrors } = useFailureText();
  const { editing } = props;
  const roles = useLiveQuery<Option>(ROLE_OPTIONS_SQL).rows;
  const teams = useLiveQuery<Option>(TEAM_OPTIONS_SQL).rows;
  const partners = useLiveQuery<Option>(PARTNER_OPTIONS_SQL).rows;
  const [values, setValues] = useState<Values>(BLANK);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((s) => ({ ...s, [k]: v }));
  const creating = editing?.mode === 'create';
  const self = editing?.mode === 'edit' && editing.user.id === me.id;

  useEffect(() => {
    if (!editing) return;
    setErrors({});
    if (editing.mode === 'create') return setValues({ ...BLANK, password: generatePassword() });
    const u = editing.user;
    setValues({
      email: u.email,
      name: u.name,
      password: '',
      role: u.role_key,
      teamId: u.team_id,
      partnerId: u.partner_id,
      locale: u.locale === 'en' ? 'en' : 'ru',
      isActive: u.is_active,
    });
  }, [editing]);

  function check(): Record<string, string> {
    const found: Record<string, string> = {};
    if (!values.name.trim()) found.name = t('users.errors.name');
    if (creating && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim()))
      found.email = t('users.errors.email');
    if (creating && values.password.length < 8) found.password = t('password.tooShort', { min: 8 });
    if (!values.role) found.role = t('users.errors.role');
    if (values.role === 'partner' && !values.partnerId) found.partnerId = t('users.errors.partner');
    return found;
  }

  function body(): Record<string, unknown> | null {
    if (!editing) return null;
    if (editing.mode === 'create') {
      return {
        email: values.email.trim(),
        name: values.name.trim(),
        password: values.password,
        role: values.role,
        teamId: values.teamId,
        partnerId: values.partnerId,
        locale: values.locale,
      };
    }
    const u = editing.user;
    const patch: Record<string, unknown> = {};
    if (values.name.trim() !== u.name) patch.name = values.name.trim();
    if (values.role !== u.role_key) patch.role = values.role;
    if (values.teamId !== u.team_id) patch.teamId = values.teamId;
    if (values.partnerId !== u.partner_id) patch.partnerId = values.partnerId;
    if (values.locale !== u.locale) patch.locale = values.locale;
    if (values.isActive !== u.is_active) patch.isActive = values.isActive;
    return Object.keys(patch).length ? { ...patch, version: u.version } : null;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!editing) return;
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) return;
    const payload = body();
    if (!payload) return props.onClose();
    setSaving(true);
    const res =
      editing.mode === 'create'
        ? await server({ method: 'POST', path: '/api/users', body: payload })
        : await server({ method: 'PATCH', path: `/api/users/${editing.user.id}`, body: payload });
    setSaving(false);
    if (!res.ok) {
      const fields = fieldErrors(res.failure);
      if (res.failure.code === 'conflict' && !fields.email && editing.mode === 'edit')
        fields.form = t('users.errors.stale');
      else if (!Object.keys(fields).length) fields.form = describe(res.failure);
      return setErrors(fields);
    }
    notifications.show({ color: 'green', message: creating ? t('users.created') : t('users.saved') });
    if (self) await engine.refreshUser();
    props.onClose();
  }

  return (
    <Modal
      opened={editing !== null}
      onClose={props.onClose}
      title={creating ? t('users.createTitle') : t('users.editTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('users.name')}
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            maxLength={300}
            required
            data-autofocus
          />
          <TextInput
            label={t('users.email')}
            type="email"
            autoComplete="off"
            value={values.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={errors.email}
            maxLength={254}
            disabled={!creating}
            required
          />
          {creating && (
            <TextInput
              label={t('users.password')}
              description={t('users.passwordHint')}
              autoComplete="new-password"
              value={values.password}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={errors.password}
              maxLength={200}
              required
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              rightSectionWidth={64}
              rightSection={
                <Group gap={0} wrap="nowrap">
                  <Tooltip label={t('users.generate')}>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('users.generate')}
                      onClick={() => set('password', generatePassword())}
                    >
                      <IconDice5 size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <CopyButton value={values.password}>
                    {({ copied, copy }) => (
                      <ActionIcon variant="subtle" aria-label={t('users.copyPassword')} onClick={copy}>
                        {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                      </ActionIcon>
                    )}
                  </CopyButton>
                </Group>
              }
            />
          )}
          <Group grow align="flex-start" wrap="wrap">
            <Select
              label={t('users.role')}
              data={roles}
              value={values.role}
              onChange={(v) => set('role', v)}
              error={errors.role}
              allowDeselect={false}
              disabled={self}
              description={self ? t('users.ownRole') : undefined}
              required
              miw={200}
            />
            <Select
              label={t('users.teamOnly')}
              data={teams}
              value={values.teamId}
              onChange={(v) => set('teamId', v)}
              error={errors.teamId}
              clearable
              placeholder={t('users.noTeam')}
              miw={200}
            />
          </Group>
          {(values.role === 'partner' || values.partnerId) && (
            <Select
              label={t('users.partner')}
              description={t('users.partnerHint')}
              data={partners}
              value={values.partnerId}
              onChange={(v) => set('partnerId', v)}
              error={errors.partnerId}
              clearable
              searchable
            />
          )}
          <Select
            label={t('users.locale')}
            data={[
              { value: 'ru', label: 'Русский' },
              { value: 'en', label: 'English' },
            ]}
            value={values.locale}
            onChange={(v) => v && set('locale', v)}
            allowDeselect={false}
            w={200}
          />
          {!creating && (
            <Switch
              label={t('users.activeLabel')}
              description={self ? t('users.ownActive') : t('users.activeHint')}
              checked={values.isActive}
              onChange={(e) => set('isActive', e.currentTarget.checked)}
              disabled={self}
            />
          )}
          {errors.form && (
            <Text c="red" size="sm" role="alert">
              {errors.form}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={saving} disabled={offline}>
              {creating ? t('users.createSubmit') : t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
