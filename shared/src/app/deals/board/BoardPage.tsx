import { Alert, Group, Input, Loader, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useLocalStorage, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSearch } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMutate, useSyncStatus, useUser } from '../../common/index.ts';
import { UserSelect } from '../../records/index.tsx';
import { CreateDealModal } from '../create/CreateDealModal.tsx';
import { DealsHeader } from '../DealsHeader.tsx';
import type { DealFilters } from '../deal-filters.ts';
import { usePipelines } from '../lookups.ts';
import { MoreFilters } from '../MoreFilters.tsx';
import { DesktopBoard } from './DesktopBoard.tsx';
import { MobileBoard } from './MobileBoard.tsx';
import { type BoardCardRow, defaultPipeline } from './query.ts';
import { StageChart } from './StageChart.tsx';
import { useBoard } from './use-board.ts';

/** How long a dropped card may wait for the replica's rows before the board stops holding it in place. */
const PENDING_MOVE_MS = 10_000;

type Scope = 'mine' | 'all';

/** `/deals`: the pipeline board. */
export function DealsBoardPage() {
  const { t } = useTranslation('deals');
  const user = useUser();
  const mutate = useMutate();
  const phone = useMediaQuery('(max-width: 48em)');
  const canMove = useCan('deals', 'update');
  const canCreate = useCan('deals', 'create');
  const pipelines = usePipelines();
  // Until the first sync has landed, an empty replica says nothing about the workspace.
  const firstSync = useSyncStatus().syncing === 'initial';
  const [storedPipeline, setStoredPipeline] = useLocalStorage<string | null>({
    key: 'mak.deals.pipeline',
    defaultValue: null,
  });
  const pipeline =
    pipelines.rows.find((p) => p.id === storedPipeline) ?? defaultPipeline(pipelines.rows) ?? null;
  const [scope, setScope] = useState<Scope>('all');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const [creating, setCreating] = useState<{ stageId: string | null } | null>(null);

  const filters = useMemo(
    (): DealFilters => ({ ownerId: scope === 'mine' ? user.id : ownerId, search: debouncedSearch }),
    [scope, user.id, ownerId, debouncedSearch],
  );
  const board = useBoard(pipeline?.id ?? null, filters);
  const { beginMove, cancelMove } = board;

  const move = useCallback(
    async (card: BoardCardRow, stageId: string) => {
      if (!pipeline) return;
      const stage = board.columns.find((c) => c.id === stageId);
      beginMove(card, stageId);
      const result = await mutate('deal.move', {
        id: card.id,
        stageId,
        pipelineId: pipeline.id,
        base: { stageId: card.stage_id },
      });
      if (!result.ok) {
        cancelMove(card.id);
        return;
      }
      setTimeout(() => cancelMove(card.id), PENDING_MOVE_MS);
      if (stage?.is_won)
        notifications.show({ color: 'green', message: t('board.movedWon', { title: card.title }) });
      else if (stage?.is_lost)
        notifications.show({ color: 'gray', message: t('board.movedLost', { title: card.title }) });
      else if (phone) notifications.show({ message: t('board.moved', { stage: stage?.name ?? '' }) });
    },
    [pipeline, board.columns, beginMove, cancelMove, mutate, t, phone],
  );

  return (
    <Stack gap="sm">
      <DealsHeader view="board" onCreate={() => setCreating({ stageId: null })} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('board.pipeline')}
          data={pipelines.rows.map((p) => ({ value: p.id, label: p.name }))}
          value={pipeline?.id ?? null}
          onChange={(id) => setStoredPipeline(id)}
          allowDeselect={false}
          w={phone ? '100%' : 220}
        />
        <TextInput
          label={t('filters.search')}
          placeholder={t('filters.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          type="search"
          w={phone ? '100%' : 280}
          maxLength={200}
        />
        <MoreFilters phone={!!phone} active={(scope === 'mine' ? 1 : 0) + (ownerId ? 1 : 0)}>
          <Input.Wrapper
            label={t('filters.scope')}
            labelElement="div"
            labelProps={{ id: 'deals-scope-label' }}
          >
            <SegmentedControl
              aria-labelledby="deals-scope-label"
              value={scope}
              onChange={(v) => setScope(v as Scope)}
              data={[
                { value: 'mine', label: t('filters.mine') },
                { value: 'all', label: t('filters.all') },
              ]}
              display="flex"
            />
          </Input.Wrapper>
          {scope === 'all' && (
            <UserSelect
              label={t('filters.owner')}
              placeholder={t('filters.anyOwner')}
              value={ownerId}
              onChange={setOwnerId}
              clearable
            />
          )}
        </MoreFilters>
      </Group>
      {board.error && <Alert color="red">{board.error}</Alert>}
      {!firstSync && !pipelines.loading && pipelines.rows.length === 0 && (
        <Alert>{t('board.noPipelines')}</Alert>
      )}
      {!firstSync && pipeline && !board.loading && board.columns.length === 0 && (
        <Alert>{t('board.noStages')}</Alert>
      )}
      {(firstSync || pipelines.loading || board.loading) && board.columns.length === 0 && <Loader m="md" />}
      {board.columns.length > 0 && (
        <>
          <StageChart columns={board.columns} compact={!!phone} />
          {phone ? (
            <MobileBoard
              columns={board.columns}
              canMove={canMove}
              onMove={move}
              onShowMore={board.showMore}
            />
          ) : (
            <DesktopBoard
              columns={board.columns}
              canMove={canMove}
              onMove={move}
              onShowMore={board.showMore}
              onCreate={canCreate ? (stageId) => setCreating({ stageId }) : undefined}
            />
          )}
        </>
      )}
      <CreateDealModal
        opened={creating !== null}
        onClose={() => setCreating(null)}
        pipelineId={pipeline?.id}
        stageId={creating?.stageId}
        onCreated={() => {}}
      />
    </Stack>
  );
}
