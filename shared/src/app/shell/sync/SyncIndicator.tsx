import { ActionIcon, Button, Group, Indicator, Loader, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowUp,
  IconCloudCheck,
  IconCloudOff,
  IconCloudUpload,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EngineStatus } from '../../../engine/contract.ts';
import { formatRelative } from './relative-time.ts';
import { SYNC_STATE_COLOR, type SyncState } from './sync-state.ts';
import { useNow } from './use-now.ts';

function StateIcon(props: { state: SyncState; size: number }) {
  const { state, size } = props;
  if (state === 'initial' || state === 'connecting') return <Loader size={size - 4} color="blue" />;
  if (state === 'offline') return <IconCloudOff size={size} stroke={1.6} />;
  if (state === 'error' || state === 'rejected') return <IconAlertTriangle size={size} stroke={1.6} />;
  if (state === 'pending') return <IconCloudUpload size={size} stroke={1.6} />;
  return <IconCloudCheck size={size} stroke={1.6} />;
}

/**
 * The always-visible sync badge: state in words (an icon alone on phones), pending count, and a dot with the count
 * of things that wait for the user (rejections, notices). Its accessible name starts with "Синхронизация".
 */
export function SyncIndicator(props: {
  state: SyncState;
  status: EngineStatus;
  attention: number;
  compact: boolean;
  onOpen: () => void;
}) {
  const { t, i18n } = useTranslation('shell');
  const now = useNow();
  const { state, status, attention, compact } = props;
  const stateText = t(`sync.state.${state}`);
  const pendingText = status.pending > 0 ? t('sync.pending', { count: status.pending }) : null;
  const synced = formatRelative(status.lastSyncedAt, now, i18n.language);
  const when = synced ? t('sync.lastSynced', { time: synced }) : t('sync.neverSynced');
  const label = [
    `${t('sync.indicator')}: ${stateText}`,
    pendingText,
    attention > 0 ? t('sync.attention', { count: attention }) : null,
  ]
    .filter(Boolean)
    .join(', ');
  const color = SYNC_STATE_COLOR[state];
  // The dot counts what waits for the user; on a phone, where the badge has no room for it, also unsent changes.
  const badge = attention || (compact ? status.pending : 0);
  const badgeColor = attention ? 'red' : 'yellow';

  const control = compact ? (
    <ActionIcon variant="light" color={color} size="lg" aria-label={label} onClick={props.onOpen}>
      <StateIcon state={state} size={20} />
    </ActionIcon>
  ) : (
    <Button
      variant="light"
      color={color}
      size="compact-sm"
      leftSection={<StateIcon state={state} size={16} />}
      rightSection={
        status.pending > 0 ? (
          <Group gap={1} wrap="nowrap" aria-hidden>
            <IconArrowUp size={12} stroke={2.2} />
            {status.pending}
          </Group>
        ) : undefined
      }
      aria-label={label}
      onClick={props.onOpen}
    >
      {stateText}
    </Button>
  );

  return (
    <Tooltip label={[pendingText, when].filter(Boolean).join(' · ')} withinPortal openDelay={300}>
      <Indicator
        disabled={badge === 0}
        label={badge > 99 ? '99+' : badge}
        size={16}
        color={badgeColor}
        offset={4}
      >
        {control}
      </Indicator>
    </Tooltip>
  );
}
