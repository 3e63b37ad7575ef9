import { CustomFieldCreate, CustomFieldPatch } from '../../../entities/work.ts';
import type { CustomFieldEntity, CustomFieldType } from '../../../schema/constants.ts';

/** A custom field definition as the `custom_fields` view holds it. */
export interface CustomFieldRow {
  id: string;
  entity: string;
  key: string;
  label: string;
  type: string;
  options: string[];
  required: boolean;
  position: number;
  version: number;
  deleted_at: string | Date | null;
}

export interface FieldFormValues {
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  required: boolean;
  position: number;
}

export const hasOptions = (type: string): boolean => type === 'select' || type === 'multiselect';

const LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** A key for a new field from its label (`Источник лида` → `istochnik_lida`), valid for the key rule. */
export function suggestKey(label: string): string {
  const latin = [...label.toLowerCase()].map((ch) => LATIN[ch] ?? ch).join('');
  const key = latin
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  if (!key) return '';
  return /^[a-z]/.test(key) ? key : `f_${key}`.slice(0, 40);
}

/** Options as typed: trimmed, blanks and repeats dropped (a select cannot offer one value twice). */
export function cleanOptions(options: readonly string[]): string[] {
  const seen = new Set<string>();
  return options
    .map((o) => o.trim())
    .filter((o) => o && !seen.has(o.toLowerCase()) && seen.add(o.toLowerCase()));
}

type Issues = { path: PropertyKey[]; message: string }[];
const toErrors = (issues: Issues): Record<string, string> =>
  Object.fromEntries(issues.map((i) => [String(i.path[0] ?? 'form'), i.message]));

export type FieldFormResult =
  | { ok: true; args: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

/**
 * The `custom_field.create` input for the form, checked by the mutation's own schema and against the keys the
 * entity already uses (deleted fields keep theirs: the server's unique index covers them too).
 */
export function createArgs(
  id: string,
  entity: CustomFieldEntity,
  values: FieldFormValues,
  existing: readonly CustomFieldRow[],
): FieldFormResult {
  const input = {
    id,
    entity,
    key: values.key.trim(),
    label: values.label,
    type: values.type,
    options: hasOptions(values.type) ? cleanOptions(values.options) : [],
    required: values.required,
    position: values.position,
  };
  const parsed = CustomFieldCreate.safeParse(input);
  const errors = parsed.success ? {} : toErrors(parsed.error.issues);
  const clash = existing.find((f) => f.entity === entity && f.key === input.key);
  if (clash && !errors.key) errors.key = clash.deleted_at ? 'key_of_deleted' : 'key_taken';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, args: input };
}

/**
 * The `custom_field.update` input: only the fields that changed, with the values they were based on so an
 * offline edit that meets another one on the same field is reported. Null when nothing changed.
 */
export function updateArgs(field: CustomFieldRow, values: FieldFormValues): FieldFormResult | null {
  const next = {
    label: values.label.trim(),
    options: hasOptions(field.type) ? cleanOptions(values.options) : field.options,
    required: values.required,
    position: values.position,
  };
  const before = {
    label: field.label,
    options: field.options,
    required: field.required,
    position: field.position,
  };
  const patch: Record<string, unknown> = {};
  const base: Record<string, unknown> = {};
  for (const k of Object.keys(next) as (keyof typeof next)[]) {
    if (JSON.stringify(next[k]) !== JSON.stringify(before[k])) {
      patch[k] = next[k];
      base[k] = before[k];
    }
  }
  if (!Object.keys(patch).length) return null;
  const parsed = CustomFieldPatch.safeParse(patch);
  if (!parsed.success) return { ok: false, errors: toErrors(parsed.error.issues) };
  if (hasOptions(field.type) && next.options.length === 0)
    return { ok: false, errors: { options: 'options_needed' } };
  return { ok: true, args: { id: field.id, patch, base } };
}
