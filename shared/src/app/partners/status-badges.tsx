import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const PAYOUT_COLORS: Record<string, string> = {
  requested: 'blue',
  approved: 'yellow',
  paid: 'green',
  rejected: 'gray',
};

// Mantine's badge clips its label with an ellipsis and, as a flex item or in an auto-width table column, is
// squeezed to a few letters ("АКТ…") next to a long name; a status must always be read in full.
const WHOLE = { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } } as const;

/** A status badge that is never shortened. */
export function StatusBadge({ children, ...props }: BadgeProps & { children: ReactNode }) {
  return (
    <Badge variant="light" styles={WHOLE} {...props}>
      {children}
    </Badge>
  );
}

export function PayoutStatus({ status }: { status: string }) {
  const { t } = useTranslation('partners');
  return (
    <StatusBadge color={PAYOUT_COLORS[status] ?? 'gray'}>
      {t(`payouts.statuses.${status}`, { defaultValue: status })}
    </StatusBadge>
  );
}
