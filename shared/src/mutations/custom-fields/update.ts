import { CustomFieldPatch } from '../../entities/work.ts';
import { DomainError } from '../../errors.ts';
import { customFields } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { loadLive, updateInput, updateRow } from '../records.ts';

export const customFieldUpdate = defineMutation({
  name: 'custom_field.update',
  resource: 'custom_fields',
  action: 'update',
  kind: 'update',
  table: customFields,
  event: 'custom_field.updated',
  input: updateInput(CustomFieldPatch.omit({ version: true })),
  changes: (input) => input,
  async apply(tx, { id, patch }) {
    const existing = await loadLive(tx, customFields, id, 'custom field');
    const isSelect = ['select', 'multiselect'].includes(existing.type);
    if (isSelect && patch.options && patch.options.length === 0) {
      throw DomainError.validation('options', 'a select field needs options');
    }
    await updateRow(tx, customFields, id, patch);
    return { id, payload: { patch } };
  },
});
