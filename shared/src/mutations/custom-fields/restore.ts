import { customFields } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const customFieldRestore = defineSoftDelete({
  name: 'custom_field.restore',
  resource: 'custom_fields',
  table: customFields,
  event: 'custom_field.restored',
  restore: true,
});
