import { ActionIcon, Alert, Anchor, Group, Loader, Stack, Text, Timeline, Tooltip } from '@mantine/core';
import { IconCloudOff, IconEdit, IconPlus, IconRefresh, IconRestore, IconTrash } from '@tabler/icons-react';
import i18n from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney, useEngine, useLiveQuery, useSyncStatus } from '../common/index.ts';
import { type CustomFieldDefRow, type RecordEntity, useCustomFieldDefs } from './custom-field-defs.ts';
import { formatCustomValue } from './custom-field-format.ts';
import { type FieldChange, parseHistory, type TimelineItem, toTimeline } from './history-diff.ts';
import { useUsers } from './users.ts';

export type HistoryEntity = 'clients' | 'deals' | 'contacts' | 'tasks';

const CUSTOM_ENTITY: Partial<Record<HistoryEntity, RecordEntity>> = {
  clients: 'client',
  deals: 'deal',
  contacts: 'contact',
};
/** The record's version in the replica: when it moves, the server has a newer history. */
const VERSION_SQL: Record<HistoryEntity, string> = {
  clients: 'SELECT version FROM clients WHERE id = $1',
  deals: 'SELECT version FROM deals WHERE id = $1',
  contacts: 'SELECT version FROM contacts WHERE id = $1',
  tasks: 'SELECT version FROM tasks WHERE id = $1',
};
const NAMES_SQL = `SELECT id, name FROM stages UNION ALL SELECT id, name FROM pipelines`;
const USER_FIELDS = new Set(['owner_id', 'assignee_id', 'created_by', 'author_id']);
const COLLAPSED = 6;

type State =
  | { kind: 'loading' }
  | { kind: 'offline' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; items: TimelineItem[] };

const ICONS = {
  create: IconPlus,
  update: IconEdit,
  delete: IconTrash,
  restore: IconRestore,
  purge: IconTrash,
} as const;

function useValueFormatter(entity: HistoryEntity, defs: CustomFieldDefRow[]) {
  const { t } = useTranslation('records');
  const { byId: users } = useUsers();
  const { rows: names } = useLiveQuery<{ id: string; name: string }>(NAMES_SQL);
  return useMemo(() => {
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const defOf = new Map(defs.map((d) => [d.key, d]));
    return (field: string, value: unknown): string => {
      if (value === null || value === undefined || value === '') return t('history.empty_value');
      if (field.startsWith('custom.')) {
        const def = defOf.get(field.slice(7));
        return formatCustomValue(def?.type ?? 'text', value);
      }
      if (typeof value === 'string' && USER_FIELDS.has(field))
        return users.get(value)?.name ?? t('history.unknownUser');
      if (typeof value === 'string' && (field === 'stage_id' || field === 'pipeline_id'))
        return nameOf.get(value) ?? value;
      if (entity === 'clients' && (field === 'status' || field === 'kind') && typeof value === 'string') {
        const key = `values.${field}.${value}`;
        return i18n.exists(`records:${key}`) ? t(key) : value;
      }
      if (field === 'amount' && typeof value === 'number') return formatMoney(value / 100);
      if (typeof value === 'boolean') return value ? t('history.yes') : t('history.no');
      if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : t('history.empty_value');
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
    };
  }, [names, defs, users, entity, t]);
}

function ChangeLine({
  change,
  label,
  format,
  created,
}: {
  change: FieldChange;
  label: string;
  format: (f: string, v: unknown) => string;
  created: boolean;
}) {
  return (
    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
      <Text span fw={500}>
        {label}:
      </Text>{' '}
      {!created && (
        <>
          <Text span c="dimmed" td="line-through">
            {format(change.field, change.before)}
          </Text>{' '}
          →{' '}
        </>
      )}
      <Text span>{format(change.field, change.after)}</Text>
    </Text>
  );
}

