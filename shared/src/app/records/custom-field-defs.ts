import { useMemo } from 'react';
import { useLiveQuery } from '../common/index.ts';

export type RecordEntity = 'client' | 'deal' | 'contact';

/** `custom_fields.entity` names the table (CUSTOM_FIELD_ENTITIES). */
export const CUSTOM_FIELD_TABLE: Record<RecordEntity, 'clients' | 'deals' | 'contacts'> = {
  client: 'clients',
  deal: 'deals',
  contact: 'contacts',
};

export interface CustomFieldDefRow {
  id: string;
  key: string;
  label: string;
  type: string;
  options: string[];
  required: boolean;
  position: number;
}

const DEFS_SQL = `SELECT id, key, label, type, options, required, position
  FROM custom_fields WHERE entity = $1 AND deleted_at IS NULL ORDER BY position, label, id`;

/** The live custom field definitions of an entity, in their configured order. */
export function useCustomFieldDefs(entity: RecordEntity) {
  const { rows, loading } = useLiveQuery<CustomFieldDefRow>(DEFS_SQL, [CUSTOM_FIELD_TABLE[entity]]);
  // `options` is jsonb; anything but a list of strings is treated as no options.
  const defs = useMemo(
    () =>
      rows.map((d) => ({
        ...d,
        options: Array.isArray(d.options) ? d.options.filter((o): o is string => typeof o === 'string') : [],
      })),
    [rows],
  );
  return { defs, loading };
}
