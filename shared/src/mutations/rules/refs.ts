import { and, eq, isNull, sql } from 'drizzle-orm';
import { DomainError } from '../../errors.ts';
import { accessPredicate, type Principal, type Resource } from '../../permissions/index.ts';
import type { MutationTx, RecordTable } from '../define.ts';

/**
 * A reference to another record must name one that exists, is not deleted and that the writer may read: linking a
 * task to a client you cannot see would leak that client's existence. Reported as a validation error on `field`.
 */
export async function ensureVisibleRef(
  tx: MutationTx,
  principal: Principal,
  resource: Resource,
  table: RecordTable,
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

/** Checks a reference only when the patch changes it. */
export async function ensureChangedRef(
  tx: MutationTx,
  principal: Principal,
  resource: Resource,
  table: RecordTable,
  next: string | null | undefined,
  current: unknown,
  field: string,
): Promise<void> {
  if (next && next !== current) await ensureVisibleRef(tx, principal, resource, table, next, field);
}
