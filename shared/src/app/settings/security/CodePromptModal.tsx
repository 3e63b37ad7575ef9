import { Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFailureText, useOffline, useServer } from '../common/use-server.ts';

/**
 * Asks for what the server wants before a 2FA change: a current code to replace the recovery codes
 * (`/api/auth/2fa/recovery-codes`), the password and a code or recovery code to turn 2FA off (`/api/auth/2fa/disable`).
 */
export function CodePromptModal(props: {
  mode: 'regenerate' | 'disable' | null;
  onClose: () => void;
  onRegenerated: (codes: string[]) => void;
  onDisabled: () => void;
}) {
  const { t } = useTranslation('settings');
  const server = useServer();
  const offline = useOffline();
  const { describe, fieldErrors } = useFailureText();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ password?: string; code?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const disabling = props.mode === 'disable';

  useEffect(() => {
    if (props.mode === null) {
      setPassword('');
      setCode('');
      setErrors({});
    }
  }, [props.mode]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = code.trim().replace(/\s+/g, '');
    const found: typeof errors = {};
    if (disabling && !password) found.password = t('password.currentRequired');
    if (disabling ? !trimmed : !/^\d{6}$/.test(trimmed)) found.code = t('twoFactor.codeRule');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    const res = disabling
      ? await server({ method: 'POST', path: '/api/auth/2fa/disable', body: { password, code: trimmed } })
      : await server<{ recoveryCodes: string[] }>({
          method: 'POST',
          path: '/api/auth/2fa/recovery-codes',
          body: { code: trimmed },
        });
    setBusy(false);
    if (!res.ok) {
      const fields = fieldErrors(res.failure);
      return setErrors({
        password: fields.password,
        code: fields.code,
        form: fields.password || fields.code ? undefined : describe(res.failure),
      });
    }
    if (disabling) props.onDisabled();
    else {
      const body = res.body as { recoveryCodes?: unknown } | null;
      props.onRegenerated(Array.isArray(body?.recoveryCodes) ? (body.recoveryCodes as string[]) : []);
    }
  }

  return (
    <Modal
      opened={props.mode !== null}
      onClose={props.onClose}
      title={disabling ? t('twoFactor.disableTitle') : t('twoFactor.regenerateTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{disabling ? t('twoFactor.disableText') : t('twoFactor.regenerateText')}</Text>
          {disabling && (
            <PasswordInput
              label={t('password.current')}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
              required
              data-autofocus
            />
          )}
          <TextInput
            label={disabling ? t('twoFactor.codeOrRecovery') : t('twoFactor.code')}
            inputMode={disabling ? 'text' : 'numeric'}
            autoComplete="one-time-code"
            maxLength={40}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={errors.code}
            required
            data-autofocus={!disabling || undefined}
          />
          {errors.form && (
            <Text c="red" size="sm" role="alert">
              {errors.form}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={offline} color={disabling ? 'red' : undefined}>
              {disabling ? t('twoFactor.disable') : t('twoFactor.regenerate')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
