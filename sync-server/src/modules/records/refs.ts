import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';

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
