export const CLIENT_KINDS = ['person', 'company'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export const CLIENT_STATUSES = ['lead', 'prospect', 'customer', 'lost'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

export const CUSTOM_FIELD_TYPES = [
  'text',
  'number',
  'money',
  'date',
  'select',
  'multiselect',
  'boolean',
  'phone',
  'email',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** Entities that carry custom field values. */
export const CUSTOM_FIELD_ENTITIES = ['clients', 'deals', 'contacts'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];

export const CURRENCIES = ['RUB', 'USD', 'EUR', 'KZT', 'BYN', 'CNY'] as const;
