import { and, asc, eq, isNull } from 'drizzle-orm';
import { type CustomFieldDef, validateCustomValues } from '../../entities/custom-values.ts';
import { DomainError } from '../../errors.ts';
import { type CustomFieldEntity, customFields } from '../../schema/index.ts';
import type { MutationTx } from '../define.ts';

/**
 * Custom values are merged per key (null clears one) and the merged whole is checked against the entity's
 * definitions, so two offline edits of different custom fields of one record both survive.
 */
export async function checkCustomValues(
  tx: MutationTx,
  entity: CustomFieldEntity,
  next: Record<string, unknown>,
  existing: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const defs = (await tx
    .select({
      key: customFields.key,
      type: customFields.type,
      options: customFields.options,
      required: customFields.required,
    })
    .from(customFields)
    .where(and(eq(customFields.entity, entity), isNull(customFields.deletedAt)))
    .orderBy(asc(customFields.position))) as CustomFieldDef[];
  const merged: Record<string, unknown> = { ...existing, ...next };
  const issues = validateCustomValues(defs, merged);
  if (issues.length) {
    throw new DomainError('validation', `Invalid custom fields: ${issues.map((i) => i.field).join(', ')}`, {
      fields: issues,
    });
  }
  for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
  return merged;
}

/** The `custom` column of a patch, merged into the row's current values; absent when the patch leaves it. */
export async function patchCustom(
  tx: MutationTx,
  entity: CustomFieldEntity,
  patch: Record<string, unknown> | undefined,
  existing: unknown,
): Promise<{ custom?: Record<string, unknown> }> {
  if (!patch) return {};
  return { custom: await checkCustomValues(tx, entity, patch, (existing ?? {}) as Record<string, unknown>) };
}
