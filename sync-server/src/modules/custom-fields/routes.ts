import { CustomField, CustomFieldCreate, CustomFieldPatch } from '@mak/shared/entities';
import { DomainError } from '@mak/shared/errors';
import { CUSTOM_FIELD_ENTITIES, customFields } from '@mak/shared/schema';
import { sql } from 'drizzle-orm';
import { defineResource } from '../records/define-resource.ts';
import { compact, inList, listOf } from '../records/refs.ts';

export function customFieldRoutes() {
  return defineResource({
    resource: 'custom_fields',
    name: 'custom-fields',
    tag: 'Custom fields',
    table: customFields,
    Row: CustomField,
    Create: CustomFieldCreate,
    Patch: CustomFieldPatch,
    filters: { entity: listOf(CUSTOM_FIELD_ENTITIES) },
    applyFilters: (f) => compact([inList(customFields.entity, f.entity)]),
    sorts: {
      position: { expr: sql`${customFields.position}`, type: 'integer' },
      key: { expr: sql`${customFields.key}`, type: 'text' },
    },
    defaultSort: 'position',
    async prepareCreate(input) {
      return input;
    },
    async preparePatch(patch, existing) {
      const isSelect = ['select', 'multiselect'].includes(existing.type as string);
      if (isSelect && patch.options && patch.options.length === 0) {
        throw DomainError.validation('options', 'a select field needs options');
      }
      return patch;
    },
  });
}
