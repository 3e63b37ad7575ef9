import { Alert, Loader } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../common/index.ts';
import { SplitLayout } from '../common/SplitLayout.tsx';
import { PipelineList } from './PipelineList.tsx';
import { PIPELINES_SQL, type PipelineRow } from './queries.ts';
import { StageList } from './StageList.tsx';

/** Pipelines and their stages, edited through mutations on the replica: works offline, syncs later. */
export function PipelinesSection() {
  const { t } = useTranslation('settings');
  const { rows: pipelines, loading, error } = useLiveQuery<PipelineRow>(PIPELINES_SQL);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected =
    pipelines.find((p) => p.id === selectedId) ?? pipelines.find((p) => p.is_default) ?? pipelines[0] ?? null;

  if (error) return <Alert color="red">{error}</Alert>;
  if (loading && pipelines.length === 0) return <Loader size="sm" aria-label={t('common:loading')} />;
  return (
    <SplitLayout
      list={<PipelineList pipelines={pipelines} selectedId={selected?.id ?? null} onSelect={setSelectedId} />}
      editor={selected && <StageList pipeline={selected} />}
    />
  );
}
