import { deals } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const dealRestore = defineSoftDelete({
  name: 'deal.restore',
  resource: 'deals',
  table: deals,
  event: 'deal.restored',
  restore: true,
});
