/// <reference types="node" />
// Node-only: two replicas of one user (two devices) against the real sync-server (its test harness, in-process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICES_SQL, type NoticeRow } from '../app/shell/sync/notices-query.ts';
import { newId } from '../ids.ts';
import { mutators } from '../mutations/registry.ts';
import { DEFAULT_ROLE_GRANTS, grantKey, type Principal } from '../permissions/index.ts';
import type { Replica } from './open.ts';
import { eventually, testReplica } from './testing/replicas.ts';

/** The server's test kit, typed locally so that shared's type check does not pull the server's sources in. */
interface TestServer {
  url: string;
  database: { db: unknown };
  api(
    path: string,
    init?: { method?: string; token?: string; body?: unknown },
  ): Promise<{ status: number; body: Json }>;
  stop(): Promise<void>;
}
interface WorldUser {
  id: string;
  token: string;
  teamId: string | null;
}
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON; each test asserts the shape it needs
type Json = any;
const serverModule = (path: string) =>
  new URL(`../../../sync-server/src/testing/${path}`, import.meta.url).href;

const salesPrincipal = (u: WorldUser): Principal => ({
  userId: u.id,
  roleKey: 'sales',
  teamId: u.teamId,
  partnerId: null,
  grants: new Map(DEFAULT_ROLE_GRANTS.sales.map((g) => [grantKey(g.resource, g.action), g.scope] as const)),
});

describe('sync notices in the replica (an overwrite by someone else, dismissed on one device)', () => {
  let server: TestServer;
  let rep: WorldUser;
  let manager: WorldUser;
  let laptop: Replica<typeof mutators>;
  let phone: Replica<typeof mutators>;
  const tag = Math.random().toString(36).slice(2, 8);

  const connect = (replica: Replica<typeof mutators>) =>
    replica.connect({
      serverUrl: server.url,
      userId: rep.id,
      getToken: () => rep.token,
      push: { backoff: { initialMs: 50, maxMs: 400 } },
    });
  const notices = async (replica: Replica<typeof mutators>) =>
    (await replica.pg.query<NoticeRow>(NOTICES_SQL, [rep.id])).rows;
  const mutate = async (token: string, name: string, args: unknown) => {
    const res = await server.api('/api/mutations', {
      method: 'POST',
      token,
      body: { mutations: [{ id: newId(), name, args }] },
    });
    expect(res.body.results?.[0]?.status, JSON.stringify(res.body)).toBe('applied');
  };

  beforeAll(async () => {
    const harness = await import(/* @vite-ignore */ serverModule('harness.ts'));
    const world = await import(/* @vite-ignore */ serverModule('world.ts'));
    server = (await harness.startTestServer()) as TestServer;
    const w = (await world.makeWorld(server.database.db)) as { salesA1: WorldUser; managerA: WorldUser };
    rep = w.salesA1;
    manager = w.managerA;
    laptop = await testReplica({ mutators, principal: salesPrincipal(rep) });
    phone = await testReplica({ mutators, principal: salesPrincipal(rep) });
  });
  afterAll(async () => {
    await laptop?.close();
    await phone?.close();
    await server?.stop();
  });

  it('the overwritten writer’s replicas get the notice, nobody else’s; a dismissal offline hides it here at once and everywhere once sent', async () => {
    const client = newId();
    const name = (s: string) => `Notice ${tag} ${s}`;
    await mutate(rep.token, 'client.create', { id: client, name: name('original'), description: 'd0' });
    await connect(laptop);
    await connect(phone);
    await eventually(
      async () => (await laptop.pg.query('SELECT 1 FROM clients WHERE id = $1', [client])).rows.length,
      (n) => n === 1,
      30_000,
    );

    // The rep overwrites the manager's description first: that notice is the manager's, never in the rep's replica.
    await mutate(manager.token, 'client.update', {
      id: client,
      patch: { description: 'manager' },
      base: { description: 'd0' },
    });
    await mutate(rep.token, 'client.update', {
      id: client,
      patch: { description: 'rep' },
      base: { description: 'd0' },
    });
    // Then the rep renames from the laptop, and the manager's offline rename of the same version arrives later.
    await laptop.mutate('client.update', {
      id: client,
      patch: { name: name('rep') },
      base: { name: name('original') },
    });
    await eventually(laptop.status.get, (s) => s.pending === 0, 30_000);
    await mutate(manager.token, 'client.update', {
      id: client,
      patch: { name: name('manager') },
      base: { name: name('original') },
    });

    for (const replica of [laptop, phone]) {
      const rows = await eventually(
        () => notices(replica),
        (r) => r.length === 1,
        30_000,
      );
      expect(rows[0]).toMatchObject({
        kind: 'overwritten',
        entity: 'clients',
        entity_id: client,
        field: 'name',
        record_name: name('manager'),
      });
      expect(rows[0]?.payload).toMatchObject({ yourValue: name('rep'), newValue: name('manager') });
      const owners = await replica.pg.query<{ user_id: string }>('SELECT DISTINCT user_id FROM sync_notices');
      expect(owners.rows).toEqual([{ user_id: rep.id }]);
    }
    const managers = await server.api('/api/sync-notices', { token: manager.token });
    expect(managers.body.items.map((n: Json) => [n.entityId, n.field])).toContainEqual([
      client,
      'description',
    ]);

    // Offline on the laptop: dismissed here at once, still open on the phone and on the server.
    const noticeId = (await notices(laptop))[0]?.id as string;
    await laptop.disconnect();
    const { mutationId } = await laptop.mutate('notice.dismiss', { id: noticeId });
    expect(await notices(laptop)).toEqual([]);
    expect(await notices(phone)).toHaveLength(1);
    const before = await server.api('/api/sync-notices?dismissed=false', { token: rep.token });
    expect(before.body.items.map((n: Json) => n.id)).toContain(noticeId);

    // Back online: sent, synced back (the overlay retires on its own mutation id), gone from the phone too.
    await connect(laptop);
    await eventually(
      async () =>
        (
          await laptop.pg.query<{ last_mutation_id: string; dismissed_at: unknown }>(
            'SELECT last_mutation_id, dismissed_at FROM sync_notices_synced WHERE id = $1',
            [noticeId],
          )
        ).rows[0],
      (r) => r?.last_mutation_id === mutationId && r.dismissed_at !== null,
      30_000,
    );
    await eventually(
      async () => (await laptop.pg.query('SELECT 1 FROM sync_notices_local')).rows.length,
      (n) => n === 0,
      30_000,
    );
    await eventually(
      () => notices(phone),
      (r) => r.length === 0,
      30_000,
    );
    const after = await server.api('/api/sync-notices?dismissed=true', { token: rep.token });
    expect(after.body.items.map((n: Json) => n.id)).toContain(noticeId);
    expect(laptop.status.get()).toMatchObject({ pending: 0, rejected: [], errors: [] });
  }, 120_000);
});
