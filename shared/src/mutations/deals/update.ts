import { DealPatch } from '../../entities/deals.ts';
import { clients, deals } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { loadLive, updateInput, updateRow } from '../records.ts';
import { patchCustom } from '../rules/custom-values.ts';
import { ensureChangedRef } from '../rules/refs.ts';
import { resolveStage } from '../rules/stages.ts';

export const dealUpdate = defineMutation({
  name: 'deal.update',
  resource: 'deals',
  action: 'update',
  kind: 'update',
  table: deals,
  event: 'deal.updated',
  input: updateInput(DealPatch.omit({ version: true })),
  changes: (input) => input,
  async apply(tx, { id, patch }, { principal, now }) {
    const existing = await loadLive(tx, deals, id, 'deal');
    await ensureChangedRef(tx, principal, 'clients', clients, patch.clientId, existing.clientId, 'clientId');
    const stageMoved = patch.stageId !== undefined || patch.pipelineId !== undefined;
    // Naming only a stage moves the deal to that stage's pipeline; naming only a pipeline, to its first stage.
    const pipelineId = patch.pipelineId ?? (patch.stageId ? undefined : existing.pipelineId);
    const values = {
      ...patch,
      ...(stageMoved ? await resolveStage(tx, pipelineId, patch.stageId, now, existing.closedAt) : {}),
      ...(await patchCustom(tx, 'deals', patch.custom, existing.custom)),
    };
    await updateRow(tx, deals, id, values);
    return { id, payload: { patch: values } };
  },
});
