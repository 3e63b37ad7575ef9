import { ClientCreate } from '../../entities/clients.ts';
import { newId } from '../../ids.ts';
import { clients } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { insertRow } from '../records.ts';
import { checkCustomValues } from '../rules/custom-values.ts';
import { defaultOwnership } from '../rules/ownership.ts';

export const clientCreate = defineMutation({
  name: 'client.create',
  resource: 'clients',
  action: 'create',
  kind: 'create',
  table: clients,
  event: 'client.created',
  input: ClientCreate,
  async apply(tx, input, { principal }) {
    const id = input.id ?? newId();
    const values = {
      ...input,
      id,
      ...defaultOwnership(principal, 'clients', input),
      custom: await checkCustomValues(tx, 'clients', input.custom),
    };
    await insertRow(tx, clients, values);
    return { id, payload: values };
  },
});
