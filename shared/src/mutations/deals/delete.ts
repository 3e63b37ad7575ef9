import { deals } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const dealDelete = defineSoftDelete({
  name: 'deal.delete',
  resource: 'deals',
  table: deals,
  event: 'deal.deleted',
});
