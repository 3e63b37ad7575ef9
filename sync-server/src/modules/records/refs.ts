import { type CustomFieldDef, validateCustomValues } from '@mak/shared/entities';
import { DomainError } from '@mak/shared/errors';
import { accessPredicate, type Principal, type Resource } from '@mak/shared/permissions';
import { customFields } from '@mak/shared/schema';
import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Tx } from '../../platform/db.ts';

/**
 * A reference to another record must name one that exists, is not deleted and that the caller may read: linking a
 * task to a client you cannot see would leak that client's existence. Reported as a validation error on `field`.
 */
export async function ensureVisibleRef(
  tx: Tx,
  principal: Principal,
  resource: Resource,
  table: PgTable & { id: PgColumn; deletedAt: PgColumn },
  id: string | null | undefined,
  field: string,
): Promise<void> {
  if (!id) return;
  const readable = accessPredicate(principal, resource, 'read') ?? sql`false`;
  const [hit] = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), isNull(table.deletedAt), readable));
  if (!hit) throw DomainError.validation(field, `no such ${resource.replace(/s$/, '')}`);
}

/** Custom values are merged per key (null clears one) and the merged whole is checked against the definitions. */
export async function checkCustomValues(
  tx: Tx,
  entity: string,
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

/** Query-string helpers for list filters: a comma list of allowed values, a uuid, a boolean. */
export const listOf = (values: readonly string[]) =>
  z
    .string()
    .regex(
      new RegExp(`^(${values.join('|')})(,(${values.join('|')}))*$`),
      `comma-separated: ${values.join(', ')}`,
    )
    .optional();
export const uuidFilter = z.uuid().optional();
export const boolFilter = z.enum(['true', 'false']).optional();

export function inList(column: PgColumn, raw: string | undefined): SQL | undefined {
  if (!raw) return undefined;
  const values = raw.split(',');
  return sql`${column} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

export const compact = (parts: (SQL | undefined)[]): SQL[] => parts.filter((p): p is SQL => p !== undefined);
