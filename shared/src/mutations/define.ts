import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgColumn, PgDatabase, PgQueryResultHKT, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Action, Principal, Resource } from '../permissions/index.ts';
import type * as schema from '../schema/index.ts';

/**
 * Where a mutator runs: the server's write transaction on the tables, or the replica's local transaction, where
 * each table name is a view over `<table>_synced` + `<table>_local` with INSTEAD OF triggers. Hence mutators use
 * only plain INSERT, UPDATE … WHERE id = … and SELECT: no RETURNING, ON CONFLICT, sequences or server functions.
 */
export type MutationTx = PgDatabase<
  PgQueryResultHKT,
  typeof schema,
  ExtractTablesWithRelations<typeof schema>
>;

export interface MutationContext {
  principal: Principal;
  mutationId: string;
  /** The mutation's clock (ISO 8601) for stamps such as closedAt and doneAt. */
  now: string;
}

/** What a mutator reports back: the record it wrote and the payload of its domain event. */
export interface MutationEffect {
  id: string;
  payload: Record<string, unknown>;
}

/** A synced, soft-deletable record table. */
export type RecordTable = PgTable & { id: PgColumn; version: PgColumn; deletedAt: PgColumn };

/**
 * How the executor authorises the mutation before and after `apply` (the same order as the REST API):
 * - create: the role holds `resource:action`; afterwards the new row lies inside that scope.
 * - update: the target is readable and not deleted (else not_found), the role holds the action (else forbidden)
 *   and the target is inside its scope before and after the write.
 * - delete / restore: the target is readable and live (deleted, for restore) and inside the action's scope.
 */
export type MutationKind = 'create' | 'update' | 'delete' | 'restore';

export interface MutationDef<S extends z.ZodType> {
  /** `entity.verb`, identical in the outbox, the permission check, the logs: `client.create`, `deal.move`. */
  name: string;
  resource: Resource;
  action: Exclude<Action, 'read'>;
  kind: MutationKind;
  /** The table the target (or new) row lives in; scope checks run against it. */
  table: RecordTable;
  /** Domain event written with the change, past tense: `client.created`, `deal.moved`. */
  event: string;
  input: S;
  /** Update kinds: the per-field patch and the values the client saw (`base`), for conflict detection. */
  changes?(input: z.output<S>): FieldChanges;
  apply(tx: MutationTx, input: z.output<S>, ctx: MutationContext): Promise<MutationEffect>;
}

export interface FieldChanges {
  patch: Record<string, unknown>;
  base?: Record<string, unknown>;
}

export type Mutator = MutationDef<z.ZodType>;

/** One named mutation: input schema, permission and the drizzle statements it makes. Registered in registry.ts. */
export function defineMutation<S extends z.ZodType>(def: MutationDef<S>): MutationDef<S> {
  return def;
}

/** The entity word of a mutation name (`custom_field.update` → `custom field`), for messages. */
export function entityLabel(name: string): string {
  return (name.split('.')[0] ?? name).replace(/_/g, ' ');
}
