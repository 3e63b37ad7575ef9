import { PipelineCreate } from '../../entities/deals.ts';
import { newId } from '../../ids.ts';
import { pipelines } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { insertRow } from '../records.ts';
import { clearOtherDefaults } from '../rules/pipelines.ts';

export const pipelineCreate = defineMutation({
  name: 'pipeline.create',
  resource: 'pipelines',
  action: 'create',
  kind: 'create',
  table: pipelines,
  event: 'pipeline.created',
  input: PipelineCreate,
  async apply(tx, input) {
    const id = input.id ?? newId();
    if (input.isDefault) await clearOtherDefaults(tx, id);
    const values = { ...input, id };
    await insertRow(tx, pipelines, values);
    return { id, payload: values };
  },
});
