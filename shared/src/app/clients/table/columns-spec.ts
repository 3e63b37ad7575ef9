import { CLIENT_KINDS, CLIENT_STATUSES } from '../../../schema/constants.ts';

/** How a column is filtered: text contains, one-of a list, a date range, a number range, yes/no. */
export type FilterKind = 'text' | 'select' | 'dateRange' | 'numberRange' | 'boolean';

export const BUILTIN_COLUMN_IDS = [
  'name',
  'kind',
  'status',
  'owner',
  'phone',
  'email',
  'inn',
  'tags',
  'source',
  'created_at',
  'updated_at',
] as const;
export type BuiltinColumnId = (typeof BUILTIN_COLUMN_IDS)[number];

/** A custom field of clients, as `custom_fields` holds it. */
export interface CustomFieldColumn {
  key: string;
  label: string;
  type: string;
  options: string[];
}

export interface ColumnSpec {
  id: string;
  filter: FilterKind | null;
  sortable: boolean;
  /** Allowed values of a select filter; null for an open list (owners: user ids, checked as UUIDs). */
  options: readonly string[] | null;
  custom: CustomFieldColumn | null;
}

const builtin = (
  id: BuiltinColumnId,
  filter: FilterKind | null,
  sortable: boolean,
  options: readonly string[] | null = null,
): ColumnSpec => ({ id, filter, sortable, options, custom: null });

export const BUILTIN_COLUMNS: readonly ColumnSpec[] = [
  builtin('name', 'text', true),
  builtin('kind', 'select', true, CLIENT_KINDS),
  builtin('status', 'select', true, CLIENT_STATUSES),
  builtin('owner', 'select', true),
  builtin('phone', 'text', true),
  builtin('email', 'text', true),
  builtin('inn', 'text', true),
  builtin('tags', 'text', false),
  builtin('source', 'text', true),
  builtin('created_at', 'dateRange', true),
  builtin('updated_at', 'dateRange', true),
];

export const CUSTOM_PREFIX = 'custom:';
/** Custom field keys as the server accepts them (CustomFieldCreate). */
export const CUSTOM_KEY = /^[a-z][a-z0-9_]{0,39}$/;

function customFilter(type: string): FilterKind | null {
  switch (type) {
    case 'text':
    case 'phone':
    case 'email':
      return 'text';
    case 'select':
    case 'multiselect':
      return 'select';
    case 'number':
    case 'money':
      return 'numberRange';
    case 'date':
      return 'dateRange';
    case 'boolean':
      return 'boolean';
    default:
      return null;
  }
}

/** The built-in columns followed by one optional column per custom field (unknown types are left out). */
export function clientColumnSpecs(custom: readonly CustomFieldColumn[]): ColumnSpec[] {
  const extra = custom
    .filter((f) => CUSTOM_KEY.test(f.key) && customFilter(f.type) !== null)
    .map(
      (f): ColumnSpec => ({
        id: `${CUSTOM_PREFIX}${f.key}`,
        filter: customFilter(f.type),
        sortable: f.type !== 'multiselect',
        options: f.type === 'select' || f.type === 'multiselect' ? f.options : null,
        custom: f,
      }),
    );
  return [...BUILTIN_COLUMNS, ...extra];
}
