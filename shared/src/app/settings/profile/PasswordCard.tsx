import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OnlineNotice } from '../common/OnlineNotice.tsx';
import { SectionCard } from '../common/SectionCard.tsx';
import { useFailureText, useOffline, useServer } from '../common/use-server.ts';

const MIN_LENGTH = 8;
const EMPTY = { currentPassword: '', newPassword: '', repeat: '' };
type Values = typeof EMPTY;

/** `POST /api/auth/password`; the server ends my other sessions, this one stays signed in. */
export function PasswordCard() {
  const { t } = useTranslation('settings');
  const server = useServer();
  const offline = useOffline();
  const { describe, fieldErrors } = useFailureText();
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Values | 'form', string>>>({});
  const [saving, setSaving] = useState(false);
  const set = (k: keyof Values) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [k]: value }));
  };

  function check(): typeof errors {
    const found: typeof errors = {};
    if (!values.currentPassword) found.currentPassword = t('password.currentRequired');
    if (values.newPassword.length < MIN_LENGTH)
      found.newPassword = t('password.tooShort', { min: MIN_LENGTH });
    else if (values.newPassword === values.currentPassword) found.newPassword = t('password.same');
    if (values.repeat !== values.newPassword) found.repeat = t('password.mismatch');
    return found;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) return;
    setSaving(true);
    const res = await server({
      method: 'POST',
      path: '/api/auth/password',
      body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
    });
    setSaving(false);
    if (!res.ok) {
      const fields = fieldErrors(res.failure);
      return setErrors({
        currentPassword: fields.currentPassword,
        newPassword: fields.newPassword,
        form: fields.currentPassword || fields.newPassword ? undefined : describe(res.failure),
      });
    }
    setValues(EMPTY);
    notifications.show({ color: 'green', title: t('password.changed'), message: t('password.othersEnded') });
  }

  return (
    <SectionCard id="password" title={t('password.title')} description={t('password.description')}>
      <OnlineNotice />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={480}>
          <PasswordInput
            label={t('password.current')}
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={set('currentPassword')}
            error={errors.currentPassword}
            required
          />
          <PasswordInput
            label={t('password.new')}
            description={t('password.rule', { min: MIN_LENGTH })}
            autoComplete="new-password"
            value={values.newPassword}
            onChange={set('newPassword')}
            error={errors.newPassword}
            required
          />
          <PasswordInput
            label={t('password.repeat')}
            autoComplete="new-password"
            value={values.repeat}
            onChange={set('repeat')}
            error={errors.repeat}
            required
          />
          {errors.form && (
            <Text c="red" size="sm" role="alert">
              {errors.form}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={saving} disabled={offline}>
              {t('password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
