import { DealCreate } from '../../entities/deals.ts';
import { newId } from '../../ids.ts';
import { clients, deals } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { insertRow } from '../records.ts';
import { checkCustomValues } from '../rules/custom-values.ts';
import { defaultOwnership } from '../rules/ownership.ts';
import { ensureVisibleRef } from '../rules/refs.ts';
import { resolveStage } from '../rules/stages.ts';

export const dealCreate = defineMutation({
  name: 'deal.create',
  resource: 'deals',
  action: 'create',
  kind: 'create',
  table: deals,
  event: 'deal.created',
  input: DealCreate,
  async apply(tx, input, { principal, now }) {
    await ensureVisibleRef(tx, principal, 'clients', clients, input.clientId, 'clientId');
    const id = input.id ?? newId();
    const values = {
      ...input,
      id,
      ...(await resolveStage(tx, input.pipelineId, input.stageId, now)),
      ...defaultOwnership(principal, 'deals', input),
      custom: await checkCustomValues(tx, 'deals', input.custom),
    };
    await insertRow(tx, deals, values);
    return { id, payload: values };
  },
});
