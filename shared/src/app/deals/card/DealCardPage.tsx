import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { Id } from '../../../entities/fields.ts';
import { formatDate, formatDateTime, useCan, useMutate } from '../../common/index.ts';
import { RecordHistory, RecordNotes, RecordTasks } from '../../records/index.tsx';
import { paths } from '../../routes.tsx';
import { DatesLocale } from '../DatesLocale.tsx';
import { stageColor, stageOptions, usePipelines, useStages } from '../lookups.ts';
import { formatAmount } from '../money.ts';
import { DealForm } from './DealForm.tsx';
import { type DealRecord, useDeal } from './use-deal.ts';

/** `/deals/:id`: the deal card. */
export function DealCardPage(props: { id: string }) {
  const { t } = useTranslation('deals');
  const valid = Id.safeParse(props.id).success;
  return (
    <Stack gap="md">
      <Anchor component={Link} href={paths.deals} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('card.back')}
        </Group>
      </Anchor>
      {valid ? <DealCard id={props.id} /> : <Alert color="yellow">{t('card.notFound')}</Alert>}
    </Stack>
  );
}

function DealCard(props: { id: string }) {
  const { t } = useTranslation('deals');
  const { deal, loading, error } = useDeal(props.id);
  const canUpdate = useCan('deals', 'update');
  if (error) return <Alert color="red">{error}</Alert>;
  if (loading && !deal) return <Loader />;
  if (!deal) return <Alert color="yellow">{t('card.notFound')}</Alert>;
  const readOnly = !canUpdate || !!deal.deleted_at;
  return (
    <DatesLocale>
      <Stack gap="md">
        <DealHeader deal={deal} />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Paper withBorder radius="md" p="md">
              <Stack>
                <StageSelect deal={deal} disabled={readOnly} />
                <DealForm key={deal.id} deal={deal} readOnly={readOnly} />
                <Dates deal={deal} />
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder radius="md" p="md">
              <Tabs defaultValue="tasks" keepMounted={false}>
                <Tabs.List>
                  <Tabs.Tab value="tasks">{t('card.tasks')}</Tabs.Tab>
                  <Tabs.Tab value="notes">{t('card.notes')}</Tabs.Tab>
                  <Tabs.Tab value="history">{t('card.history')}</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="tasks" pt="sm">
                  <RecordTasks dealId={deal.id} />
                </Tabs.Panel>
                <Tabs.Panel value="notes" pt="sm">
                  <RecordNotes dealId={deal.id} />
                </Tabs.Panel>
                <Tabs.Panel value="history" pt="sm">
                  <RecordHistory entity="deals" id={deal.id} />
                </Tabs.Panel>
              </Tabs>
            </Paper>
          </Grid.Col>
        </Grid>
      </Stack>
    </DatesLocale>
  );
}

function DealHeader(props: { deal: DealRecord }) {
  const { t } = useTranslation('deals');
  const { deal } = props;
  const mutate = useMutate();
  const [, navigate] = useLocation();
  const canDelete = useCan('deals', 'delete');
  const status = deal.is_won ? 'won' : deal.is_lost ? 'lost' : 'open';

  function confirmDelete() {
    modals.openConfirmModal({
      title: t('card.delete'),
      children: <Text size="sm">{t('card.deleteConfirm', { title: deal.title })}</Text>,
      labels: { confirm: t('common:actions.delete'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        const result = await mutate('deal.delete', { id: deal.id });
        if (result.ok) {
          notifications.show({ message: t('card.deleted') });
          navigate(paths.deals);
        }
      },
    });
  }

  return (
    <Stack gap={4}>
      {deal.deleted_at && (
        <Alert color="red" title={t('card.deleted')}>
          {canDelete && (
            <Button size="xs" variant="white" onClick={() => mutate('deal.restore', { id: deal.id })}>
              {t('card.restore')}
            </Button>
          )}
        </Alert>
      )}
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {deal.title}
        </Title>
        {canDelete && !deal.deleted_at && (
          <Tooltip label={t('card.delete')}>
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('card.delete')}
              onClick={confirmDelete}
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <Group gap="sm" wrap="wrap">
        <Text size="xl" fw={700}>
          {formatAmount(deal.amount, deal.currency)}
        </Text>
        <Badge
          variant="light"
          color="gray"
          style={{ textTransform: 'none' }}
          leftSection={
            <span
              aria-hidden
              style={{
                display: 'block',
                width: 8,
                height: 8,
                borderRadius: 4,
                background: stageColor(deal.stage_color),
              }}
            />
          }
        >
          {deal.pipeline_name} · {deal.stage_name}
        </Badge>
        <Badge color={status === 'won' ? 'green' : status === 'lost' ? 'red' : 'blue'} variant="light">
          {t(`status.${status}`)}
        </Badge>
        {deal.client_id && (
          <Anchor
            component={Link}
            href={paths.client(deal.client_id)}
            size="sm"
            aria-label={t('card.openClient', { name: deal.client_name ?? '' })}
          >
            {deal.client_name}
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}

/** Pipeline and stage in one select; choosing moves the deal at once (deal.move). */
function StageSelect(props: { deal: DealRecord; disabled: boolean }) {
  const { t } = useTranslation('deals');
  const mutate = useMutate();
  const pipelines = usePipelines();
  const stages = useStages();
  const { deal } = props;
  return (
    <Select
      label={t('fields.pipelineStage')}
      data={stageOptions(pipelines.rows, stages.rows)}
      value={deal.stage_id}
      allowDeselect={false}
      disabled={props.disabled}
      onChange={async (stageId) => {
        const stage = stageId ? stages.byId.get(stageId) : undefined;
        if (!stage || stage.id === deal.stage_id) return;
        const result = await mutate('deal.move', {
          id: deal.id,
          stageId: stage.id,
          pipelineId: stage.pipeline_id,
          base: { stageId: deal.stage_id },
        });
        if (result.ok) notifications.show({ message: t('board.moved', { stage: stage.name }) });
      }}
    />
  );
}

function Dates(props: { deal: DealRecord }) {
  const { t } = useTranslation('deals');
  const { deal } = props;
  const items: [string, string][] = [
    [t('fields.createdAt'), formatDateTime(deal.created_at)],
    [t('fields.updatedAt'), formatDateTime(deal.updated_at)],
  ];
  if (deal.closed_at) items.push([t('fields.closedAt'), formatDate(deal.closed_at)]);
  return (
    <Group gap="lg">
      {items.map(([label, value]) => (
        <Stack key={label} gap={0}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text size="sm">{value}</Text>
        </Stack>
      ))}
    </Group>
  );
}
