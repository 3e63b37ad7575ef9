import { DomainError } from '@mak/shared/errors';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';

export interface SortSpec {
  /** The expression sorted on; must never be NULL (coalesce nullable columns) so keyset paging stays exact. */
  expr: SQL;
  /** SQL type the cursor value is cast back to. */
  type: 'text' | 'timestamptz' | 'bigint' | 'integer' | 'date' | 'boolean';
}

export const ListQueryBase = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
  sort: z.string().max(64).optional(),
  q: z.string().trim().max(200).optional(),
  deleted: z.enum(['exclude', 'include', 'only']).default('exclude'),
});

interface Cursor {
  k: string;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof c?.k === 'string' && typeof c?.id === 'string' && /^[0-9a-f-]{36}$/i.test(c.id)) return c;
  } catch {
    // fall through to the validation error
  }
  throw DomainError.validation('cursor', 'is not a cursor this API issued');
}

export function parseSort(raw: string | undefined, sorts: Record<string, SortSpec>, fallback: string) {
  const value = raw ?? fallback;
  const desc = value.startsWith('-');
  const key = desc ? value.slice(1) : value;
  const spec = sorts[key];
  if (!spec)
    throw DomainError.validation(
      'sort',
      `must be one of ${Object.keys(sorts).join(', ')} (prefix - for descending)`,
    );
  return { key, desc, spec };
}

/** (expr, id) strictly after the cursor in the requested direction. */
export function afterCursor(spec: SortSpec, desc: boolean, cursor: Cursor, idColumn: SQL): SQL {
  const value = sql`cast(${cursor.k} as ${sql.raw(spec.type)})`;
  return desc
    ? sql`(${spec.expr}, ${idColumn}) < (${value}, ${cursor.id}::uuid)`
    : sql`(${spec.expr}, ${idColumn}) > (${value}, ${cursor.id}::uuid)`;
}

const LIKE_SPECIALS = /[\\%_]/g;

/**
 * Full-text with Russian morphology, exact tokens, substring and typo-tolerant word similarity; phone numbers match
 * by their digits whatever the formatting. Relies on the search columns the trigger in migrations/0001 fills.
 */
export function searchPredicate(q: string, search: SQL, searchText: SQL): SQL {
  const lowered = q.toLowerCase();
  const like = `%${lowered.replace(LIKE_SPECIALS, (m) => `\\${m}`)}%`;
  const parts: SQL[] = [
    sql`${search} @@ websearch_to_tsquery('russian', ${q})`,
    sql`${search} @@ websearch_to_tsquery('simple', ${q})`,
    sql`${searchText} like ${like}`,
  ];
  const digits = q.replace(/\D/g, '').replace(/^8(\d{10})$/, '7$1');
  if (digits.length >= 3 && digits.length >= q.replace(/\s/g, '').length - 4) {
    parts.push(sql`${searchText} like ${`%${digits}%`}`);
  }
  if (lowered.length >= 3) parts.push(sql`${lowered} <% ${searchText}`);
  return sql`(${sql.join(parts, sql` or `)})`;
}
