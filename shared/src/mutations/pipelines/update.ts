import { PipelinePatch } from '../../entities/deals.ts';
import { pipelines } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { loadLive, updateInput, updateRow } from '../records.ts';
import { clearOtherDefaults } from '../rules/pipelines.ts';

export const pipelineUpdate = defineMutation({
  name: 'pipeline.update',
  resource: 'pipelines',
  action: 'update',
  kind: 'update',
  table: pipelines,
  event: 'pipeline.updated',
  input: updateInput(PipelinePatch.omit({ version: true })),
  changes: (input) => input,
  async apply(tx, { id, patch }) {
    await loadLive(tx, pipelines, id, 'pipeline');
    if (patch.isDefault) await clearOtherDefaults(tx, id);
    await updateRow(tx, pipelines, id, patch);
    return { id, payload: { patch } };
  },
});
