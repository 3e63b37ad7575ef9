import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../ids.ts';
import { fieldErrors, useCan, useLiveQuery, useMutate } from '../../common/index.ts';
import { nextPosition } from '../common/reorder.ts';
import { SectionCard } from '../common/SectionCard.tsx';
import { useReorder } from '../common/use-reorder.ts';
import { DeleteWithDealsModal } from './DeleteWithDealsModal.tsx';
import { type PipelineRow, STAGES_SQL, type StageRow } from './queries.ts';
import { StageItem } from './StageItem.tsx';

/** The stages of one pipeline: rename, colour, outcome, order, add, delete. */
export function StageList(props: { pipeline: PipelineRow }) {
  const { t } = useTranslation('settings');
  const mutate = useMutate();
  const reorder = useReorder('stage.update');
  const canCreate = useCan('pipelines', 'create');
  const canUpdate = useCan('pipelines', 'update');
  const canDelete = useCan('pipelines', 'delete');
  const { pipeline } = props;
  const live = useLiveQuery<StageRow>(STAGES_SQL, [pipeline.id]);
  // While another pipeline's query is in flight the previous rows are still there: show only this one's.
  const stages = live.rows.filter((s) => s.pipeline_id === pipeline.id);
  const loading = live.loading && stages.length === 0;
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<StageRow | null>(null);

  async function add(e: FormEvent) {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError(t('stages.nameRequired'));
    const r = await mutate('stage.create', {
      id: newId(),
      pipelineId: pipeline.id,
      name: trimmed,
      position: nextPosition(stages),
    });
    if (!r.ok) return setError(fieldErrors(r).name ?? r.error.message);
    setName('');
    setError(null);
  }

  async function move(from: number, to: number) {
    setBusy(true);
    await reorder(stages, from, to);
    setBusy(false);
  }

  return (
    <SectionCard
      id="stages"
      title={t('stages.title', { name: pipeline.name })}
      description={t('stages.description')}
    >
      {!loading && stages.length === 0 && <Text c="dimmed">{t('stages.empty')}</Text>}
      <Stack gap="xs" role="list" aria-label={t('stages.listLabel', { name: pipeline.name })}>
        {stages.map((s, index) => (
          <StageItem
            key={s.id}
            stage={s}
            index={index}
            count={stages.length}
            canUpdate={canUpdate}
            canDelete={canDelete}
            moving={busy}
            onMove={(f, to) => void move(f, to)}
            onDelete={() => setDeleting(s)}
          />
        ))}
      </Stack>
      {canCreate && (
        <form onSubmit={add} noValidate>
          <Group align="flex-start" gap="xs">
            <TextInput
              aria-label={t('stages.newName')}
              placeholder={t('stages.newName')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error}
              maxLength={300}
              style={{ flex: '1 1 200px' }}
            />
            <Button type="submit" variant="light" leftSection={<IconPlus size={16} />}>
              {t('stages.add')}
            </Button>
          </Group>
        </form>
      )}
      <DeleteWithDealsModal
        target={
          deleting ? { kind: 'stage', id: deleting.id, name: deleting.name, pipelineId: pipeline.id } : null
        }
        onClose={() => setDeleting(null)}
      />
    </SectionCard>
  );
}
