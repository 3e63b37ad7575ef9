import {
  Pipeline,
  PipelineCreate,
  PipelinePatch,
  Stage,
  StageCreate,
  StagePatch,
} from '@mak/shared/entities';
import { pipelines, stages } from '@mak/shared/schema';
import { eq, sql } from 'drizzle-orm';
import { createRouter } from '../../openapi.ts';
import { defineResource } from '../records/define-resource.ts';
import { compact, uuidFilter } from '../records/refs.ts';

/** Pipelines and their stages; the rules (one default pipeline, won/lost exclusive) live in the mutators. */
export function pipelineRoutes() {
  const app = createRouter();
  app.route(
    '/',
    defineResource({
      resource: 'pipelines',
      name: 'pipelines',
      tag: 'Pipelines',
      table: pipelines,
      Row: Pipeline,
      Create: PipelineCreate,
      Patch: PipelinePatch,
      filters: {},
      applyFilters: () => [],
      sorts: {
        position: { expr: sql`${pipelines.position}`, type: 'integer' },
        name: { expr: sql`${pipelines.name}`, type: 'text' },
      },
      defaultSort: 'position',
      mutations: {
        create: 'pipeline.create',
        update: 'pipeline.update',
        delete: 'pipeline.delete',
        restore: 'pipeline.restore',
      },
    }),
  );
  app.route(
    '/',
    defineResource({
      // Stages are part of a pipeline: the same permission governs both.
      resource: 'pipelines',
      name: 'stages',
      tag: 'Pipelines',
      table: stages,
      Row: Stage,
      Create: StageCreate,
      Patch: StagePatch,
      filters: { pipelineId: uuidFilter },
      applyFilters: (f) => compact([f.pipelineId ? eq(stages.pipelineId, f.pipelineId) : undefined]),
      sorts: {
        position: { expr: sql`${stages.position}`, type: 'integer' },
        name: { expr: sql`${stages.name}`, type: 'text' },
      },
      defaultSort: 'position',
      mutations: {
        create: 'stage.create',
        update: 'stage.update',
        delete: 'stage.delete',
        restore: 'stage.restore',
      },
    }),
  );
  return app;
}
