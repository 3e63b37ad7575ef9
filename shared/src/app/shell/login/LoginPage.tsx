import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconShieldLock } from '@tabler/icons-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEngine, usePlatform } from '../../common/index.ts';
import { LanguageMenu, ThemeMenu } from '../prefs/PrefsMenus.tsx';
import {
  type LoginFields,
  type LoginStep,
  loginFailure,
  normaliseServerUrl,
  validateLogin,
} from './login-form.ts';

/** Sign-in: e-mail and password, then the second factor when the server asks for it. */
export function LoginPage() {
  const { t } = useTranslation('shell');
  const engine = useEngine();
  const platform = usePlatform();
  const askServerUrl = platform.fixedServerUrl === null;
  const [fields, setFields] = useState<LoginFields>({
    serverUrl: platform.lastServerUrl ?? '',
    email: '',
    password: '',
  });
  const [totp, setTotp] = useState('');
  const [step, setStep] = useState<LoginStep>('credentials');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof LoginFields | 'totp', string>>>({});
  const [error, setError] = useState<{ key: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  const set = (name: keyof LoginFields) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setFields((f) => ({ ...f, [name]: value }));
    setFieldErrors((e) => ({ ...e, [name]: undefined }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const invalid = validateLogin(fields, askServerUrl);
    const code = totp.trim();
    const totpMissing = step === 'totp' && !code;
    if (Object.values(invalid).some(Boolean) || totpMissing) {
      setFieldErrors({ ...invalid, ...(totpMissing ? { totp: 'totpRequired' } : {}) });
      setError(null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const serverUrl = askServerUrl
        ? (normaliseServerUrl(fields.serverUrl) ?? '')
        : (platform.fixedServerUrl ?? '');
      const result = await engine.login({
        serverUrl,
        email: fields.email.trim(),
        password: fields.password,
        ...(step === 'totp' ? { totp: code } : {}),
      });
      if (result.ok) return; // the session event swaps this page for the app
      const failure = loginFailure(result, step);
      if (failure.next === 'totp' && step !== 'totp') setTotp('');
      setStep(failure.next);
      setError(failure.error ? { key: failure.error, message: result.message } : null);
    } catch (err) {
      setError({ key: 'unknown', message: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  }

  function backToCredentials() {
    setStep('credentials');
    setTotp('');
    setError(null);
    setFieldErrors({});
  }

  const errorText = (key: string | undefined) => (key ? t(`login.errors.${key}`) : undefined);

  return (
    <Box mih="100dvh" bg="var(--mantine-color-body)">
      <Group justify="flex-end" gap={4} p="sm">
        <LanguageMenu />
        <ThemeMenu />
      </Group>
      <Center px="md" pb="xl">
        <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={420}>
          <form onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
            <Stack gap="md">
              <div>
                <Title order={1} size="h2">
                  {step === 'totp' ? t('login.totpTitle') : t('login.title')}
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  {step === 'totp' ? t('login.totpHint') : t('login.subtitle')}
                </Text>
              </div>

              {error && (
                <Alert
                  id={errorId}
                  role="alert"
                  color="red"
                  variant="light"
                  icon={<IconAlertTriangle size={18} />}
                >
                  {t(`login.errors.${error.key}`, { message: error.message })}
                </Alert>
              )}

              {step === 'credentials' ? (
                <>
                  {askServerUrl && (
                    <TextInput
                      label={t('login.serverUrl')}
                      description={t('login.serverUrlHint')}
                      type="url"
                      inputMode="url"
                      autoComplete="url"
                      required
                      value={fields.serverUrl}
                      onChange={set('serverUrl')}
                      error={errorText(fieldErrors.serverUrl)}
                    />
                  )}
                  <TextInput
                    label={t('login.email')}
                    type="email"
                    autoComplete="username"
                    inputMode="email"
                    required
                    autoFocus={!askServerUrl || !!fields.serverUrl}
                    value={fields.email}
                    onChange={set('email')}
                    error={errorText(fieldErrors.email)}
                    maxLength={254}
                  />
                  <PasswordInput
                    label={t('login.password')}
                    autoComplete="current-password"
                    required
                    value={fields.password}
                    onChange={set('password')}
                    error={errorText(fieldErrors.password)}
                    maxLength={200}
                  />
                  <Button type="submit" loading={busy} fullWidth size="md">
                    {t('login.submit')}
                  </Button>
                </>
              ) : (
                <>
                  <TextInput
                    autoFocus
                    label={t('login.totp')}
                    leftSection={<IconShieldLock size={18} />}
                    autoComplete="one-time-code"
                    required
                    value={totp}
                    onChange={(e) => {
                      setTotp(e.currentTarget.value);
                      setFieldErrors((f) => ({ ...f, totp: undefined }));
                    }}
                    error={errorText(fieldErrors.totp)}
                    maxLength={40}
                    styles={{ input: { letterSpacing: '0.15em', fontVariantNumeric: 'tabular-nums' } }}
                  />
                  <Button type="submit" loading={busy} fullWidth size="md">
                    {t('login.totpSubmit')}
                  </Button>
                  <Anchor component="button" type="button" size="sm" onClick={backToCredentials}>
                    <Group gap={4} component="span">
                      <IconArrowLeft size={14} />
                      {t('login.back')}
                    </Group>
                  </Anchor>
                </>
              )}
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
