import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CLIENT_STATUSES, type ClientStatus } from '../../schema/constants.ts';

export const STATUS_COLORS: Record<ClientStatus, string> = {
  lead: 'blue',
  prospect: 'yellow',
  customer: 'green',
  lost: 'gray',
};

const isStatus = (s: string): s is ClientStatus => (CLIENT_STATUSES as readonly string[]).includes(s);

/** A client's status as a coloured badge; an unknown value (newer server) shows as is. */
export function StatusBadge({ status, size = 'sm' }: { status: string; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation('clients');
  return (
    <Badge size={size} variant="light" color={isStatus(status) ? STATUS_COLORS[status] : 'gray'}>
      {isStatus(status) ? t(`status.${status}`) : status}
    </Badge>
  );
}

/** Select data for the statuses, in their lifecycle order. */
export function useStatusOptions() {
  const { t } = useTranslation('clients');
  return CLIENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }));
}
