import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const PAYOUT_COLORS: Record<string, string> = {
  requested: 'blue',
  approved: 'yellow',
  paid: 'green',
  rejected: 'gray',
};

export function PayoutStatus({ status }: { status: string }) {
  const { t } = useTranslation('partners');
  return (
    <Badge variant="light" color={PAYOUT_COLORS[status] ?? 'gray'}>
      {t(`payouts.statuses.${status}`, { defaultValue: status })}
    </Badge>
  );
}
