import { CustomField, CustomFieldCreate, CustomFieldPatch } from '@mak/shared/entities';
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
    mutations: {
      create: 'custom_field.create',
      update: 'custom_field.update',
      delete: 'custom_field.delete',
      restore: 'custom_field.restore',
    },
  });
}
