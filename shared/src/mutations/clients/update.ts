import { ClientPatch } from '../../entities/clients.ts';
import { clients } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { loadLive, updateInput, updateRow } from '../records.ts';
import { patchCustom } from '../rules/custom-values.ts';

export const clientUpdate = defineMutation({
  name: 'client.update',
  resource: 'clients',
  action: 'update',
  kind: 'update',
  table: clients,
  event: 'client.updated',
  input: updateInput(ClientPatch.omit({ version: true })),
  changes: (input) => input,
  async apply(tx, { id, patch }) {
    const existing = await loadLive(tx, clients, id, 'client');
    const values = { ...patch, ...(await patchCustom(tx, 'clients', patch.custom, existing.custom)) };
    await updateRow(tx, clients, id, values);
    return { id, payload: { patch: values } };
  },
});
