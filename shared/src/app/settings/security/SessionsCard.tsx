import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import {
  IconDeviceDesktop,
  IconDeviceMobile,
  IconLogout,
  IconPlugConnected,
  IconRefresh,
} from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/index.ts';
import { SectionCard } from '../common/SectionCard.tsx';
import { useFailureText, useOffline, useServer } from '../common/use-server.ts';
import { type DeviceInfo, describeUserAgent } from './user-agent.ts';

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

function DeviceIcon(props: { kind: DeviceInfo['kind'] }) {
  if (props.kind === 'phone') return <IconDeviceMobile size={18} aria-hidden />;
  if (props.kind === 'api') return <IconPlugConnected size={18} aria-hidden />;
  return <IconDeviceDesktop size={18} aria-hidden />;
}

/** My signed-in devices (`GET /api/auth/sessions`): revoke one, or all but this one. */
export function SessionsCard() {
  const { t } = useTranslation('settings');
  const server = useServer();
  const offline = useOffline();
  const phone = useMediaQuery('(max-width: 48em)');
  const { describe, notify } = useFailureText();
  const [items, setItems] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const res = await server<{ items: SessionInfo[] }>({ method: 'GET', path: '/api/auth/sessions' });
    if (res.ok && Array.isArray(res.body?.items)) {
      setItems(res.body.items);
      setError(null);
    } else if (!res.ok) setError(describe(res.failure));
  }, [server, describe]);

  // Loads on open, and again when the server is back after being unreachable.
  useEffect(() => {
    if (!offline) void load();
  }, [load, offline]);

  const deviceName = (s: SessionInfo) => {
    const d = describeUserAgent(s.userAgent);
    const parts = [d.client, d.os].filter(Boolean);
    return parts.length ? parts.join(' · ') : t('sessions.unknownDevice');
  };

  async function revoke(ids: string[]) {
    setBusy(true);
    let failed = 0;
    for (const id of ids) {
      const res = await server({ method: 'DELETE', path: `/api/auth/sessions/${id}` });
      // Already gone (expired, or ended elsewhere) is what was wanted.
      if (!res.ok && res.failure.status !== 404) {
        failed++;
        if (res.failure.offline) {
          notify(res.failure);
          break;
        }
      }
    }
    setBusy(false);
    if (failed === 0)
      notifications.show({ color: 'green', message: t('sessions.revoked', { count: ids.length }) });
    else if (!offline)
      notifications.show({ color: 'red', message: t('sessions.revokeFailed', { count: failed }) });
    await load();
  }

  const others = (items ?? []).filter((s) => !s.current);
  const confirmRevoke = (s: SessionInfo) =>
    modals.openConfirmModal({
      title: t('sessions.revokeTitle'),
      children: <Text size="sm">{t('sessions.revokeText', { device: deviceName(s) })}</Text>,
      labels: { confirm: t('sessions.revoke'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => void revoke([s.id]),
    });
  const confirmRevokeOthers = () =>
    modals.openConfirmModal({
      title: t('sessions.revokeOthers'),
      children: <Text size="sm">{t('sessions.revokeOthersText', { count: others.length })}</Text>,
      labels: { confirm: t('sessions.revokeOthers'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => void revoke(others.map((s) => s.id)),
    });

  const revokeButton = (s: SessionInfo) =>
    s.current ? (
      <Badge color="green" variant="light">
        {t('sessions.current')}
      </Badge>
    ) : (
      <Tooltip label={t('sessions.revoke')}>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('sessions.revokeDevice', { device: deviceName(s) })}
          onClick={() => confirmRevoke(s)}
          disabled={busy || offline}
        >
          <IconLogout size={18} />
        </ActionIcon>
      </Tooltip>
    );

  return (
    <SectionCard
      id="sessions"
      title={t('sessions.title')}
      description={t('sessions.description')}
      actions={
        <Group gap="xs">
          <Tooltip label={t('sessions.refresh')}>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('sessions.refresh')}
              onClick={() => void load()}
            >
              <IconRefresh size={18} />
            </ActionIcon>
          </Tooltip>
          <Button
            variant="light"
            color="red"
            onClick={confirmRevokeOthers}
            disabled={others.length === 0 || busy || offline}
          >
            {t('sessions.revokeOthers')}
          </Button>
        </Group>
      }
    >
      {error && !items && (
        <Text c="dimmed" size="sm">
          {error}
        </Text>
      )}
      {!items && !error && <Loader size="sm" aria-label={t('common:loading')} />}
      {items && phone && (
        <Stack gap="xs" aria-label={t('sessions.title')}>
          {items.map((s) => (
            <Card key={s.id} withBorder padding="sm" aria-label={deviceName(s)}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2}>
                  <Group gap={6}>
                    <DeviceIcon kind={describeUserAgent(s.userAgent).kind} />
                    <Text fw={500}>{deviceName(s)}</Text>
                  </Group>
                  <Text size="sm" c="dimmed">
                    {t('sessions.ip')}: {s.ip ?? '—'}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('sessions.lastSeen')}: {formatDateTime(s.lastSeenAt)}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('sessions.created')}: {formatDateTime(s.createdAt)}
                  </Text>
                </Stack>
                {revokeButton(s)}
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      {items && !phone && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" aria-label={t('sessions.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sessions.device')}</Table.Th>
                <Table.Th>{t('sessions.ip')}</Table.Th>
                <Table.Th>{t('sessions.created')}</Table.Th>
                <Table.Th>{t('sessions.lastSeen')}</Table.Th>
                <Table.Th w={1}>
                  <VisuallyHidden>{t('sessions.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <DeviceIcon kind={describeUserAgent(s.userAgent).kind} />
                      <Text size="sm" title={s.userAgent ?? undefined}>
                        {deviceName(s)}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>{s.ip ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(s.createdAt)}</Table.Td>
                  <Table.Td>{formatDateTime(s.lastSeenAt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{revokeButton(s)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}
