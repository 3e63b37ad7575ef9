import type { FieldIssue } from '../errors.ts';
import type { CustomFieldType } from '../schema/constants.ts';

export interface CustomFieldDef {
  key: string;
  type: CustomFieldType | string;
  options: string[];
  required: boolean;
}

const isDate = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
const isEmail = (v: unknown) =>
  typeof v === 'string' && v.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
const isPhone = (v: unknown) =>
  typeof v === 'string' && v.length <= 40 && /^\+?[\d\s()\-.]+$/.test(v) && v.replace(/\D/g, '').length >= 5;

function checkValue(def: CustomFieldDef, v: unknown): string | null {
  switch (def.type) {
    case 'text':
      return typeof v === 'string' && v.length <= 5000 ? null : 'must be text up to 5000 characters';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'must be a number';
    case 'money':
      return Number.isSafeInteger(v) ? null : 'must be an integer amount in minor units (kopecks)';
    case 'date':
      return isDate(v) ? null : 'must be a date YYYY-MM-DD';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'must be true or false';
    case 'select':
      return typeof v === 'string' && def.options.includes(v)
        ? null
        : `must be one of: ${def.options.join(', ')}`;
    case 'multiselect':
      return Array.isArray(v) && v.every((x) => typeof x === 'string' && def.options.includes(x))
        ? null
        : `must be a list of: ${def.options.join(', ')}`;
    case 'phone':
      return isPhone(v) ? null : 'must be a phone number';
    case 'email':
      return isEmail(v) ? null : 'must be an e-mail address';
    default:
      return 'has an unknown field type';
  }
}

/**
 * Checks custom values against the entity's definitions: unknown keys, wrong types and missing required values are
 * reported per field (`custom.<key>`). `null` clears a value. Runs on the server and, offline, in the replica.
 */
export function validateCustomValues(defs: CustomFieldDef[], values: Record<string, unknown>): FieldIssue[] {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(values)) {
    const def = byKey.get(key);
    if (!def) {
      issues.push({ field: `custom.${key}`, message: 'no such custom field' });
      continue;
    }
    if (value === null) continue;
    const problem = checkValue(def, value);
    if (problem) issues.push({ field: `custom.${key}`, message: problem });
  }
  for (const def of defs) {
    if (
      def.required &&
      (values[def.key] === undefined || values[def.key] === null || values[def.key] === '')
    ) {
      issues.push({ field: `custom.${def.key}`, message: 'is required' });
    }
  }
  return issues;
}
