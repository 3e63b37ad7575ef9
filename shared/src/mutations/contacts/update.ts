import { ContactPatch } from '../../entities/clients.ts';
import { contacts } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { loadLive, updateInput, updateRow } from '../records.ts';
import { patchCustom } from '../rules/custom-values.ts';

export const contactUpdate = defineMutation({
  name: 'contact.update',
  resource: 'contacts',
  action: 'update',
  kind: 'update',
  table: contacts,
  event: 'contact.updated',
  input: updateInput(ContactPatch.omit({ version: true })),
  changes: (input) => input,
  async apply(tx, { id, patch }) {
    const existing = await loadLive(tx, contacts, id, 'contact');
    const values = { ...patch, ...(await patchCustom(tx, 'contacts', patch.custom, existing.custom)) };
    await updateRow(tx, contacts, id, values);
    return { id, payload: { patch: values } };
  },
});
