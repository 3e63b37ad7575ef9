import { Group, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../../records/index.tsx';
import { stageOptions, usePipelines, useStages } from '../lookups.ts';
import { MoreFilters } from '../MoreFilters.tsx';
import { DEAL_STATUSES, type DealStatus } from './query.ts';

export interface TableFilterValues {
  pipelineId: string | null;
  stageId: string | null;
  ownerId: string | null;
  status: DealStatus | null;
  search: string;
}

export const EMPTY_TABLE_FILTERS: TableFilterValues = {
  pipelineId: null,
  stageId: null,
  ownerId: null,
  status: null,
  search: '',
};

const isStatus = (v: string | null): v is DealStatus => DEAL_STATUSES.includes(v as DealStatus);

/** Pipeline, stage (of the chosen pipeline), owner, status and search for the deals table. */
export function TableFilters(props: {
  value: TableFilterValues;
  onChange: (next: TableFilterValues) => void;
  phone: boolean;
}) {
  const { t } = useTranslation('deals');
  const pipelines = usePipelines();
  const stages = useStages();
  const { value, onChange } = props;
  const set = (patch: Partial<TableFilterValues>) => onChange({ ...value, ...patch });
  const width = props.phone ? '100%' : 200;
  const stageData = value.pipelineId
    ? stages.rows
        .filter((s) => s.pipeline_id === value.pipelineId)
        .map((s) => ({ value: s.id, label: s.name }))
    : stageOptions(pipelines.rows, stages.rows);
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label={t('filters.search')}
        placeholder={t('filters.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        type="search"
        value={value.search}
        onChange={(e) => set({ search: e.currentTarget.value })}
        w={props.phone ? '100%' : 260}
        maxLength={200}
      />
      <MoreFilters
        phone={props.phone}
        active={
          (value.pipelineId ? 1 : 0) +
          (value.stageId ? 1 : 0) +
          (value.status ? 1 : 0) +
          (value.ownerId ? 1 : 0)
        }
      >
        <Select
          label={t('filters.pipeline')}
          placeholder={t('filters.anyPipeline')}
          data={pipelines.rows.map((p) => ({ value: p.id, label: p.name }))}
          value={value.pipelineId}
          onChange={(pipelineId) => set({ pipelineId, stageId: null })}
          clearable
          w={width}
        />
        <Select
          label={t('filters.stage')}
          placeholder={t('filters.anyStage')}
          data={stageData}
          value={value.stageId}
          onChange={(stageId) => set({ stageId })}
          clearable
          searchable
          w={width}
        />
        <Select
          label={t('filters.status')}
          placeholder={t('filters.anyStatus')}
          data={DEAL_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={value.status}
          onChange={(s) => set({ status: isStatus(s) ? s : null })}
          clearable
          w={width}
        />
        <UserSelect
          label={t('filters.owner')}
          placeholder={t('filters.anyOwner')}
          value={value.ownerId}
          onChange={(ownerId) => set({ ownerId })}
          clearable
        />
      </MoreFilters>
    </Group>
  );
}
