import { z } from 'zod';
import { Id } from '../../entities/fields.ts';
import { deals } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { Base, loadLive, updateRow } from '../records.ts';
import { resolveStage } from '../rules/stages.ts';

/** A stage change (the pipeline board's drag and drop): a won or lost stage closes the deal, others reopen it. */
export const dealMove = defineMutation({
  name: 'deal.move',
  resource: 'deals',
  action: 'update',
  kind: 'update',
  table: deals,
  event: 'deal.moved',
  input: z.strictObject({ id: Id, stageId: Id, pipelineId: Id.optional(), base: Base.optional() }),
  changes: ({ stageId, base }) => ({ patch: { stageId }, base }),
  async apply(tx, { id, stageId, pipelineId }, { now }) {
    const existing = await loadLive(tx, deals, id, 'deal');
    const to = await resolveStage(tx, pipelineId, stageId, now, existing.closedAt);
    await updateRow(tx, deals, id, { ...to });
    return {
      id,
      payload: { fromPipelineId: existing.pipelineId, fromStageId: existing.stageId, ...to },
    };
  },
});
