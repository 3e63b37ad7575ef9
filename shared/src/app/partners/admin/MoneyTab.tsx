import { Button, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../ids.ts';
import { useLiveQuery } from '../../common/index.ts';
import { toKopecks } from '../money.ts';
import { useOnline, useServer } from '../server.ts';

const PARTNERS_SQL = 'SELECT id, name FROM partners WHERE deleted_at IS NULL ORDER BY name LIMIT 500';

/** Book money a partner paid in, or correct its wallet (idempotent by a key made when the form opens). */
export function MoneyTab() {
  const { t } = useTranslation('partners');
  const server = useServer();
  const online = useOnline();
  const partners = useLiveQuery<{ id: string; name: string }>(PARTNERS_SQL).rows;
  const [kind, setKind] = useState<'deposit' | 'adjustment'>('deposit');
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [memo, setMemo] = useState('');
  const [key, setKey] = useState(newId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const kopecks = toKopecks(amount, kind === 'adjustment');
    if (!partnerId || kopecks === null || !memo.trim())
      return setError(t('reasons.unknown', { message: t('admin.money.amount') }));
    setBusy(true);
    setError(null);
    const res = await server(
      {
        method: 'POST',
        path: kind === 'deposit' ? '/api/ledger/deposits' : '/api/ledger/adjustments',
        body: { partnerId, amount: kopecks, memo: memo.trim(), idempotencyKey: key },
      },
      false,
    );
    setBusy(false);
    if (!res.ok) return setError(res.message);
    setAmount('');
    setMemo('');
    setKey(newId());
    notifications.show({ color: 'green', message: t('admin.money.booked') });
  };

  return (
    <form onSubmit={submit}>
      <Stack maw={480}>
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as 'deposit' | 'adjustment')}
          data={[
            { value: 'deposit', label: t('admin.money.deposit') },
            { value: 'adjustment', label: t('admin.money.adjustment') },
          ]}
          aria-label={t('admin.money.kind')}
        />
        <Select
          label={t('admin.money.partner')}
          data={partners.map((p) => ({ value: p.id, label: p.name }))}
          value={partnerId}
          onChange={setPartnerId}
          searchable
          required
        />
        <TextInput
          label={t('admin.money.amount')}
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('admin.money.memo')}
          value={memo}
          onChange={(e) => setMemo(e.currentTarget.value)}
          required
          maxLength={500}
        />
        <Group>
          <Button type="submit" loading={busy} disabled={!online}>
            {t('admin.money.book')}
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
  );
}
