import { Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../ids.ts';
import { formatDateTime, useLiveQuery } from '../../common/index.ts';
import { rub, toKopecks } from '../money.ts';
import { useOnline, useServer } from '../server.ts';
import { PayoutStatus } from '../status-badges.tsx';
import { Empty, Section } from './Section.tsx';

const PAYOUTS_SQL = `SELECT id, amount::text AS amount, status, note, created_at FROM payout_requests
  WHERE partner_id = $1 ORDER BY created_at DESC LIMIT 50`;

/** Payout requests: owners ask for money from the available balance; staff approve and pay. */
export function PayoutsCard({ partnerId, owner }: { partnerId: string; owner: boolean }) {
  const { t } = useTranslation('partners');
  const server = useServer();
  const online = useOnline();
  const { rows } = useLiveQuery<{
    id: string;
    amount: string;
    status: string;
    note: string | null;
    created_at: string;
  }>(PAYOUTS_SQL, [partnerId]);
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const kopecks = toKopecks(amount);
    if (kopecks === null) return setError(t('form.amountPositive'));
    setBusy(true);
    setError(null);
    const res = await server(
      {
        method: 'POST',
        path: '/api/payouts',
        body: { id: newId(), amount: kopecks, ...(note.trim() ? { note: note.trim() } : {}) },
      },
      false,
    );
    setBusy(false);
    if (!res.ok) return setError(res.message);
    setAmount('');
    setNote('');
    notifications.show({ color: 'green', message: t('payouts.requested') });
  };

  return (
    <Section id="payouts" title={t('payouts.title')}>
      {owner ? (
        <form onSubmit={submit}>
          <Group gap="xs" align="flex-end">
            <TextInput
              size="xs"
              label={t('payouts.amount')}
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              disabled={!online}
              required
              w={140}
            />
            <TextInput
              size="xs"
              label={t('payouts.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              disabled={!online}
              maxLength={500}
              style={{ flex: 1, minWidth: 140 }}
            />
            <Button size="xs" type="submit" loading={busy} disabled={!online}>
              {t('payouts.request')}
            </Button>
          </Group>
          {error && (
            <Text c="red" size="sm" role="alert" mt={4}>
              {error}
            </Text>
          )}
        </form>
      ) : (
        <Text size="sm" c="dimmed">
          {t('payouts.ownersOnly')}
        </Text>
      )}
      {rows.length === 0 && <Empty>{t('payouts.empty')}</Empty>}
      <Stack gap={6}>
        {rows.map((p) => (
          <Paper key={p.id} withBorder p="xs">
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={0}>
                <Text fw={600}>{rub(p.amount)}</Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(p.created_at)} {p.note ?? ''}
                </Text>
              </Stack>
              <PayoutStatus status={p.status} />
            </Group>
          </Paper>
        ))}
      </Stack>
    </Section>
  );
}
