import { clients } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const clientDelete = defineSoftDelete({
  name: 'client.delete',
  resource: 'clients',
  table: clients,
  event: 'client.deleted',
});
