import { TeamPatch } from '../../entities/org.ts';
import { teams } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { loadLive, updateInput, updateRow } from '../records.ts';

export const teamUpdate = defineMutation({
  name: 'team.update',
  resource: 'teams',
  action: 'update',
  kind: 'update',
  table: teams,
  event: 'team.updated',
  input: updateInput(TeamPatch.omit({ version: true })),
  changes: (input) => input,
  async apply(tx, { id, patch }) {
    await loadLive(tx, teams, id, 'team');
    await updateRow(tx, teams, id, patch);
    return { id, payload: { patch } };
  },
});
