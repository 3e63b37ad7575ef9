import { newId } from '@mak/shared/ids';
import type { Action, Principal } from '@mak/shared/permissions';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { AuthState } from '../../context.ts';
import { staleVersion } from '../../mutations/checks.ts';
import { type Db, type Queryable, type Tx, writeTx } from '../../platform/db.ts';
import type { ResourceSpec, WriteContext } from './define-resource.ts';

type Row = Record<string, unknown>;

/** What the server-only writes need from defineResource: the spec and its scope helpers. */
export interface RecordAccess {
  // biome-ignore lint/suspicious/noExplicitAny: the route's schema generics do not matter to the writes
  spec: ResourceSpec<any, any, any>;
  visibleColumns: Record<string, PgColumn>;
  must(principal: Principal, action: Action): SQL;
  findVisible(tx: Queryable, principal: Principal, id: string, deleted: boolean): Promise<Row>;
  assertInScope(tx: Tx, id: string, predicate: SQL, message: string): Promise<void>;
}

/**
 * The write path of resources that are not mutations: users, whose writes hash passwords with argon2 and end
 * sessions, which only the server can do (ARCHITECTURE §5 keeps them out of the replica). Everything else writes
 * through the mutation executor. Same checks in the same order as the executor (mutations/checks.ts).
 */
function hook<K extends 'prepareCreate' | 'preparePatch'>(a: RecordAccess, key: K) {
  const fn = a.spec[key];
  if (!fn) throw new Error(`${a.spec.name}: no mutations and no ${key}`);
  return fn.bind(a.spec) as NonNullable<RecordAccess['spec'][K]>;
}

export function serverOnlyCreate(
  db: Db,
  { principal, user }: AuthState,
  a: RecordAccess,
  input: Row,
): Promise<Row> {
  const { table, name } = a.spec;
  const creatable = a.must(principal, 'create');
  return writeTx(db, user.id, async (tx) => {
    const values = await hook(a, 'prepareCreate')(input, { tx, principal } satisfies WriteContext);
    const id = (values.id as string | undefined) ?? newId();
    const [created] = await tx
      .insert(table)
      .values({ ...values, id } as never)
      .returning(a.visibleColumns);
    await a.assertInScope(tx, id, creatable, `You may not create ${name} outside your scope`);
    return created as Row;
  });
}

export function serverOnlyUpdate(
  db: Db,
  { principal, user }: AuthState,
  a: RecordAccess,
  id: string,
  patch: Row,
  expected: number | null,
): Promise<Row> {
  const { table, resource } = a.spec;
  return writeTx(db, user.id, async (tx) => {
    // Read scope first: a record the caller cannot see is 404 whatever the role; 403 only for visible ones.
    const existing = await a.findVisible(tx, principal, id, false);
    const updatable = a.must(principal, 'update');
    await a.assertInScope(tx, id, updatable, `You may not update this ${resource.replace(/s$/, '')}`);
    if (expected !== null && expected !== existing.version) throw staleVersion(existing.version as number);
    const values = await hook(a, 'preparePatch')(patch, existing, { tx, principal });
    const [updated] = await tx
      .update(table)
      .set(values as never)
      .where(and(eq(table.id, id), eq(table.version, existing.version)))
      .returning(a.visibleColumns);
    if (!updated) throw staleVersion(null);
    await a.assertInScope(tx, id, updatable, `This change would move the record outside your scope`);
    return updated as Row;
  });
}

export function serverOnlySetDeleted(
  db: Db,
  { principal, user }: AuthState,
  a: RecordAccess,
  id: string,
  action: 'delete' | 'restore',
): Promise<Row> {
  const { table } = a.spec;
  return writeTx(db, user.id, async (tx) => {
    await a.findVisible(tx, principal, id, action === 'restore');
    const deletable = a.must(principal, 'delete');
    await a.assertInScope(tx, id, deletable, `You may not ${action} this record`);
    const [done] = await tx
      .update(table)
      .set({ deletedAt: action === 'delete' ? sql`now()` : null } as never)
      .where(eq(table.id, id))
      .returning(a.visibleColumns);
    if (action === 'delete') await a.spec.afterDelete?.(id, { tx, principal });
    return done as Row;
  });
}
