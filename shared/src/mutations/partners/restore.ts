import { partners } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const partnerRestore = defineSoftDelete({
  name: 'partner.restore',
  resource: 'partners',
  table: partners,
  event: 'partner.restored',
  restore: true,
});
