import {
  ActionIcon,
  Alert,
  Anchor,
  Box,
  Button,
  Group,
  List,
  Paper,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconExternalLink, IconRefresh, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { EngineStatus } from '../../../engine/contract.ts';
import type { RejectedMutation } from '../../../replica/status.ts';
import { formatDateTime } from '../../common/index.ts';
import { recordPath } from '../links/record-path.ts';
import { fieldLabel, mutationLabel } from './labels.ts';
import { noticeText } from './notice-text.ts';
import type { NoticeRow } from './notices-query.ts';
import { formatRelative } from './relative-time.ts';
import { SYNC_STATE_COLOR, type SyncState } from './sync-state.ts';
import { useNow } from './use-now.ts';

function StatusSection(props: { state: SyncState; status: EngineStatus; onRetry: () => void }) {
  const { t, i18n } = useTranslation('shell');
  const now = useNow();
  const { state, status } = props;
  const synced = formatRelative(status.lastSyncedAt, now, i18n.language);
  const pushed = formatRelative(status.lastPushedAt, now, i18n.language);
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Box w={10} h={10} bg={`${SYNC_STATE_COLOR[state]}.6`} style={{ borderRadius: '50%' }} aria-hidden />
        <Text fw={600}>{t(`sync.state.${state}`)}</Text>
      </Group>
      {status.pending > 0 && <Text size="sm">{t('sync.pending', { count: status.pending })}</Text>}
      <Text size="sm" c="dimmed">
        {synced ? t('sync.lastSynced', { time: synced }) : t('sync.neverSynced')}
      </Text>
      {pushed && (
        <Text size="sm" c="dimmed">
          {t('sync.lastPushed', { time: pushed })}
        </Text>
      )}
      {state === 'offline' && (
        <Text size="sm" c="dimmed">
          {t('sync.offlineHint')}
        </Text>
      )}
      {state === 'initial' && (
        <Text size="sm" c="dimmed">
          {t('sync.initialHint')}
        </Text>
      )}
      {/* Offline, failed requests are what "offline" already says: the hint above explains it without an alarm. */}
      {state !== 'offline' && status.errors.length > 0 && (
        <Alert color="red" variant="light" title={t('sync.errorsTitle')} p="sm">
          <List size="sm" spacing={4}>
            {status.errors.map((e) => (
              <List.Item key={e.source}>
                <Text span size="sm" fw={500}>
                  {t(`sync.errorSource.${e.source}`, { defaultValue: e.source })}:
                </Text>{' '}
                <Text span size="sm" style={{ wordBreak: 'break-word' }}>
                  {e.message}
                </Text>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Group>
        <Button variant="default" size="xs" leftSection={<IconRefresh size={16} />} onClick={props.onRetry}>
          {t('sync.retryNow')}
        </Button>
      </Group>
    </Stack>
  );
}

function RejectedItem(props: { item: RejectedMutation; onDismiss: () => void }) {
  const { t } = useTranslation('shell');
  const { item } = props;
  const what = mutationLabel(t, item.name);
  return (
    <Paper withBorder p="sm" radius="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={600} size="sm">
            {what}
          </Text>
          <Text size="sm" style={{ wordBreak: 'break-word' }}>
            {item.message}
          </Text>
          {item.fields.length > 0 && (
            <List size="sm" spacing={2}>
              {item.fields.map((f) => (
                <List.Item key={`${f.field}:${f.message}`}>
                  {fieldLabel(t, f.field)}: {f.message}
                </List.Item>
              ))}
            </List>
          )}
          <Text size="xs" c="dimmed">
            {formatDateTime(item.createdAt)}
          </Text>
        </Stack>
        <Tooltip label={t('sync.dismiss')} withinPortal>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('sync.dismissRejected', { what })}
            onClick={props.onDismiss}
          >
            <IconX size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Paper>
  );
}

function NoticeItem(props: { notice: NoticeRow; onDismiss: () => void; onNavigate: () => void }) {
  const { t } = useTranslation('shell');
  const { notice } = props;
  const text = noticeText(t, notice);
  const path = recordPath({
    entity: notice.entity,
    id: notice.entity_id,
    clientId: notice.client_id,
    dealId: notice.deal_id,
  });
  return (
    <Paper withBorder p="sm" radius="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" style={{ wordBreak: 'break-word' }}>
            {text.message}
          </Text>
          {text.details && (
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
              {text.details}
            </Text>
          )}
          <Group gap="sm">
            <Text size="xs" c="dimmed">
              {formatDateTime(notice.created_at)}
            </Text>
            {path && (
              <Anchor
                component={Link}
                href={path}
                size="xs"
                onClick={props.onNavigate}
                aria-label={t('sync.openRecord', { name: notice.record_name ?? t('notice.unknownRecord') })}
              >
                <Group gap={2} component="span">
                  {t('sync.open')}
                  <IconExternalLink size={12} />
                </Group>
              </Anchor>
            )}
          </Group>
        </Stack>
        <Tooltip label={t('sync.dismiss')} withinPortal>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('sync.dismissNotice')}
            onClick={props.onDismiss}
          >
            <IconX size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Paper>
  );
}

/** What the sync badge opens: the state in full, rejected changes and edit notices, each dismissable. */
export function SyncPanel(props: {
  state: SyncState;
  status: EngineStatus;
  notices: NoticeRow[];
  noticesTotal: number;
  onRetry: () => void;
  onDismissRejection: (mutationId: string) => void;
  onDismissNotice: (id: string) => void;
  onNavigate: () => void;
}) {
  const { t } = useTranslation('shell');
  const { status, notices } = props;
  return (
    <Stack gap="lg">
      <StatusSection state={props.state} status={status} onRetry={props.onRetry} />

      <Stack gap="xs" component="section" aria-labelledby="sync-rejected-title">
        <Title order={3} size="h5" id="sync-rejected-title">
          {t('sync.rejectedTitle')}
        </Title>
        {status.rejected.length ? (
          <>
            <Text size="xs" c="dimmed">
              {t('sync.rejectedHint')}
            </Text>
            {status.rejected.map((r) => (
              <RejectedItem
                key={r.mutationId}
                item={r}
                onDismiss={() => props.onDismissRejection(r.mutationId)}
              />
            ))}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('sync.rejectedNone')}
          </Text>
        )}
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="sync-notices-title">
        <Title order={3} size="h5" id="sync-notices-title">
          {t('sync.noticesTitle')}
        </Title>
        {notices.length ? (
          notices.map((n) => (
            <NoticeItem
              key={n.id}
              notice={n}
              onDismiss={() => props.onDismissNotice(n.id)}
              onNavigate={props.onNavigate}
            />
          ))
        ) : (
          <Text size="sm" c="dimmed">
            {t('sync.noticesNone')}
          </Text>
        )}
        {props.noticesTotal > notices.length && (
          <Text size="xs" c="dimmed">
            {t('sync.moreNotices', { count: props.noticesTotal - notices.length })}
          </Text>
        )}
      </Stack>
    </Stack>
  );
}
