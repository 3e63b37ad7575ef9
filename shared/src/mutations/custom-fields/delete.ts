import { customFields } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const customFieldDelete = defineSoftDelete({
  name: 'custom_field.delete',
  resource: 'custom_fields',
  table: customFields,
  event: 'custom_field.deleted',
});
