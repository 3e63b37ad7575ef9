import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { Id } from '../entities/fields.ts';
import { DomainError } from '../errors.ts';
import type { Resource } from '../permissions/index.ts';
import { defineMutation, entityLabel, type MutationTx, type RecordTable } from './define.ts';

type Row = Record<string, unknown>;

/** Values the client saw for the fields it patches; loosely typed, since old data may predate today's rules. */
export const Base = z
  .record(z.string().max(60), z.unknown())
  .refine((o) => Object.keys(o).length <= 100, 'at most 100 fields');

/** `{id, patch, base?}`: a per-field partial of the entity and, for conflict detection, what it was based on. */
export function updateInput<P extends z.ZodType>(patch: P) {
  return z.strictObject({ id: Id, patch, base: Base.optional() });
}

/** The row `id` of `table` as the writer last saw it; a missing or deleted one is refused (not_found). */
export async function loadLive<T extends RecordTable>(
  tx: MutationTx,
  table: T,
  id: string,
  label: string,
): Promise<T['$inferSelect']> {
  const [row] = (await tx
    .select()
    .from(table as RecordTable)
    .where(eq(table.id, id))) as T['$inferSelect'][];
  if (!row) throw DomainError.notFound(label);
  if ((row as Row).deletedAt) throw new DomainError('not_found', `This ${label} was deleted`);
  return row;
}

export async function insertRow(tx: MutationTx, table: RecordTable, values: Row): Promise<void> {
  await tx.insert(table).values(values as never);
}

/** UPDATE … WHERE id = …; an empty change writes nothing. */
export async function updateRow(tx: MutationTx, table: RecordTable, id: string, values: Row): Promise<void> {
  const set = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return;
  await tx
    .update(table)
    .set(set as never)
    .where(eq(table.id, id));
}

/** `entity.delete` / `entity.restore`: a soft delete (restorable, history kept) needs the delete permission. */
export function defineSoftDelete(opts: {
  name: string;
  resource: Resource;
  table: RecordTable;
  event: string;
  restore?: boolean;
}) {
  const label = entityLabel(opts.name);
  return defineMutation({
    name: opts.name,
    resource: opts.resource,
    action: 'delete',
    kind: opts.restore ? 'restore' : 'delete',
    table: opts.table,
    event: opts.event,
    input: z.strictObject({ id: Id }),
    async apply(tx, { id }, ctx) {
      const [row] = (await tx
        .select({ deletedAt: opts.table.deletedAt })
        .from(opts.table)
        .where(eq(opts.table.id, id))) as { deletedAt: string | null }[];
      if (!row) throw DomainError.notFound(label);
      if (opts.restore ? !row.deletedAt : row.deletedAt) {
        throw new DomainError(
          'not_found',
          opts.restore ? `This ${label} is not deleted` : `This ${label} was deleted`,
        );
      }
      await updateRow(tx, opts.table, id, { deletedAt: opts.restore ? null : ctx.now });
      return { id, payload: {} };
    },
  });
}
