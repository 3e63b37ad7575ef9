import { ActionIcon, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDate, useLiveQuery } from '../../common/index.ts';
import { Empty, Section } from './Section.tsx';

const CODE_SQL = `SELECT code FROM referral_codes WHERE partner_id = $1 AND active AND deleted_at IS NULL
  ORDER BY created_at LIMIT 1`;
const BROUGHT_SQL = `SELECT a.id, coalesce(c.name, p.name) AS name, a.protected_until, a.created_at
  FROM referral_attributions a
  LEFT JOIN clients c ON c.id = a.client_id
  LEFT JOIN partners p ON p.id = a.referred_partner_id
  WHERE a.partner_id = $1 AND a.status = 'active' ORDER BY a.created_at DESC LIMIT 50`;

/** The public form's address with the partner's code, and who registered through it. */
export function ReferralCard({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation('partners');
  const code = useLiveQuery<{ code: string }>(CODE_SQL, [partnerId]).rows[0]?.code;
  const brought = useLiveQuery<{ id: string; name: string | null; protected_until: string }>(BROUGHT_SQL, [
    partnerId,
  ]).rows;
  const link = code ? `${globalThis.location?.origin ?? ''}/?ref=${encodeURIComponent(code)}` : null;
  return (
    <Section id="referral" title={t('referral.title')}>
      {link ? (
        <Group gap="xs" wrap="nowrap">
          <Code style={{ overflowWrap: 'anywhere' }} data-referral-link>
            {link}
          </Code>
          <CopyButton value={link}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('referral.copied') : t('referral.copy')}>
                <ActionIcon variant="subtle" onClick={copy} aria-label={t('referral.copy')}>
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      ) : (
        <Empty>{t('referral.none')}</Empty>
      )}
      <Text fw={600} size="sm">
        {t('referral.brought')}
      </Text>
      {brought.length === 0 && <Empty>{t('referral.empty')}</Empty>}
      <Stack gap={4}>
        {brought.map((b) => (
          <Group key={b.id} justify="space-between" wrap="nowrap">
            <Text size="sm">{b.name ?? '—'}</Text>
            <Text size="xs" c="dimmed">
              {t('referral.protectedUntil', { date: formatDate(b.protected_until) })}
            </Text>
          </Group>
        ))}
      </Stack>
    </Section>
  );
}
