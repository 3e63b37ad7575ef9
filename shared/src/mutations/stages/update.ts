import { StagePatch } from '../../entities/deals.ts';
import { stages } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { loadLive, updateInput, updateRow } from '../records.ts';
import { checkOutcome } from '../rules/pipelines.ts';

export const stageUpdate = defineMutation({
  name: 'stage.update',
  resource: 'pipelines',
  action: 'update',
  kind: 'update',
  table: stages,
  event: 'stage.updated',
  input: updateInput(StagePatch.omit({ version: true })),
  changes: (input) => input,
  async apply(tx, { id, patch }) {
    const existing = await loadLive(tx, stages, id, 'stage');
    checkOutcome(patch.isWon ?? existing.isWon, patch.isLost ?? existing.isLost);
    await updateRow(tx, stages, id, patch);
    return { id, payload: { patch } };
  },
});
