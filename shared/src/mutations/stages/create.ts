import { StageCreate } from '../../entities/deals.ts';
import { newId } from '../../ids.ts';
import { stages } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { insertRow } from '../records.ts';
import { checkOutcome, ensureLivePipeline } from '../rules/pipelines.ts';

// Stages are part of a pipeline: the pipelines permission governs both.
export const stageCreate = defineMutation({
  name: 'stage.create',
  resource: 'pipelines',
  action: 'create',
  kind: 'create',
  table: stages,
  event: 'stage.created',
  input: StageCreate,
  async apply(tx, input) {
    checkOutcome(input.isWon, input.isLost);
    await ensureLivePipeline(tx, input.pipelineId);
    const id = input.id ?? newId();
    const values = { ...input, id };
    await insertRow(tx, stages, values);
    return { id, payload: values };
  },
});
