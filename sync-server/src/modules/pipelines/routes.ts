import {
  Pipeline,
  PipelineCreate,
  PipelinePatch,
  Stage,
  StageCreate,
  StagePatch,
} from '@mak/shared/entities';
import { DomainError } from '@mak/shared/errors';
import { pipelines, stages } from '@mak/shared/schema';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { createRouter } from '../../openapi.ts';
import type { Tx } from '../../platform/db.ts';
import { defineResource } from '../records/define-resource.ts';
import { compact, uuidFilter } from '../records/refs.ts';

/** Only one pipeline is the default one new deals land in. */
async function clearOtherDefaults(tx: Tx, keepId: string | undefined) {
  await tx
    .update(pipelines)
    .set({ isDefault: false })
    .where(and(eq(pipelines.isDefault, true), keepId ? ne(pipelines.id, keepId) : undefined));
}

function checkOutcome(isWon: boolean | undefined, isLost: boolean | undefined) {
  if (isWon && isLost) throw DomainError.validation('isLost', 'a stage cannot be both won and lost');
}

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
      async prepareCreate(input, { tx }) {
        if (input.isDefault) await clearOtherDefaults(tx, input.id);
        return input;
      },
      async preparePatch(patch, existing, { tx }) {
        if (patch.isDefault) await clearOtherDefaults(tx, existing.id as string);
        return patch;
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
      async prepareCreate(input, { tx }) {
        checkOutcome(input.isWon, input.isLost);
        const [p] = await tx
          .select({ id: pipelines.id })
          .from(pipelines)
          .where(and(eq(pipelines.id, input.pipelineId), isNull(pipelines.deletedAt)));
        if (!p) throw DomainError.validation('pipelineId', 'no such pipeline');
        return input;
      },
      async preparePatch(patch, existing) {
        checkOutcome(
          patch.isWon ?? (existing.isWon as boolean),
          patch.isLost ?? (existing.isLost as boolean),
        );
        return patch;
      },
    }),
  );
  return app;
}
