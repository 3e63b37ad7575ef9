import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { newId } from '../../../ids.ts';
import { fieldErrors, formatMoney, useCan, useLiveQuery, useMutate } from '../../common/index.ts';
import { paths } from '../../routes.tsx';

interface DealRow {
  id: string;
  title: string;
  amount: number;
  currency: string;
  stage_name: string | null;
  stage_color: string | null;
  closed_at: string | null;
}

const DEALS_SQL = `SELECT d.id, d.title, d.amount, d.currency, s.name AS stage_name, s.color AS stage_color, d.closed_at
  FROM deals d LEFT JOIN stages s ON s.id = d.stage_id
  WHERE d.client_id = $1 AND d.deleted_at IS NULL
  ORDER BY d.closed_at IS NOT NULL, d.created_at DESC, d.id LIMIT 200`;

/** A stage colour from settings, used only when it is a plain #rrggbb. */
const safeColor = (c: string | null) => (c && /^#[0-9a-f]{6}$/i.test(c) ? c : 'gray');

/**
 * 'Новая сделка' from the client card: a title and an amount; the deal lands in the default pipeline's first
 * stage (the mutator picks it when none is named).
 */
function NewDealModal(props: { clientId: string; clientName: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('clients');
  const mutate = useMutate();
  const [title, setTitle] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const close = () => {
    setTitle('');
    setAmount('');
    setErrors({});
    props.onClose();
  };
  const save = async () => {
    if (!title.trim()) {
      setErrors({ title: t('errors.required') });
      return;
    }
    setBusy(true);
    const result = await mutate('deal.create', {
      id: newId(),
      title: title.trim(),
      clientId: props.clientId,
      amount: typeof amount === 'number' ? Math.round(amount * 100) : 0,
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(fieldErrors(result));
      return;
    }
    notifications.show({ color: 'green', message: t('deals.created') });
    close();
  };
  return (
    <Modal opened={props.opened} onClose={close} title={t('deals.newTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <Stack gap="sm">
          <TextInput
            label={t('deals.title')}
            placeholder={props.clientName}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            required
            maxLength={300}
            data-autofocus
          />
          <NumberInput
            label={t('deals.amount')}
            value={amount}
            onChange={setAmount}
            min={0}
            decimalScale={2}
            thousandSeparator=" "
            rightSection={<Text size="sm">₽</Text>}
            error={errors.amount}
          />
          {(errors.pipelineId || errors.stageId) && (
            <Text size="sm" c="red">
              {t('deals.noPipeline')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('card.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common:actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Deals of the client: title (link to the deal), stage, amount; and a quick new deal. */
export function ClientDeals({
  clientId,
  clientName,
  readOnly,
}: {
  clientId: string;
  clientName: string;
  readOnly?: boolean;
}) {
  const { t } = useTranslation('clients');
  const canCreate = useCan('deals', 'create') && !readOnly;
  const { rows, loading } = useLiveQuery<DealRow>(DEALS_SQL, [clientId]);
  const [creating, setCreating] = useState(false);
  const open = rows.filter((d) => !d.closed_at);
  const sum = open.reduce((s, d) => s + (d.currency === 'RUB' ? Number(d.amount) : 0), 0);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {rows.length > 0 ? t('deals.total', { amount: formatMoney(sum / 100) }) : ''}
        </Text>
        {canCreate && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
            {t('deals.add')}
          </Button>
        )}
      </Group>
      {!loading && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('deals.empty')}
        </Text>
      )}
      {rows.map((d) => (
        <Paper key={d.id} withBorder p="sm" radius="md">
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Anchor component={Link} href={paths.deal(d.id)} fw={600} truncate="end">
                {d.title}
              </Anchor>
              {d.stage_name && (
                <Badge size="sm" variant="dot" color={safeColor(d.stage_color)}>
                  {d.stage_name}
                </Badge>
              )}
            </Stack>
            <Text fw={500} style={{ whiteSpace: 'nowrap' }}>
              {formatMoney(Number(d.amount) / 100, d.currency)}
            </Text>
          </Group>
        </Paper>
      ))}
      <NewDealModal
        clientId={clientId}
        clientName={clientName}
        opened={creating}
        onClose={() => setCreating(false)}
      />
    </Stack>
  );
}