function HistoryItemBody({
  item,
  labelOf,
  format,
}: {
  item: TimelineItem;
  labelOf: (field: string) => string;
  format: (f: string, v: unknown) => string;
}) {
  const { t } = useTranslation('records');
  const [all, setAll] = useState(false);
  const shown = all ? item.changes : item.changes.slice(0, COLLAPSED);
  return (
    <Stack gap={2}>
      {shown.map((c) => (
        <ChangeLine
          key={c.field}
          change={c}
          label={labelOf(c.field)}
          format={format}
          created={item.action === 'create'}
        />
      ))}
      {!all && item.changes.length > COLLAPSED && (
        <Anchor component="button" type="button" size="sm" onClick={() => setAll(true)}>
          {t('history.showAll', { count: item.changes.length })}
        </Anchor>
      )}
    </Stack>
  );
}

/** Change history of one record from the server's audit log (online only; says so offline). */
export function RecordHistory(props: { entity: HistoryEntity; id: string }) {
  const { entity, id } = props;
  const { t } = useTranslation('records');
  const engine = useEngine();
  const online = useSyncStatus().online;
  const { byId } = useUsers();
  const customEntity = CUSTOM_ENTITY[entity];
  const { defs } = useCustomFieldDefs(customEntity ?? 'client');
  const fieldDefs = customEntity ? defs : [];
  const format = useValueFormatter(entity, fieldDefs);
  const version = useLiveQuery<{ version: number }>(VERSION_SQL[entity] ?? null, [id]).rows[0]?.version;
  const [reload, setReload] = useState(0);
  const [state, setState] = useState<State>({ kind: 'loading' });

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload, version and online only trigger a refetch
  useEffect(() => {
    let cancelled = false;
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }));
    void engine
      .api({ method: 'GET', path: `/api/${entity}/${encodeURIComponent(id)}/history` })
      .then((res) => {
        if (cancelled) return;
        if (res.status === 0) setState({ kind: 'offline' });
        else if (!res.ok) {
          const body = res.body as { message?: unknown } | null;
          setState({
            kind: 'failed',
            message: typeof body?.message === 'string' ? body.message : String(res.status),
          });
        } else setState({ kind: 'ready', items: toTimeline(parseHistory(res.body)) });
      })
      .catch((err: unknown) => {
        if (!cancelled)
          setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
      });
    return () => {
      cancelled = true;
    };
  }, [engine, entity, id, reload, version, online]);

  const labelOf = (field: string) => {
    if (field.startsWith('custom.')) {
      const key = field.slice(7);
      return fieldDefs.find((d) => d.key === key)?.label ?? key;
    }
    return i18n.exists(`records:fields.${field}`) ? t(`fields.${field}` as 'fields.name') : field;
  };
  const actorName = (actorId: string | null) =>
    actorId ? (byId.get(actorId)?.name ?? t('history.unknownUser')) : t('history.system');

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text fw={600}>{t('history.title')}</Text>
        <Tooltip label={t('history.refresh')}>
          <ActionIcon
            variant="subtle"
            aria-label={t('history.refresh')}
            onClick={() => setReload((n) => n + 1)}
          >
            <IconRefresh size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {state.kind === 'loading' && <Loader size="sm" aria-label={t('common:loading')} />}
      {state.kind === 'offline' && (
        <Alert color="gray" icon={<IconCloudOff size={18} />}>
          {t('history.offline')}
        </Alert>
      )}
      {state.kind === 'failed' && (
        <Alert color="red">{t('history.failed', { message: state.message })}</Alert>
      )}
      {state.kind === 'ready' && state.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('history.empty')}
        </Text>
      )}
      {state.kind === 'ready' && state.items.length > 0 && (
        <Timeline bulletSize={24} lineWidth={2} active={-1}>
          {state.items.map((item) => {
            const Icon = ICONS[item.action];
            return (
              <Timeline.Item
                key={item.id}
                bullet={<Icon size={14} />}
                title={
                  <Text size="sm">
                    <Text span fw={600}>
                      {actorName(item.actorId)}
                    </Text>{' '}
                    {t(`history.actions.${item.action}`)}
                  </Text>
                }
              >
                <Text size="xs" c="dimmed" mb={4}>
                  {formatDateTime(item.at)}
                </Text>
                {item.action !== 'delete' && item.action !== 'restore' && (
                  <HistoryItemBody item={item} labelOf={labelOf} format={format} />
                )}
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Stack>
  );
}
