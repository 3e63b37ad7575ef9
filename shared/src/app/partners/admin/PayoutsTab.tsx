import { Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, useLiveQuery } from '../../common/index.ts';
import { ListState } from '../list-state.tsx';
import { rub } from '../money.ts';
import { useOnline, useServer } from '../server.ts';
import { PayoutStatus } from '../status-badges.tsx';

interface PayoutRow {
  id: string;
  amount: string;
  status: string;
  note: string | null;
  created_at: string;
  partner: string | null;
}

// Open requests first, then the latest decided ones.
const PAYOUTS_SQL = `SELECT r.id, r.amount::text AS amount, r.status, r.note, r.created_at, p.name AS partner
  FROM payout_requests r LEFT JOIN partners p ON p.id = r.partner_id
  ORDER BY (r.status IN ('requested', 'approved')) DESC, r.created_at DESC LIMIT 100`;

/** Staff decide payouts: approve or reject a request, mark an approved one paid with the transfer reference. */
export function PayoutsTab({ canDecide }: { canDecide: boolean }) {
  const { t } = useTranslation('partners');
  const payouts = useLiveQuery<PayoutRow>(PAYOUTS_SQL);
  const { rows } = payouts;
  const server = useServer();
  const online = useOnline();
  const [refs, setRefs] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const decide = async (id: string, action: 'approve' | 'reject' | 'pay') => {
    const reference = refs[id]?.trim();
    setBusy(`${id}:${action}`);
    await server({
      method: 'POST',
      path: `/api/payouts/${encodeURIComponent(id)}/${action}`,
      body: action === 'pay' && reference ? { reference } : {},
    });
    setBusy(null);
  };

  return (
    <Stack gap="xs">
      <ListState result={payouts} empty={t('payouts.empty')} />
      {!online && (
        <Text c="orange" size="sm">
          {t('admin.offline')}
        </Text>
      )}
      {rows.map((r) => {
        const what = { partner: r.partner ?? '—', amount: rub(r.amount) };
        const button = (action: 'approve' | 'reject' | 'pay') => ({
          'aria-label': t(`payouts.${action}Named`, what),
          disabled: !online || !!busy?.startsWith(`${r.id}:`),
          loading: busy === `${r.id}:${action}`,
          onClick: () => void decide(r.id, action),
        });
        return (
          <Paper key={r.id} withBorder p="sm" role="article" aria-label={`${what.partner} ${what.amount}`}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={0} miw={0}>
                <Text fw={600}>
                  {r.partner ?? '—'} · {rub(r.amount)}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(r.created_at)} {r.note ?? ''}
                </Text>
              </Stack>
              <PayoutStatus status={r.status} />
            </Group>
            {canDecide && r.status === 'requested' && (
              <Group gap="xs" mt="xs">
                <Button size="xs" {...button('approve')}>
                  {t('payouts.approve')}
                </Button>
                <Button size="xs" variant="default" {...button('reject')}>
                  {t('payouts.reject')}
                </Button>
              </Group>
            )}
            {canDecide && r.status === 'approved' && (
              <Group gap="xs" mt="xs" align="flex-end">
                <TextInput
                  size="xs"
                  label={t('payouts.reference')}
                  value={refs[r.id] ?? ''}
                  onChange={(e) => setRefs({ ...refs, [r.id]: e.currentTarget.value })}
                  maxLength={200}
                />
                <Button size="xs" {...button('pay')}>
                  {t('payouts.pay')}
                </Button>
              </Group>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
