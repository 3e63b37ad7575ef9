import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatDateTime, useLiveQuery, usePlatform, useSession } from '../../common/index.ts';
import { rub } from '../money.ts';
import { Empty, Section } from './Section.tsx';

interface LineRow {
  id: string;
  kind: string;
  memo: string;
  amount: string;
  created_at: string;
}

// The partner's net change on its available balance per entry is what a statement line means to it.
const LINES_SQL = `SELECT e.id, e.kind, e.memo, e.created_at,
    coalesce((SELECT sum(p.amount) FROM ledger_postings p
      WHERE p.entry_id = e.id AND p.partner_id = $1 AND p.account_kind = 'wallet'), 0)::text AS amount
  FROM ledger_entries e WHERE e.partner_id = $2 ORDER BY e.created_at DESC LIMIT 100`;

const csvCell = (v: string) => (/[;"\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function StatementCard({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation('partners');
  const phone = useMediaQuery('(max-width: 48em)');
  const platform = usePlatform();
  const session = useSession();
  const { rows } = useLiveQuery<LineRow>(LINES_SQL, [partnerId, partnerId]);
  const kind = (k: string) => t(`statement.kinds.${k}`, { defaultValue: k });

  const downloadCsv = () => {
    const head = [t('statement.date'), t('statement.kind'), t('statement.memo'), t('statement.amount')];
    const lines = rows.map((r) =>
      [formatDateTime(r.created_at), kind(r.kind), r.memo, (Number(r.amount) / 100).toFixed(2)].map(csvCell),
    );
    // BOM so Excel reads UTF-8; `;` as Russian Excel expects.
    const text = `\uFEFF${[head.map(csvCell), ...lines].map((l) => l.join(';')).join('\r\n')}`;
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `statement-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };

  return (
    <Section id="statement" title={t('statement.title')}>
      <Group gap="xs">
        <Button size="xs" variant="default" onClick={downloadCsv} disabled={rows.length === 0}>
          {t('statement.csv')}
        </Button>
        {platform.kind === 'web' && session && (
          <Button
            size="xs"
            variant="default"
            component="a"
            href={`${session.serverUrl}/api/ledger/statement?format=pdf`}
            download
          >
            {t('statement.pdf')}
          </Button>
        )}
      </Group>
      {rows.length === 0 && <Empty>{t('statement.empty')}</Empty>}
      {rows.length > 0 && phone && (
        <Stack gap={6}>
          {rows.map((r) => (
            <Group key={r.id} justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={0}>
                <Text size="sm">{kind(r.kind)}</Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(r.created_at)} {r.memo}
                </Text>
              </Stack>
              <Text size="sm" fw={600} c={Number(r.amount) < 0 ? 'red' : undefined}>
                {rub(r.amount)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      {rows.length > 0 && !phone && (
        <Table.ScrollContainer minWidth={500} maxHeight={360}>
          <Table striped stickyHeader aria-label={t('statement.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('statement.date')}</Table.Th>
                <Table.Th>{t('statement.kind')}</Table.Th>
                <Table.Th>{t('statement.memo')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('statement.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{formatDateTime(r.created_at)}</Table.Td>
                  <Table.Td>{kind(r.kind)}</Table.Td>
                  <Table.Td>{r.memo}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }} c={Number(r.amount) < 0 ? 'red' : undefined}>
                    {rub(r.amount)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
