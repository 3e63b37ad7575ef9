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
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useEngine, usePlatform, useSession } from '../../common/index.ts';
import { normaliseServerUrl } from '../../shell/login/login-form.ts';
import { LanguageMenu, ThemeMenu } from '../../shell/prefs/PrefsMenus.tsx';
import {
  checkInviteAccept,
  type InviteAcceptValues,
  type Issues,
  MIN_PASSWORD_LENGTH,
} from '../form-checks.ts';

type Field = keyof InviteAcceptValues | 'serverUrl';

/** What a refused acceptance means for the invitee, as an i18n key (`partners:invite.*`). */
export function inviteRefusal(status: number, body: unknown): string {
  const { code, reason, fields } = (body ?? {}) as { code?: string; reason?: string; fields?: unknown };
  if (status === 0) return 'reasons.offline';
  if (reason === 'invite_closed') return 'invite.used';
  if (reason === 'email_taken' || code === 'conflict') return 'invite.emailTaken';
  if (status === 429) return 'reasons.rateLimited';
  const named = Array.isArray(fields) ? fields.map((f) => (f as { field?: unknown })?.field) : [];
  if (status === 400 && named.includes('password')) return 'form.passwordShort';
  if (status === 400 && named.includes('name')) return 'form.personNameRequired';
  if (status === 400) return 'invite.invalid';
  return 'reasons.unknown';
}

/**
 * The invitation link (`#/invite/<token>`) opened by someone not signed in: name and password make the partner
 * user (`POST /api/partner-invites/accept`), then they are signed in with them and land in the partner cabinet.
 */
export function InvitePage({ token }: { token: string }) {
  const { t } = useTranslation('partners');
  const engine = useEngine();
  const platform = usePlatform();
  const [, navigate] = useLocation();
  const askServerUrl = platform.fixedServerUrl === null;
  const [serverUrl, setServerUrl] = useState(platform.lastServerUrl ?? '');
  const [values, setValues] = useState<InviteAcceptValues>({ name: '', password: '', repeat: '' });
  const [issues, setIssues] = useState<Issues<Field>>({});
  const [error, setError] = useState<{ key: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  const set = (field: keyof InviteAcceptValues) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
    setIssues(({ [field]: _gone, ...rest }) => rest);
  };
  const issue = (field: Field) =>
    issues[field] ? t(issues[field] as string, { min: MIN_PASSWORD_LENGTH }) : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setError(null);
    const checked = checkInviteAccept(values);
    const server = askServerUrl ? normaliseServerUrl(serverUrl) : platform.fixedServerUrl;
    const found: Issues<Field> = checked.ok ? {} : { ...checked.issues };
    if (!server) found.serverUrl = 'invite.serverUrlInvalid';
    if (!checked.ok || !server) return setIssues(found);
    setBusy(true);
    try {
      const res = await engine.acceptInvite({ serverUrl: server, token, ...checked.body });
      if (!res.ok) {
        const key = inviteRefusal(res.status, res.body);
        const message = (res.body as { message?: string } | null)?.message ?? `HTTP ${res.status}`;
        if (key === 'form.passwordShort') setIssues({ password: key });
        else if (key === 'form.personNameRequired') setIssues({ name: key });
        else setError({ key, message });
        return;
      }
      const { email } = res.body;
      // Off the invitation's address first: signed in, the app opens its home (the cabinet) instead.
      navigate('/', { replace: true });
      const login = await engine.login({ serverUrl: server, email, password: checked.body.password });
      if (!login.ok) notifications.show({ color: 'blue', message: t('invite.accepted', { email }) });
    } catch (err) {
      setError({ key: 'reasons.unknown', message: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Box mih="100dvh" bg="var(--mantine-color-body)">
      <Group justify="flex-end" gap={4} p="sm">
        <LanguageMenu />
        <ThemeMenu />
      </Group>
      <Center px="md" pb="xl">
        <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={440}>
          <form onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
            <Stack gap="md">
              <div>
                <Title order={1} size="h2">
                  {t('invite.title')}
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  {t('invite.subtitle')}
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
                  {t(error.key, { message: error.message })}
                </Alert>
              )}
              {askServerUrl && (
                <TextInput
                  label={t('invite.serverUrl')}
                  type="url"
                  inputMode="url"
                  autoComplete="url"
                  required
                  value={serverUrl}
                  onChange={(e) => {
                    setServerUrl(e.currentTarget.value);
                    setIssues(({ serverUrl: _gone, ...rest }) => rest);
                  }}
                  error={issue('serverUrl')}
                />
              )}
              <TextInput
                label={t('invite.name')}
                autoComplete="name"
                required
                autoFocus
                value={values.name}
                onChange={set('name')}
                error={issue('name')}
                maxLength={300}
              />
              <PasswordInput
                label={t('invite.password')}
                description={t('invite.passwordRule', { min: MIN_PASSWORD_LENGTH })}
                autoComplete="new-password"
                required
                value={values.password}
                onChange={set('password')}
                error={issue('password')}
                maxLength={200}
              />
              <PasswordInput
                label={t('invite.repeat')}
                autoComplete="new-password"
                required
                value={values.repeat}
                onChange={set('repeat')}
                error={issue('repeat')}
                maxLength={200}
              />
              <Button type="submit" loading={busy} fullWidth size="md">
                {t('invite.submit')}
              </Button>
              <Anchor component={Link} href="/" size="sm" ta="center">
                {t('invite.toLogin')}
              </Anchor>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}

/** The invitation link opened while signed in: say whose session this is instead of silently going home. */
export function InviteWhileSignedIn() {
  const { t } = useTranslation('partners');
  const session = useSession();
  return (
    <Center p="md">
      <Alert color="blue" maw={520} title={t('invite.title')}>
        <Stack gap="xs">
          <Text size="sm">{t('invite.signedIn', { email: session?.user.email ?? '' })}</Text>
          <Anchor component={Link} href="/" size="sm">
            {t('invite.home')}
          </Anchor>
        </Stack>
      </Alert>
    </Center>
  );
}
