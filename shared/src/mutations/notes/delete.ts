import { notes } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const noteDelete = defineSoftDelete({
  name: 'note.delete',
  resource: 'notes',
  table: notes,
  event: 'note.deleted',
});
