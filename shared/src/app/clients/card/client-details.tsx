import { Anchor, Badge, DataList, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/index.ts';
import { formatCustomValue, useCustomFieldDefs, useUsers } from '../../records/index.tsx';
import { StatusBadge } from '../status.tsx';
import type { ClientRecord } from './client-record.ts';

const dash = (
  <Text span c="dimmed">
    —
  </Text>
);

/** A safe href for a website typed by a user: http(s) only, scheme added when missing. */
function websiteHref(site: string): string | null {
  const url = /^https?:\/\//i.test(site) ? site : `https://${site}`;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The client's fields, read-only: phones and e-mails as links, custom fields by their type. */
export function ClientDetails({ client }: { client: ClientRecord }) {
  const { t } = useTranslation('clients');
  const { byId } = useUsers();
  const { defs } = useCustomFieldDefs('client');
  const company = client.kind === 'company';
  const rows: [string, string, ReactNode][] = [
    ['kind', t('card.fields.kind'), company ? t('kind.company') : t('kind.person')],
    ['status', t('card.fields.status'), <StatusBadge key="s" status={client.status} />],
    ['owner', t('card.owner'), client.owner_id ? (byId.get(client.owner_id)?.name ?? '…') : dash],
    [
      'phones',
      t('card.fields.phones'),
      client.phones.length
        ? client.phones.map((p) => (
            <Anchor key={p} href={`tel:${p.replace(/[^\d+]/g, '')}`} display="block" size="sm">
              {p}
            </Anchor>
          ))
        : dash,
    ],
    [
      'emails',
      t('card.fields.emails'),
      client.emails.length
        ? client.emails.map((e) => (
            <Anchor key={e} href={`mailto:${e}`} display="block" size="sm">
              {e}
            </Anchor>
          ))
        : dash,
    ],
    ['source', t('card.fields.source'), client.source ?? dash],
    [
      'tags',
      t('card.fields.tags'),
      client.tags.length ? (
        <Group key="tags" gap={4}>
          {client.tags.map((tag) => (
            <Badge key={tag} size="sm" variant="outline">
              {tag}
            </Badge>
          ))}
        </Group>
      ) : (
        dash
      ),
    ],
  ];
  if (company) rows.push(['legalName', t('card.fields.legalName'), client.legal_name ?? dash]);
  rows.push(['inn', t('card.fields.inn'), client.inn ?? dash]);
  if (company) {
    rows.push(['kpp', t('card.fields.kpp'), client.kpp ?? dash]);
    rows.push(['ogrn', t('card.fields.ogrn'), client.ogrn ?? dash]);
  }
  const site = client.website ? websiteHref(client.website) : null;
  rows.push(['address', t('card.fields.address'), client.address ?? dash]);
  rows.push([
    'website',
    t('card.fields.website'),
    client.website ? (
      site ? (
        <Anchor key="site" href={site} target="_blank" rel="noopener noreferrer" size="sm">
          {client.website}
        </Anchor>
      ) : (
        client.website
      )
    ) : (
      dash
    ),
  ]);
  for (const def of defs) {
    const value = client.custom?.[def.key];
    rows.push([
      `custom:${def.key}`,
      def.label,
      value === undefined || value === null ? dash : formatCustomValue(def.type, value),
    ]);
  }

  return (
    <>
      <DataList size="sm" labelWidth={150}>
        {rows.map(([id, label, value]) => (
          <DataList.Item key={id}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
      {client.description && (
        <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {client.description}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        {t('card.created', { date: formatDateTime(client.created_at) })} ·{' '}
        {t('card.updated', { date: formatDateTime(client.updated_at) })}
      </Text>
    </>
  );
}
