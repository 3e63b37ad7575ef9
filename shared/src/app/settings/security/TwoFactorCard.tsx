import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEngine, useUser } from '../../common/index.ts';
import { SectionCard } from '../common/SectionCard.tsx';
import { useFailureText, useOffline, useServer } from '../common/use-server.ts';
import { CodePromptModal } from './CodePromptModal.tsx';
import { RecoveryCodesModal } from './RecoveryCodesModal.tsx';
import { TotpEnrolment } from './TotpEnrolment.tsx';

type Prompt = 'regenerate' | 'disable' | null;

/** TOTP two-factor sign-in: enrol (secret → code → recovery codes), replace the recovery codes, turn it off. */
export function TwoFactorCard() {
  const { t } = useTranslation('settings');
  const user = useUser();
  const engine = useEngine();
  const server = useServer();
  const offline = useOffline();
  const { notify } = useFailureText();
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [prompt, setPrompt] = useState<Prompt>(null);
  const [starting, setStarting] = useState(false);

  async function start() {
    setStarting(true);
    const res = await server<{ secret: string; uri: string }>({
      method: 'POST',
      path: '/api/auth/2fa/setup',
    });
    setStarting(false);
    if (!res.ok) return notify(res.failure);
    if (typeof res.body?.secret === 'string' && typeof res.body.uri === 'string') setEnrolment(res.body);
  }

  async function enabled(recoveryCodes: string[]) {
    setEnrolment(null);
    setCodes(recoveryCodes);
    await engine.refreshUser();
    notifications.show({ color: 'green', message: t('twoFactor.enabled') });
  }

  async function disabled() {
    setPrompt(null);
    await engine.refreshUser();
    notifications.show({ color: 'green', message: t('twoFactor.disabled') });
  }

  return (
    <SectionCard
      id="two-factor"
      title={t('twoFactor.title')}
      description={t('twoFactor.description')}
      actions={
        <Badge color={user.totpEnabled ? 'green' : 'gray'} variant="light" size="lg">
          {user.totpEnabled ? t('twoFactor.on') : t('twoFactor.off')}
        </Badge>
      }
    >
      {!user.totpEnabled && !enrolment && (
        <Group>
          <Button onClick={() => void start()} loading={starting} disabled={offline}>
            {t('twoFactor.enable')}
          </Button>
        </Group>
      )}
      {!user.totpEnabled && enrolment && (
        <TotpEnrolment
          secret={enrolment.secret}
          uri={enrolment.uri}
          onEnabled={(c) => void enabled(c)}
          onCancel={() => setEnrolment(null)}
        />
      )}
      {user.totpEnabled && (
        <Stack gap="xs">
          <Text size="sm">{t('twoFactor.onText')}</Text>
          <Group gap="xs">
            <Button variant="light" onClick={() => setPrompt('regenerate')} disabled={offline}>
              {t('twoFactor.regenerate')}
            </Button>
            <Button variant="light" color="red" onClick={() => setPrompt('disable')} disabled={offline}>
              {t('twoFactor.disable')}
            </Button>
          </Group>
        </Stack>
      )}
      <CodePromptModal
        mode={prompt}
        onClose={() => setPrompt(null)}
        onRegenerated={(c) => {
          setPrompt(null);
          setCodes(c);
        }}
        onDisabled={() => void disabled()}
      />
      <RecoveryCodesModal codes={codes} onClose={() => setCodes(null)} />
    </SectionCard>
  );
}
