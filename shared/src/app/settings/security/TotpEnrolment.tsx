import {
  ActionIcon,
  Anchor,
  Button,
  Code,
  CopyButton,
  Group,
  List,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFailureText, useOffline, useServer } from '../common/use-server.ts';
import { groupSecret } from './recovery-codes.ts';

function CopyIcon(props: { value: string; label: string }) {
  const { t } = useTranslation('settings');
  return (
    <CopyButton value={props.value}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('copied') : props.label}>
          <ActionIcon variant="subtle" onClick={copy} aria-label={props.label}>
            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/**
 * Step two of enrolment: the secret from `/api/auth/2fa/setup` goes into an authenticator app (typed, pasted, or
 * opened through the otpauth:// link on a phone), then a current code confirms it (`/api/auth/2fa/enable`).
 */
export function TotpEnrolment(props: {
  secret: string;
  uri: string;
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('settings');
  const server = useServer();
  const offline = useOffline();
  const { describe, fieldErrors } = useFailureText();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const digits = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(digits)) return setError(t('twoFactor.codeRule'));
    setBusy(true);
    const res = await server<{ recoveryCodes: string[] }>({
      method: 'POST',
      path: '/api/auth/2fa/enable',
      body: { code: digits },
    });
    setBusy(false);
    if (!res.ok) return setError(fieldErrors(res.failure).code ?? describe(res.failure));
    props.onEnabled(Array.isArray(res.body?.recoveryCodes) ? res.body.recoveryCodes : []);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <List type="ordered" spacing="xs" size="sm">
          <List.Item>{t('twoFactor.step1')}</List.Item>
          <List.Item>{t('twoFactor.step2')}</List.Item>
          <List.Item>{t('twoFactor.step3')}</List.Item>
        </List>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="totp-secret-label">
            {t('twoFactor.secret')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code fz="lg" aria-labelledby="totp-secret-label" style={{ letterSpacing: 1 }}>
              {groupSecret(props.secret)}
            </Code>
            <CopyIcon value={props.secret} label={t('twoFactor.copySecret')} />
          </Group>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="totp-uri-label">
            {t('twoFactor.uri')}
          </Text>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Code
              block
              aria-labelledby="totp-uri-label"
              style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', flex: 1 }}
            >
              {props.uri}
            </Code>
            <CopyIcon value={props.uri} label={t('twoFactor.copyUri')} />
          </Group>
          <Anchor href={props.uri} size="sm">
            {t('twoFactor.openInApp')}
          </Anchor>
        </Stack>
        <TextInput
          label={t('twoFactor.code')}
          description={t('twoFactor.codeHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          w={220}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={error}
          required
          data-autofocus
        />
        <Group gap="xs">
          <Button type="submit" loading={busy} disabled={offline}>
            {t('twoFactor.confirm')}
          </Button>
          <Button variant="default" onClick={props.onCancel}>
            {t('common:actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
