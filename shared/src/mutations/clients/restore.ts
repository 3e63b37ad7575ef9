import { clients } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const clientRestore = defineSoftDelete({
  name: 'client.restore',
  resource: 'clients',
  table: clients,
  event: 'client.restored',
  restore: true,
});
