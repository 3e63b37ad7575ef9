import { contacts } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const contactDelete = defineSoftDelete({
  name: 'contact.delete',
  resource: 'contacts',
  table: contacts,
  event: 'contact.deleted',
});
