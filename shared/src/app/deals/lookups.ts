import { useMemo } from 'react';
import { useLiveQuery } from '../common/index.ts';
import { PIPELINES_SQL, type PipelineRow } from './board/query.ts';

export interface StageRow {
  id: string;
  pipeline_id: string;
  name: string;
  color: string | null;
  is_won: boolean;
  is_lost: boolean;
}

const STAGES_SQL = `
SELECT s.id, s.pipeline_id, s.name, s.color, s.is_won, s.is_lost
  FROM stages s JOIN pipelines p ON p.id = s.pipeline_id
 WHERE s.deleted_at IS NULL AND p.deleted_at IS NULL
 ORDER BY p.is_default DESC, p.position, p.name, s.position, s.name, s.id`;

/** Live pipelines, the default one first. */
export function usePipelines() {
  return useLiveQuery<PipelineRow>(PIPELINES_SQL);
}

/** Every live stage of every live pipeline, in board order, with a lookup by id. */
export function useStages() {
  const result = useLiveQuery<StageRow>(STAGES_SQL);
  const byId = useMemo(() => new Map(result.rows.map((s) => [s.id, s])), [result.rows]);
  return { ...result, byId };
}

/** Select data grouped by pipeline: `{ group: pipeline, items: stages }`. */
export function stageOptions(pipelines: PipelineRow[], stages: StageRow[]) {
  return pipelines
    .map((p) => ({
      group: p.name,
      items: stages.filter((s) => s.pipeline_id === p.id).map((s) => ({ value: s.id, label: s.name })),
    }))
    .filter((g) => g.items.length > 0);
}

/** A stage colour safe to put in CSS (the server checks `#rrggbb`, old rows may hold anything). */
export function stageColor(color: string | null | undefined): string {
  return color && /^#[0-9a-fA-F]{6}$/.test(color) ? color : 'var(--mantine-color-gray-5)';
}
