import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../ids.ts';
import { AUCTION_TYPES } from '../../../schema/partners-economy.ts';
import { formatDateTime, useLiveQuery } from '../../common/index.ts';
import { rub, toKopecks } from '../money.ts';
import { useOnline, useServer } from '../server.ts';

interface LotRow {
  id: string;
  title: string;
  type: string;
  status: string;
  start_price: string;
  current_price: string | null;
  winning_price: string | null;
  bid_count: number;
  ends_at: string;
}

const LOTS_SQL = `SELECT id, title, type, status, start_price::text AS start_price, current_price::text AS current_price,
    winning_price::text AS winning_price, bid_count, ends_at
  FROM auction_lots ORDER BY (status = 'open') DESC, ends_at DESC LIMIT 100`;
// Leads: clients in status lead without an open lot; $1 is a name prefix pattern (no % in live SQL).
const LEADS_SQL = `SELECT c.id, c.name FROM clients c
  WHERE c.deleted_at IS NULL AND c.status = 'lead'
    AND NOT EXISTS (SELECT 1 FROM auction_lots l WHERE l.client_id = c.id AND l.status = 'open')
    AND c.name ILIKE $1
  ORDER BY c.created_at DESC LIMIT 30`;

const STATUS_COLORS: Record<string, string> = {
  open: 'blue',
  sold: 'green',
  unsold: 'gray',
  cancelled: 'red',
};

const inTwoDays = () => {
  const d = new Date(Date.now() + 48 * 3_600_000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};

/** Staff put a lead up for auction and follow the lots. */
export function LotsTab() {
  const { t } = useTranslation('partners');
  const server = useServer();
  const online = useOnline();
  const lots = useLiveQuery<LotRow>(LOTS_SQL).rows;
  const [search, setSearch] = useState('');
  const leads = useLiveQuery<{ id: string; name: string }>(LEADS_SQL, [
    `${search.replace(/[%_\\]/g, '')}%`,
  ]).rows;
  const [clientId, setClientId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [type, setType] = useState<string>('english');
  const [start, setStart] = useState('');
  const [reserve, setReserve] = useState('');
  const [step, setStep] = useState('');
  const [buyNow, setBuyNow] = useState('');
  const [endsAt, setEndsAt] = useState(inTwoDays);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const startPrice = toKopecks(start);
    const minIncrement = toKopecks(step);
    const reservePrice = reserve ? toKopecks(reserve) : 0;
    const buyNowPrice = buyNow ? toKopecks(buyNow) : null;
    const ends = new Date(endsAt);
    if (
      !clientId ||
      startPrice === null ||
      minIncrement === null ||
      reservePrice === null ||
      (buyNow && buyNowPrice === null) ||
      Number.isNaN(ends.getTime())
    )
      return setError(t('reasons.unknown', { message: t('admin.lot.create') }));
    setError(null);
    const res = await server(
      {
        method: 'POST',
        path: '/api/auction/lots',
        body: {
          id: newId(),
          clientId,
          type,
          title: title.trim() || (leads.find((l) => l.id === clientId)?.name ?? ''),
          startPrice,
          reservePrice,
          minIncrement,
          buyNowPrice,
          endsAt: ends.toISOString(),
        },
      },
      false,
    );
    if (!res.ok) return setError(res.message);
    notifications.show({ color: 'green', message: t('admin.lot.created') });
    setClientId(null);
    setTitle('');
  };

  return (
    <Stack>
      <Paper withBorder p="md">
        <form onSubmit={submit}>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('admin.lot.client')}
                data={leads.map((l) => ({ value: l.id, label: l.name }))}
                value={clientId}
                onChange={setClientId}
                searchable
                searchValue={search}
                onSearchChange={setSearch}
                filter={({ options }) => options}
                required
              />
              <TextInput
                label={t('admin.lot.title')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                maxLength={200}
              />
              <Select
                label={t('admin.lot.type')}
                data={AUCTION_TYPES.map((v) => ({ value: v, label: t(`lots.types.${v}`) }))}
                value={type}
                onChange={(v) => v && setType(v)}
                allowDeselect={false}
              />
              <TextInput
                label={t('admin.lot.endsAt')}
                type="datetime-local"
                value={endsAt}
                onChange={(e) => setEndsAt(e.currentTarget.value)}
                required
              />
              <TextInput
                label={t('admin.lot.start')}
                inputMode="decimal"
                value={start}
                onChange={(e) => setStart(e.currentTarget.value)}
                required
              />
              <TextInput
                label={t('admin.lot.step')}
                inputMode="decimal"
                value={step}
                onChange={(e) => setStep(e.currentTarget.value)}
                required
              />
              <TextInput
                label={t('admin.lot.reserve')}
                inputMode="decimal"
                value={reserve}
                onChange={(e) => setReserve(e.currentTarget.value)}
              />
              <TextInput
                label={t('admin.lot.buyNow')}
                inputMode="decimal"
                value={buyNow}
                onChange={(e) => setBuyNow(e.currentTarget.value)}
              />
            </SimpleGrid>
            <Group>
              <Button type="submit" disabled={!online}>
                {t('admin.lot.create')}
              </Button>
              {!online && (
                <Text size="sm" c="orange">
                  {t('admin.offline')}
                </Text>
              )}
            </Group>
            {error && (
              <Text c="red" size="sm" role="alert">
                {error}
              </Text>
            )}
          </Stack>
        </form>
      </Paper>
      {lots.length === 0 && <Text c="dimmed">{t('admin.lot.empty')}</Text>}
      <Stack gap="xs">
        {lots.map((l) => (
          <Paper key={l.id} withBorder p="sm" role="article" aria-label={l.title}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={0}>
                <Text fw={600}>{l.title}</Text>
                <Text size="xs" c="dimmed">
                  {t(`lots.types.${l.type}`, { defaultValue: l.type })} · {t('lots.bids', { n: l.bid_count })}{' '}
                  · {formatDateTime(l.ends_at)}
                </Text>
              </Stack>
              <Stack gap={2} align="flex-end">
                <Badge variant="light" color={STATUS_COLORS[l.status] ?? 'gray'}>
                  {t(`admin.lot.statuses.${l.status}`, { defaultValue: l.status })}
                </Badge>
                <Text size="sm">{rub(l.winning_price ?? l.current_price ?? l.start_price)}</Text>
              </Stack>
            </Group>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
