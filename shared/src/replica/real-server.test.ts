/// <reference types="node" />
// Node-only: runs the real sync-server in-process (its test harness), next to the replica.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutators } from '../mutations/registry.ts';
import type { Replica } from './open.ts';
import { adminPrincipal, eventually, testReplica } from './testing/replicas.ts';

/** The shape server is another engineer's work in progress: this suite runs once it exists. */
const serverHasShapes = existsSync(new URL('../../../sync-server/src/sync/routes.ts', import.meta.url));

/**
 * The parts of sync-server's test kit used here, typed locally: shared's own type check must not pull the server's
 * sources in, so they are imported by URL at run time.
 */
interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON; each test asserts the shape it needs
  body: any;
}
interface TestServer {
  url: string;
  database: { db: unknown };
  api(path: string, init?: { method?: string; token?: string; body?: unknown }): Promise<ApiResponse>;
  stop(): Promise<void>;
}
interface WorldUser {
  id: string;
  token: string;
}
const serverModule = (path: string) =>
  new URL(`../../../sync-server/src/testing/${path}`, import.meta.url).href;

describe('the replica against the real sync-server (GET /v1/shape, POST /api/mutations)', () => {
  let server: TestServer;
  let admin: WorldUser;
  let replica: Replica<typeof mutators>;
  const name = `Real ${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    if (!serverHasShapes) return;
    const harness = await import(/* @vite-ignore */ serverModule('harness.ts'));
    const world = await import(/* @vite-ignore */ serverModule('world.ts'));
    server = (await harness.startTestServer()) as TestServer;
    admin = ((await world.makeWorld(server.database.db)) as { admin: WorldUser }).admin;
    replica = await testReplica({ mutators, principal: adminPrincipal(admin.id) });
  });
  afterAll(async () => {
    if (!serverHasShapes) return;
    await replica?.close();
    await server?.stop();
  });

  const row = async (id: string) =>
    (
      await replica.pg.query<{ name: string; version: number }>(
        'SELECT name, version FROM clients WHERE id = $1',
        [id],
      )
    ).rows[0];
  const overlays = async () => (await replica.pg.query('SELECT 1 FROM clients_local')).rows.length;
  const connect = () =>
    replica.connect({
      serverUrl: server.url,
      userId: admin.id,
      getToken: () => admin.token,
      push: { backoff: { initialMs: 50, maxMs: 400 } },
    });

  it.skipIf(!serverHasShapes)(
    'syncs the user’s shapes, then round-trips mutations made through the replica',
    async () => {
      const created = await server.api('/api/clients', { token: admin.token, body: { name } });
      expect(created.status).toBe(201);
      const id = created.body.id as string;

      await connect();
      await eventually(
        () => row(id),
        (r) => r?.name === name,
        30_000,
      );
      await eventually(replica.status.get, (s) => s.syncing === 'live', 30_000);

      // An edit: optimistic at once, then accepted, synced back with its mutation id, overlay retired.
      const renamed = `${name} renamed`;
      const update = await replica.mutate('client.update', { id, patch: { name: renamed } });
      expect(await row(id)).toMatchObject({ name: renamed });
      await eventually(overlays, (n) => n === 0, 30_000);
      const synced = await replica.pg.query<{ last_mutation_id: string }>(
        'SELECT last_mutation_id FROM clients_synced WHERE id = $1',
        [id],
      );
      expect(synced.rows[0]?.last_mutation_id).toBe(update.mutationId);
      expect((await server.api(`/api/clients/${id}`, { token: admin.token })).body).toMatchObject({
        name: renamed,
      });

      // A record born in the replica keeps its id on the server.
      const born = await replica.mutate('client.create', { name: `${name} born here` });
      const bornId = (await replica.pg.query<{ id: string }>('SELECT id FROM clients_local')).rows[0]?.id;
      await eventually(overlays, (n) => n === 0, 30_000);
      const back = await replica.pg.query<{ last_mutation_id: string }>(
        'SELECT last_mutation_id FROM clients_synced WHERE id = $1',
        [bornId],
      );
      expect(back.rows).toEqual([{ last_mutation_id: born.mutationId }]);
      const remote = await server.api(`/api/clients/${bornId}`, { token: admin.token });
      expect(remote.body).toMatchObject({ name: `${name} born here` });

      // A soft delete: the row leaves the shape (a delete, no mutation id on it); its overlay is retired all the same.
      await replica.mutate('client.delete', { id });
      expect((await row(id)) ?? null).not.toBeNull();
      await eventually(
        () => row(id),
        (r) => r === undefined,
        30_000,
      );
      await eventually(overlays, (n) => n === 0, 30_000);
      expect(replica.status.get()).toMatchObject({ pending: 0, rejected: [], errors: [] });
    },
  );

  it.skipIf(!serverHasShapes)(
    'an edit of a record deleted meanwhile on the server is rejected and rolled back',
    async () => {
      const created = await server.api('/api/clients', {
        token: admin.token,
        body: { name: `${name} doomed` },
      });
      const id = created.body.id as string;
      await eventually(
        () => row(id),
        (r) => r?.name === `${name} doomed`,
        30_000,
      );
      await replica.disconnect();

      const edit = await replica.mutate('client.update', { id, patch: { name: `${name} edited offline` } });
      expect(await row(id)).toMatchObject({ name: `${name} edited offline` });
      expect(
        (await server.api(`/api/clients/${id}`, { token: admin.token, method: 'DELETE' })).status,
      ).toBeLessThan(300);

      await connect();
      const status = await eventually(replica.status.get, (s) => s.rejected.length === 1, 30_000);
      expect(status.rejected[0]).toMatchObject({
        mutationId: edit.mutationId,
        name: 'client.update',
        code: 'not_found',
      });
      // The overlay is gone; the deleted record leaves the shape too.
      await eventually(
        () => row(id),
        (r) => r === undefined,
        30_000,
      );
      await replica.dismissRejection(edit.mutationId);
      expect(replica.status.get().rejected).toEqual([]);
    },
  );
});
