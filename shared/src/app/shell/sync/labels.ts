import type { TFunction } from 'i18next';
import { ru } from '../i18n.ts';

const VERBS = Object.keys(ru.mutation.verb);
const ENTITIES = Object.keys(ru.mutation.entity);
const FIELDS = Object.keys(ru.fields);

/** `client.update` → "Изменение клиента"; a name it does not know keeps its words generic. */
export function mutationLabel(t: TFunction, name: string): string {
  const [entity = '', verb = ''] = name.split('.');
  const v = VERBS.includes(verb) ? verb : 'other';
  const e = ENTITIES.includes(entity) ? entity : 'other';
  return `${t(`shell:mutation.verb.${v}`)} ${t(`shell:mutation.entity.${e}`)}`;
}

/**
 * A field path as a person reads it: `stageId` → "Этап", `phones.0` → "Телефоны", `custom.budget` → the custom
 * field's label when known (`customLabels`), else its key.
 */
export function fieldLabel(t: TFunction, path: string, customLabels: Record<string, string> = {}): string {
  const [head = '', key] = path.split('.');
  if (head === 'custom' && key) return customLabels[key] ?? key;
  return FIELDS.includes(head) ? t(`shell:fields.${head}`) : path;
}

/** A value from a notice's payload, short enough for one line. */
export function valueText(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (Array.isArray(value)) return value.length ? value.map((v) => valueText(v, empty)).join(', ') : empty;
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
