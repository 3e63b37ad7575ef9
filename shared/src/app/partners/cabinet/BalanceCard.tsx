import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../common/index.ts';
import { rub } from '../money.ts';
import { Section } from './Section.tsx';

const BALANCE_SQL = `SELECT account_kind, sum(amount)::text AS total FROM ledger_postings
  WHERE partner_id = $1 GROUP BY account_kind`;
// Each placeholder once: live queries inline parameters through PGlite's format().
const COUNTS_SQL = `SELECT
  (SELECT count(*) FROM lead_offers WHERE partner_id = $1 AND status = 'offered' AND expires_at > now())::int AS offers,
  (SELECT count(*) FROM auction_listings WHERE status = 'open' AND ends_at > now())::int AS lots,
  (SELECT count(*) FROM deals d JOIN stages s ON s.id = d.stage_id
     WHERE d.partner_id = $2 AND d.deleted_at IS NULL AND NOT s.is_won AND NOT s.is_lost)::int AS deals`;

const SHOWN = [
  ['wallet', 'available'],
  ['held', 'held'],
  ['pending', 'pending'],
  ['payout_pending', 'payoutPending'],
] as const;

/** Balances summed from the synced postings (never stored), and what waits for the partner. */
export function BalanceCard({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation('partners');
  const { rows } = useLiveQuery<{ account_kind: string; total: string }>(BALANCE_SQL, [partnerId]);
  const counts = useLiveQuery<{ offers: number; lots: number; deals: number }>(COUNTS_SQL, [
    partnerId,
    partnerId,
  ]).rows[0];
  const sum = (kind: string) => rows.find((r) => r.account_kind === kind)?.total ?? '0';
  const owed = Number(sum('owed'));
  return (
    <Section id="balance" title={t('balance.title')}>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {SHOWN.map(([kind, key]) => (
          <Stack key={kind} gap={0} data-balance={kind}>
            <Text size="xs" c="dimmed">
              {t(`balance.${key}`)}
            </Text>
            <Text fw={700} size="lg" aria-label={`${t(`balance.${key}`)}: ${rub(sum(kind))}`}>
              {rub(sum(kind))}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      {owed !== 0 && (
        <Text c="red" size="sm">
          {t('balance.owed')}: {rub(-owed)}
        </Text>
      )}
      <SimpleGrid cols={3}>
        {(['offers', 'lots', 'deals'] as const).map((k) => (
          <Stack key={k} gap={0}>
            <Text size="xs" c="dimmed">
              {t(`balance.${k}`)}
            </Text>
            <Text fw={600}>{counts?.[k] ?? 0}</Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Section>
  );
}
