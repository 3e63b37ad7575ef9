import { notes } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const noteRestore = defineSoftDelete({
  name: 'note.restore',
  resource: 'notes',
  table: notes,
  event: 'note.restored',
  restore: true,
});
