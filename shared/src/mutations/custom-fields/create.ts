import { CustomFieldCreate } from '../../entities/work.ts';
import { newId } from '../../ids.ts';
import { customFields } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { insertRow } from '../records.ts';

export const customFieldCreate = defineMutation({
  name: 'custom_field.create',
  resource: 'custom_fields',
  action: 'create',
  kind: 'create',
  table: customFields,
  event: 'custom_field.created',
  input: CustomFieldCreate,
  async apply(tx, input) {
    const id = input.id ?? newId();
    const values = { ...input, id };
    await insertRow(tx, customFields, values);
    return { id, payload: values };
  },
});
