import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import { localSchema } from './local-schema.ts';
import type { Replica } from './open.ts';
import type { SyncStatus } from './status.ts';
import { FakeSyncServer } from './testing/fake-server.ts';
import { eventually, type testMutators, testReplica } from './testing/replicas.ts';

describe('sync status and live queries', () => {
  let server: FakeSyncServer;
  let replica: Replica<typeof testMutators>;

  beforeEach(async () => {
    server = await new FakeSyncServer().start();
    for (const t of localSchema().tables) server.log.addTable(t.name, t.columns);
    server.shapeList = [{ name: 'clients', table: 'clients' }];
    replica = await testReplica();
  });
  afterEach(async () => {
    await replica.close();
    await server.stop();
  });

  it('reports syncing, pending, pushed, rejected, errors and online state, and tells subscribers', async () => {
    expect(replica.status.get()).toMatchObject({
      online: null,
      syncing: 'off',
      pending: 0,
      rejected: [],
      lastSyncedAt: null,
      lastPushedAt: null,
      errors: [],
    });
    const seen: SyncStatus[] = [];
    const unsubscribe = replica.status.subscribe((s) => seen.push(s));

    await replica.mutate('client.create', { name: 'Queued' });
    expect(replica.status.get().pending).toBe(1);
    expect(seen.at(-1)?.pending).toBe(1);

    let rejectNext = false;
    server.onMutations = (calls) => ({
      status: 200,
      body: {
        results: calls.map((c) =>
          rejectNext
            ? { id: c.id, status: 'rejected', code: 'validation', message: 'Name taken', fields: [] }
            : { id: c.id, status: 'applied', txid: 3 },
        ),
      },
    });
    await replica.connect({
      serverUrl: server.url,
      userId: newId(),
      getToken: () => 'token',
      push: { backoff: { initialMs: 10, maxMs: 40 } },
    });
    const live = await eventually(replica.status.get, (s) => s.syncing === 'live' && s.pending === 0);
    expect(live).toMatchObject({ online: true, errors: [], rejected: [] });
    expect(live.lastSyncedAt).toBeInstanceOf(Date);
    expect(live.lastPushedAt).toBeInstanceOf(Date);
    expect(seen.map((s) => s.syncing)).toEqual(expect.arrayContaining(['initial', 'live']));

    rejectNext = true;
    const { mutationId } = await replica.mutate('client.create', { name: 'Refused' });
    const rejected = await eventually(replica.status.get, (s) => s.rejected.length === 1);
    expect(rejected.rejected[0]).toMatchObject({
      mutationId,
      name: 'client.create',
      code: 'validation',
      message: 'Name taken',
    });

    // The server goes away: the next push fails with a network error.
    await server.stop();
    await replica.mutate('client.create', { name: 'Offline' });
    const offline = await eventually(replica.status.get, (s) => s.online === false && s.errors.length > 0);
    expect(offline.pending).toBe(1);
    expect(offline.errors.map((e) => e.source)).toContain('push');

    unsubscribe();
    const count = seen.length;
    await replica.dismissRejection(mutationId);
    expect(replica.status.get().rejected).toEqual([]);
    expect(seen).toHaveLength(count);
    await replica.disconnect();
    expect(replica.status.get().syncing).toBe('off');
  });

  it('live queries follow the view: local writes, synced rows and overlay retirement; unsubscribe stops them', async () => {
    const results: string[][] = [];
    const stop = replica.watch<{ name: string }>('SELECT name FROM clients ORDER BY name', [], (rows) =>
      results.push(rows.map((r) => r.name)),
    );
    await eventually(
      () => results.length,
      (n) => n === 1,
    );
    expect(results[0]).toEqual([]);

    const { mutationId } = await replica.mutate('client.create', { name: 'Mine' });
    await eventually(
      () => results.at(-1),
      (last) => last?.join() === 'Mine',
    );

    const [outbox] = (await replica.pg.query<{ args: { id: string } }>('SELECT args FROM mak_outbox')).rows;
    await replica.pg.query('INSERT INTO clients_synced (id, name, last_mutation_id) VALUES ($1, $2, $3)', [
      outbox?.args.id,
      'Mine (synced)',
      mutationId,
    ]);
    await replica.pg.query('INSERT INTO clients_synced (id, name) VALUES ($1, $2)', [newId(), 'Theirs']);
    await eventually(
      () => results.at(-1),
      (last) => last?.join() === 'Mine (synced),Theirs',
    );

    await stop();
    const count = results.length;
    await replica.pg.query('INSERT INTO clients_synced (id, name) VALUES ($1, $2)', [newId(), 'Unseen']);
    await new Promise((r) => setTimeout(r, 100));
    expect(results).toHaveLength(count);
  });

  it('a bad live query reports its error instead of throwing', async () => {
    const errors: unknown[] = [];
    const stop = replica.watch(
      'SELECT nope FROM clients',
      [],
      () => {},
      (e) => errors.push(e),
    );
    await eventually(
      () => errors.length,
      (n) => n === 1,
    );
    expect(String(errors[0])).toMatch(/nope/);
    await stop();
  });
});
