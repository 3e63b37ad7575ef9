import { Group, Paper, Progress, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../common/index.ts';
import { rub } from '../money.ts';
import { Empty, Section } from './Section.tsx';

interface DealRow {
  id: string;
  title: string;
  amount: string;
  stage: string;
  color: string | null;
  n: number;
  total: number;
  is_won: boolean;
  is_lost: boolean;
}

// Stages come from the partner's own synced view of the pipelines: exactly the stages it may see.
const DEALS_SQL = `SELECT d.id, d.title, d.amount::text AS amount, s.name AS stage, s.color, s.is_won, s.is_lost,
    (SELECT count(*) FROM stages x WHERE x.pipeline_id = s.pipeline_id AND x.position <= s.position)::int AS n,
    (SELECT count(*) FROM stages x WHERE x.pipeline_id = s.pipeline_id)::int AS total
  FROM deals d JOIN stages s ON s.id = d.stage_id
  WHERE d.partner_id = $1 AND d.deleted_at IS NULL
  ORDER BY d.updated_at DESC LIMIT 20`;

export function DealsCard({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation('partners');
  const { rows } = useLiveQuery<DealRow>(DEALS_SQL, [partnerId]);
  return (
    <Section id="deals" title={t('deals.title')}>
      {rows.length === 0 && <Empty>{t('deals.empty')}</Empty>}
      <ScrollArea.Autosize mah={440} type="auto">
        <Stack gap="xs">
          {rows.map((d) => (
            <Paper key={d.id} withBorder p="sm">
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600} lineClamp={1}>
                    {d.title}
                  </Text>
                  <Text size="sm">{rub(d.amount)}</Text>
                </Group>
                <Text size="sm" c="dimmed">
                  {d.stage} · {t('deals.stage', { n: d.n, total: d.total })}
                </Text>
                <Progress
                  value={d.total ? (100 * d.n) / d.total : 0}
                  color={d.is_lost ? 'red' : d.is_won ? 'green' : (d.color ?? 'blue')}
                  aria-label={`${d.title}: ${d.stage}`}
                />
              </Stack>
            </Paper>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Section>
  );
}
