import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../ids.ts';
import { DEFAULT_ROLE_GRANTS, grantKey, type Principal } from '../../permissions/index.ts';
import { clients } from '../../schema/index.ts';
import { applyLocalSchema } from '../local-schema.ts';
import type { Mutator, MutatorRegistry } from '../mutator-port.ts';
import { type OpenReplicaOptions, openReplica, type Replica } from '../open.ts';

/** A signed-in admin (every grant, scope all), for mutators that consult the principal. */
export function adminPrincipal(userId: string = newId()): Principal {
  const grants = new Map(
    DEFAULT_ROLE_GRANTS.admin.map((g) => [grantKey(g.resource, g.action), g.scope] as const),
  );
  return { userId, roleKey: 'admin', teamId: null, partnerId: null, grants };
}

let template: Promise<Blob> | null = null;

/**
 * A data dir with the local schema already applied: initdb plus the schema take seconds, loading a dump far less,
 * and every test wants a fresh replica.
 */
export function templateDump(): Promise<Blob> {
  template ??= (async () => {
    const pg = await PGlite.create({ extensions: { pg_trgm } });
    await applyLocalSchema(pg);
    const dump = await pg.dumpDataDir('none');
    await pg.close();
    return dump;
  })();
  return template;
}

/** A fresh in-memory replica (or one in `dataDir` when given) with the test mutators unless others are passed. */
export async function testReplica<R extends MutatorRegistry = typeof testMutators>(
  options: Partial<OpenReplicaOptions<R>> = {},
): Promise<Replica<R>> {
  return openReplica<R>({
    loadDataDir: options.dataDir ? undefined : await templateDump(),
    mutators: testMutators as unknown as R,
    principal: adminPrincipal(),
    ...options,
  });
}

const ClientIn = z.strictObject({
  id: z.uuid().optional(),
  name: z.string().min(1),
  phones: z.array(z.string()).default([]),
});

const stand = <S extends z.ZodType>(m: Mutator<S>): Mutator<S> => m;

/** Stand-in mutators: plain drizzle against the `clients` table name, as the real ones are written. */
export const testMutators = {
  'client.create': stand({
    name: 'client.create',
    kind: 'create' as const,
    input: ClientIn,
    async apply(tx, input) {
      await tx.insert(clients).values({ id: input.id ?? newId(), name: input.name, phones: input.phones });
    },
  }),
  'client.rename': stand({
    name: 'client.rename',
    input: z.strictObject({ id: z.uuid(), name: z.string().min(1) }),
    async apply(tx, input) {
      await tx.update(clients).set({ name: input.name }).where(eq(clients.id, input.id));
    },
  }),
  'client.setStatus': stand({
    name: 'client.setStatus',
    input: z.strictObject({ id: z.uuid(), status: z.string() }),
    async apply(tx, input) {
      await tx.update(clients).set({ status: input.status }).where(eq(clients.id, input.id));
    },
  }),
  'client.purge': stand({
    name: 'client.purge',
    input: z.strictObject({ id: z.uuid() }),
    async apply(tx, input) {
      await tx.delete(clients).where(eq(clients.id, input.id));
    },
  }),
  /** Fails after writing: the local transaction must leave neither overlay nor outbox row. */
  'client.broken': stand({
    name: 'client.broken',
    input: z.strictObject({ id: z.uuid(), name: z.string() }),
    async apply(tx, input) {
      await tx.update(clients).set({ name: input.name }).where(eq(clients.id, input.id));
      await tx.execute(sql`select 1 / 0`);
    },
  }),
} as const satisfies MutatorRegistry;

/** Polls until `check` holds (sync and push are asynchronous); fails with the last value seen. */
export async function eventually<T>(
  read: () => Promise<T> | T,
  check: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 20));
    last = await read();
  }
  return last;
}
