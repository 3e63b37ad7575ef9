import { partners } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const partnerDelete = defineSoftDelete({
  name: 'partner.delete',
  resource: 'partners',
  table: partners,
  event: 'partner.deleted',
});
