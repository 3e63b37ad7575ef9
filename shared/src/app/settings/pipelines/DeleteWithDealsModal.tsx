import { Alert, Button, Group, Loader, Modal, Progress, Select, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEngine, useLiveQuery, useMutate, useUser } from '../../common/index.ts';
import { ALL_STAGES_SQL, dealCountSql, dealIdsSql, type TargetStageRow } from './queries.ts';

export type DeleteTarget =
  | { kind: 'stage'; id: string; name: string; pipelineId: string }
  | { kind: 'pipeline'; id: string; name: string };

const dealParams = (target: DeleteTarget): string[] =>
  target.kind === 'stage' ? [target.pipelineId, target.id] : [target.id];

/**
 * Deleting a stage or pipeline is a soft delete that leaves its deals where they are (stage.delete and
 * pipeline.delete touch only their own row), so deals would point at a stage nobody can see. Hence: an empty one
 * goes at once; a non-empty one first moves its deals (deal.move, one mutation per deal) to a stage chosen here.
 */
export function DeleteWithDealsModal(props: { target: DeleteTarget | null; onClose: () => void }) {
  const { t } = useTranslation('settings');
  const engine = useEngine();
  const mutate = useMutate();
  const user = useUser();
  const { target } = props;
  const counted = useLiveQuery<{ n: number }>(
    target ? dealCountSql(target.kind) : null,
    target ? dealParams(target) : [],
  );
  const targets = useLiveQuery<TargetStageRow>(target ? ALL_STAGES_SQL : null);
  // Nothing may be deleted before the count is in: an unknown count is not zero.
  const ready = !counted.loading && !targets.loading && counted.rows.length > 0;
  const count = counted.rows[0]?.n ?? 0;
  const stages = targets.rows;
  const [to, setTo] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Each deal is its own mutation, so a long move can be stopped between two; those moved stay moved.
  const stopRef = useRef(false);

  const grant = (action: string) =>
    user.permissions.find((p) => p.resource === 'deals' && p.action === action);
  const canMoveDeals = !!grant('update');
  const seesAllDeals = grant('read')?.scope === 'all';

  const options = useMemo(() => {
    if (!target) return [];
    const allowed = stages.filter((s) =>
      target.kind === 'stage'
        ? s.pipeline_id === target.pipelineId && s.id !== target.id
        : s.pipeline_id !== target.id,
    );
    if (target.kind === 'stage') return allowed.map((s) => ({ value: s.id, label: s.name }));
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const s of allowed)
      groups.set(s.pipeline_name, [...(groups.get(s.pipeline_name) ?? []), { value: s.id, label: s.name }]);
    return [...groups].map(([group, items]) => ({ group, items }));
  }, [stages, target]);

  useEffect(() => {
    if (!target) {
      setTo(null);
      setProgress(null);
      setError(null);
    }
  }, [target]);

  async function run() {
    if (!target) return;
    setError(null);
    if (count > 0) {
      if (!to) return setError(t('deleteDeals.chooseTarget'));
      const ids = await engine.query<{ id: string }>(dealIdsSql(target.kind), dealParams(target));
      setProgress({ done: 0, total: ids.length });
      stopRef.current = false;
      for (const [i, { id }] of ids.entries()) {
        if (stopRef.current) {
          setProgress(null);
          return setError(t('deleteDeals.stopped', { done: i, total: ids.length }));
        }
        const r = await mutate('deal.move', { id, stageId: to });
        if (!r.ok) {
          setProgress(null);
          return setError(t('deleteDeals.moveFailed', { done: i, total: ids.length }));
        }
        setProgress({ done: i + 1, total: ids.length });
      }
    }
    const r = await mutate(target.kind === 'stage' ? 'stage.delete' : 'pipeline.delete', { id: target.id });
    setProgress(null);
    if (r.ok) props.onClose();
  }

  const what = target?.kind === 'pipeline' ? 'pipeline' : 'stage';
  const running = progress !== null;
  return (
    <Modal
      opened={target !== null}
      onClose={() => !running && props.onClose()}
      closeOnEscape={!running}
      title={t(`deleteDeals.${what}Title`, { name: target?.name ?? '' })}
    >
      <Stack gap="sm">
        {!ready ? (
          <Loader size="sm" aria-label={t('common:loading')} />
        ) : count === 0 ? (
          <Text size="sm">{t(`deleteDeals.${what}Empty`, { name: target?.name ?? '' })}</Text>
        ) : (
          <>
            <Text size="sm">{t(`deleteDeals.${what}HasDeals`, { count })}</Text>
            {!seesAllDeals && (
              <Alert color="yellow" variant="light">
                {t('deleteDeals.partialView')}
              </Alert>
            )}
            {canMoveDeals ? (
              options.length > 0 ? (
                <Select
                  label={t('deleteDeals.target')}
                  data={options}
                  value={to}
                  onChange={setTo}
                  searchable
                  disabled={running}
                  data-autofocus
                />
              ) : (
                <Alert color="yellow" variant="light">
                  {t(`deleteDeals.${what}NoTarget`)}
                </Alert>
              )
            ) : (
              <Alert color="yellow" variant="light">
                {t('deleteDeals.cannotMove')}
              </Alert>
            )}
          </>
        )}
        {progress && (
          <Progress
            value={(progress.done / Math.max(1, progress.total)) * 100}
            aria-label={t('deleteDeals.progress', progress)}
            animated
          />
        )}
        {progress && (
          <Text size="sm" c="dimmed">
            {t('deleteDeals.progress', progress)}
          </Text>
        )}
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          {running ? (
            <Button variant="default" onClick={() => (stopRef.current = true)}>
              {t('deleteDeals.stop')}
            </Button>
          ) : (
            <Button variant="default" onClick={props.onClose}>
              {t('common:actions.cancel')}
            </Button>
          )}
          <Button
            color="red"
            onClick={() => void run()}
            loading={running}
            disabled={!ready || (count > 0 && (!canMoveDeals || options.length === 0))}
          >
            {count > 0 ? t('deleteDeals.moveAndDelete', { count }) : t('common:actions.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
