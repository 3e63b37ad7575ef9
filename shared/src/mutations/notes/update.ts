import { NotePatch } from '../../entities/work.ts';
import { notes } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { loadLive, updateInput, updateRow } from '../records.ts';

export const noteUpdate = defineMutation({
  name: 'note.update',
  resource: 'notes',
  action: 'update',
  kind: 'update',
  table: notes,
  event: 'note.updated',
  input: updateInput(NotePatch.omit({ version: true })),
  changes: (input) => input,
  async apply(tx, { id, patch }) {
    await loadLive(tx, notes, id, 'note');
    await updateRow(tx, notes, id, patch);
    return { id, payload: { patch } };
  },
});
