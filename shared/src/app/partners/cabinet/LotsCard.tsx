import { Badge, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../ids.ts';
import { useLiveQuery } from '../../common/index.ts';
import { timeLeft, useClock } from '../countdown.ts';
import { rub, toKopecks } from '../money.ts';
import { useOnline, useServer } from '../server.ts';
import { Empty, Section } from './Section.tsx';

export interface LotRow {
  id: string;
  type: string;
  title: string;
  territory: string | null;
  currency: string;
  start_price: string;
  current_price: string | null;
  min_next_bid: string;
  buy_now_price: string | null;
  bid_count: number;
  ends_at: string;
  my_bid: string | null;
  is_leading: boolean | null;
  outcome: string | null;
}

const LOTS_SQL = `SELECT l.id, l.type, l.title, l.territory, l.currency, l.start_price::text AS start_price,
    l.current_price::text AS current_price, l.min_next_bid::text AS min_next_bid,
    l.buy_now_price::text AS buy_now_price, l.bid_count, l.ends_at,
    s.my_bid::text AS my_bid, s.is_leading, s.outcome
  FROM auction_listings l LEFT JOIN auction_standings s ON s.lot_id = l.id AND s.partner_id = $1
  WHERE l.status = 'open' ORDER BY l.ends_at LIMIT 50`;

/** Open lots, live from the synced listing and the partner's own standings; bids go to the server. */
export function LotsCard({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation('partners');
  const { rows } = useLiveQuery<LotRow>(LOTS_SQL, [partnerId]);
  const now = useClock();
  const online = useOnline();
  return (
    <Section id="lots" title={t('lots.title')}>
      {!online && (
        <Text c="orange" size="sm" role="status">
          {t('lots.offline')}
        </Text>
      )}
      {rows.length === 0 && <Empty>{t('lots.empty')}</Empty>}
      {rows.map((lot) => (
        <LotItem key={lot.id} lot={lot} left={timeLeft(lot.ends_at, now)} online={online} />
      ))}
    </Section>
  );
}

function LotItem({ lot, left, online }: { lot: LotRow; left: string | null; online: boolean }) {
  const { t } = useTranslation('partners');
  const server = useServer();
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sealed = lot.type !== 'english';
  const minimum = Number(lot.min_next_bid);
  const disabled = !online || !left;

  const send = async (body: { amount?: number; buyNow?: boolean }) => {
    setBusy(true);
    setError(null);
    const res = await server(
      {
        method: 'POST',
        path: `/api/auction/lots/${encodeURIComponent(lot.id)}/bids`,
        body: { id: newId(), ...body },
      },
      false,
    );
    setBusy(false);
    if (!res.ok) return setError(res.message);
    setAmount('');
    notifications.show({ color: 'green', message: t('lots.placed') });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const kopecks = toKopecks(amount || String(minimum / 100));
    if (kopecks === null) return setError(t('reasons.bid_too_low', { minimum: rub(minimum) }));
    void send({ amount: kopecks });
  };

  return (
    <Paper withBorder p="sm" role="article" aria-label={lot.title}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={0}>
            <Text fw={600}>{lot.title}</Text>
            <Text size="xs" c="dimmed">
              {[
                t(`lots.types.${lot.type}`, { defaultValue: lot.type }),
                lot.territory,
                t('lots.bids', { n: lot.bid_count }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Stack>
          {lot.my_bid !== null && !sealed && (
            <Badge color={lot.is_leading ? 'green' : 'red'} style={{ flexShrink: 0 }}>
              {lot.is_leading ? t('lots.leading') : t('lots.outbid')}
            </Badge>
          )}
        </Group>
        <Group gap="lg">
          <Text size="sm">
            {sealed ? t('lots.sealed') : lot.current_price ? t('lots.current') : t('lots.start')}:{' '}
            <b>{rub(sealed ? lot.start_price : (lot.current_price ?? lot.start_price), lot.currency)}</b>
          </Text>
          <Text size="sm">
            {t('lots.minNext')}: <b data-min-next>{rub(minimum, lot.currency)}</b>
          </Text>
          <Text size="sm" c={left ? undefined : 'dimmed'}>
            {left ? t('lots.endsIn', { time: left }) : t('lots.ended')}
          </Text>
        </Group>
        {lot.my_bid !== null && (
          <Text size="sm" c="dimmed">
            {t('lots.myBid', { amount: rub(lot.my_bid, lot.currency) })}
          </Text>
        )}
        <form onSubmit={submit}>
          <Group gap="xs" align="flex-end">
            <TextInput
              size="xs"
              inputMode="decimal"
              label={t('lots.amount')}
              aria-label={t('lots.amountFor', { name: lot.title })}
              placeholder={String(minimum / 100)}
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              disabled={disabled}
              w={140}
            />
            <Button
              size="xs"
              type="submit"
              loading={busy}
              disabled={disabled}
              aria-label={t('lots.bidNamed', { name: lot.title })}
            >
              {t('lots.bid')}
            </Button>
            {lot.buy_now_price !== null && (
              <Button
                size="xs"
                variant="light"
                disabled={disabled || busy}
                aria-label={t('lots.buyNowNamed', { name: lot.title })}
                onClick={() => void send({ buyNow: true })}
              >
                {t('lots.buyNow', { price: rub(lot.buy_now_price, lot.currency) })}
              </Button>
            )}
          </Group>
        </form>
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
