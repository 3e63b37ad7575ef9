import { PartnerPatch } from '../../entities/org.ts';
import { partners } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { loadLive, updateInput, updateRow } from '../records.ts';

export const partnerUpdate = defineMutation({
  name: 'partner.update',
  resource: 'partners',
  action: 'update',
  kind: 'update',
  table: partners,
  event: 'partner.updated',
  input: updateInput(PartnerPatch.omit({ version: true })),
  changes: (input) => input,
  async apply(tx, { id, patch }) {
    await loadLive(tx, partners, id, 'partner');
    await updateRow(tx, partners, id, patch);
    return { id, payload: { patch } };
  },
});
