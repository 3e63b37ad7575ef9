import { Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../ids.ts';
import { formatDateTime, useLiveQuery } from '../../common/index.ts';
import { checkMoney, type Issues, type MoneyField, placeServerIssues } from '../form-checks.ts';
import { ListState } from '../list-state.tsx';
import { rub } from '../money.ts';
import { useOnline, useServer } from '../server.ts';

const PARTNERS_SQL = 'SELECT id, name FROM partners WHERE deleted_at IS NULL ORDER BY name LIMIT 500';
// What staff booked by hand lately, so a booking is seen on the page (and a second one is not made by mistake).
const RECENT_SQL = `SELECT e.id, e.kind, e.amount::text AS amount, e.memo, e.created_at, p.name AS partner
  FROM ledger_entries e LEFT JOIN partners p ON p.id = e.partner_id
  WHERE e.kind IN ('deposit', 'adjustment') ORDER BY e.created_at DESC LIMIT 20`;
interface RecentRow {
  id: string;
  kind: string;
  amount: string;
  memo: string;
  created_at: string;
  partner: string | null;
}
const MONEY_FIELDS: Record<string, MoneyField> = { partnerId: 'partnerId', amount: 'amount', memo: 'memo' };

/** Book money a partner paid in, or correct its wallet (idempotent by a key made when the form opens). */
export function MoneyTab() {
  const { t } = useTranslation('partners');
  const server = useServer();
  const online = useOnline();
  const partners = useLiveQuery<{ id: string; name: string }>(PARTNERS_SQL).rows;
  const recentList = useLiveQuery<RecentRow>(RECENT_SQL);
  const recent = recentList.rows;
  const [kind, setKind] = useState<'deposit' | 'adjustment'>('deposit');
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [memo, setMemo] = useState('');
  const [key, setKey] = useState(newId);
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<Issues<MoneyField>>({});
  const [refused, setRefused] = useState<Partial<Record<MoneyField, string>>>({});
  const [busy, setBusy] = useState(false);
  const issue = (field: MoneyField) => {
    const k = issues[field];
    return k ? t(k) : refused[field];
  };
  const clear = (field: MoneyField) => {
    setIssues(({ [field]: _i, ...rest }) => rest);
    setRefused(({ [field]: _r, ...rest }) => rest);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setRefused({});
    const checked = checkMoney({ kind, partnerId, amount, memo });
    if (!checked.ok) return setIssues(checked.issues);
    setIssues({});
    setBusy(true);
    const res = await server(
      {
        method: 'POST',
        path: kind === 'deposit' ? '/api/ledger/deposits' : '/api/ledger/adjustments',
        body: { ...checked.body, idempotencyKey: key },
      },
      false,
    );
    setBusy(false);
    if (!res.ok) {
      const placed = placeServerIssues(res.fields, MONEY_FIELDS);
      setRefused(placed.byField);
      if (placed.rest.length || !Object.keys(placed.byField).length) setError(res.message);
      return;
    }
    setAmount('');
    setMemo('');
    setKey(newId());
    notifications.show({ color: 'green', message: t('admin.money.booked') });
  };

  return (
    <Stack gap="xl">
      <form onSubmit={submit} noValidate>
        <Stack maw={480}>
          <SegmentedControl
            value={kind}
            onChange={(v) => {
              setKind(v as 'deposit' | 'adjustment');
              clear('amount');
            }}
            data={[
              { value: 'deposit', label: t('admin.money.deposit') },
              { value: 'adjustment', label: t('admin.money.adjustment') },
            ]}
            aria-label={t('admin.money.kind')}
            fullWidth
          />
          <Select
            label={t('admin.money.partner')}
            data={partners.map((p) => ({ value: p.id, label: p.name }))}
            value={partnerId}
            onChange={(v) => {
              setPartnerId(v);
              clear('partnerId');
            }}
            error={issue('partnerId')}
            searchable
            required
          />
          <TextInput
            label={t('admin.money.amount')}
            description={kind === 'adjustment' ? t('admin.money.adjustmentHint') : undefined}
            inputMode="decimal"
            value={amount}
            onChange={(e) => {
              setAmount(e.currentTarget.value);
              clear('amount');
            }}
            error={issue('amount')}
            required
          />
          <TextInput
            label={t('admin.money.memo')}
            value={memo}
            onChange={(e) => {
              setMemo(e.currentTarget.value);
              clear('memo');
            }}
            error={issue('memo')}
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
      <Stack gap="xs" component="section" aria-labelledby="partner-money-recent">
        <Title order={3} size="h4" id="partner-money-recent">
          {t('admin.money.recent')}
        </Title>
        <ListState result={recentList} empty={t('statement.empty')} />
        {recent.map((r) => (
          <Paper key={r.id} withBorder p="sm" role="article" aria-label={`${r.partner ?? ''}: ${r.memo}`}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={0} miw={0}>
                <Text fw={600}>{r.partner ?? '—'}</Text>
                <Text size="sm">{r.memo}</Text>
                <Text size="xs" c="dimmed">
                  {t(`statement.kinds.${r.kind}`, { defaultValue: r.kind })} · {formatDateTime(r.created_at)}
                </Text>
              </Stack>
              <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
                {rub(r.amount)}
              </Text>
            </Group>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
