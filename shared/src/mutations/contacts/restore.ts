import { contacts } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const contactRestore = defineSoftDelete({
  name: 'contact.restore',
  resource: 'contacts',
  table: contacts,
  event: 'contact.restored',
  restore: true,
});
