import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../common/index.ts';
import { timeLeft, useClock } from '../countdown.ts';
import { useOnline, useServer } from '../server.ts';
import { Empty, Section } from './Section.tsx';

interface OfferRow {
  id: string;
  expires_at: string;
  preview: {
    territory?: string | null;
    category?: string | null;
    budgetBand?: string | null;
    source?: string | null;
  };
}

const OFFERS_SQL = `SELECT id, expires_at, preview FROM lead_offers
  WHERE partner_id = $1 AND status = 'offered' ORDER BY expires_at LIMIT 50`;

/** Leads offered to the organisation: accept or decline before the deadline (a lapsed one is recalled). */
export function OffersCard({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation('partners');
  const { rows } = useLiveQuery<OfferRow>(OFFERS_SQL, [partnerId]);
  const now = useClock();
  const server = useServer();
  const online = useOnline();
  const [busy, setBusy] = useState<string | null>(null);
  // Answered offers leave the list at once; the synced row with the new status may take a while to arrive.
  const [answered, setAnswered] = useState<ReadonlySet<string>>(new Set());
  const open = rows.filter((o) => !answered.has(o.id));

  const answer = async (id: string, accept: boolean) => {
    setBusy(id);
    const res = await server({
      method: 'POST',
      path: `/api/leads/offers/${encodeURIComponent(id)}/${accept ? 'accept' : 'decline'}`,
      ...(accept ? {} : { body: {} }),
    });
    setBusy(null);
    if (!res.ok) return;
    setAnswered((prev) => new Set(prev).add(id));
    notifications.show({ color: 'green', message: t(accept ? 'offers.accepted' : 'offers.declined') });
  };

  return (
    <Section id="offers" title={t('offers.title')}>
      {open.length === 0 && <Empty>{t('offers.empty')}</Empty>}
      {open.map((o) => {
        const name = o.preview?.category || t('offers.untitled');
        const left = timeLeft(o.expires_at, now);
        return (
          <Paper key={o.id} withBorder p="sm" role="article" aria-label={name}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600}>{name}</Text>
                <Badge color={left ? 'blue' : 'gray'} variant="light" style={{ flexShrink: 0 }}>
                  {left ? t('offers.left', { time: left }) : t('offers.expired')}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {[o.preview?.territory, o.preview?.budgetBand, o.preview?.source].filter(Boolean).join(' · ')}
              </Text>
              <Group gap="xs">
                <Button
                  size="xs"
                  aria-label={t('offers.acceptNamed', { name })}
                  disabled={!online || !left}
                  loading={busy === o.id}
                  onClick={() => answer(o.id, true)}
                >
                  {t('offers.accept')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  aria-label={t('offers.declineNamed', { name })}
                  disabled={!online || !left || busy === o.id}
                  onClick={() => answer(o.id, false)}
                >
                  {t('offers.decline')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        );
      })}
    </Section>
  );
}
