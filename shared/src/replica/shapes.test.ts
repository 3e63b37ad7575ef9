/// <reference types="node" />
// Node-only: this file runs under vitest on Node (temp dirs, migration files, a loopback server); nothing in the
// replica imports it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { newId } from '../ids.ts';
import { localSchema } from './local-schema.ts';
import type { Replica } from './open.ts';
import { type ShapeRef, sameShapes } from './shapes.ts';
import { FakeSyncServer } from './testing/fake-server.ts';
import { eventually, type testMutators, testReplica } from './testing/replicas.ts';

type R = Replica<typeof testMutators>;

const dir = mkdtempSync(join(tmpdir(), 'mak-shapes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('shape sync through pglite-sync from an Electric-protocol server', () => {
  let server: FakeSyncServer;
  let open: R[] = [];
  let userId: string;

  const replicaIn = async (dataDir?: string) => {
    const replica = await testReplica({ dataDir });
    open.push(replica);
    return replica;
  };
  const connect = (replica: R, user = userId) =>
    replica.connect({
      serverUrl: server.url,
      userId: user,
      getToken: () => 'token',
      push: { backoff: { initialMs: 10 } },
    });
  const clientNames = async (replica: R, table = 'clients') =>
    (await replica.pg.query<{ name: string }>(`SELECT name FROM ${table} ORDER BY name`)).rows.map(
      (r) => r.name,
    );
  const seedClients = (n: number) =>
    server.log.commit(
      Array.from({ length: n }, (_, i) => ({
        table: 'clients',
        op: 'insert' as const,
        row: {
          id: newId(),
          name: `Client ${i + 1}`,
          tags: ['vip', 'a "quoted", tag'],
          custom: { budget: 5 },
        },
      })),
    );

  beforeEach(async () => {
    server = await new FakeSyncServer().start();
    for (const t of localSchema().tables) server.log.addTable(t.name, t.columns);
    server.shapeList = [
      { name: 'clients', table: 'clients' },
      { name: 'deals', table: 'deals' },
    ];
    userId = newId();
  });
  afterEach(async () => {
    for (const replica of open) if (!replica.pg.closed) await replica.close();
    open = [];
    await server.stop();
  });

  it('copies the initial snapshot in chunks, then follows live inserts, updates and deletes', async () => {
    server.log.chunkSize = 3;
    seedClients(7);
    const pipelineId = newId();
    server.log.commit([
      {
        table: 'deals',
        op: 'insert',
        row: {
          id: newId(),
          title: 'Big deal',
          pipeline_id: pipelineId,
          stage_id: newId(),
          amount: 12_345_678_901,
        },
      },
    ]);
    const replica = await replicaIn();
    await connect(replica);
    await eventually(
      () => clientNames(replica),
      (names) => names.length === 7,
    );
    const [row] = (
      await replica.pg.query<{ tags: string[]; custom: unknown; search_text: string }>(
        `SELECT tags, custom, search_text FROM clients WHERE name = 'Client 1'`,
      )
    ).rows;
    expect(row).toEqual({
      tags: ['vip', 'a "quoted", tag'],
      custom: { budget: 5 },
      search_text: 'client 1  ',
    });
    const deals = await eventually(
      async () =>
        (await replica.pg.query<{ title: string; amount: number }>('SELECT title, amount FROM deals')).rows,
      (rows) => rows.length === 1,
    );
    expect(deals).toEqual([{ title: 'Big deal', amount: 12_345_678_901 }]);
    expect(server.shapeRequests.map((u) => u.searchParams.get('table'))).not.toContain('users');
    expect(server.shapeRequests[0]?.searchParams.get('offset')).toBe('-1');
    await eventually(
      () => replica.status.get().syncing,
      (s) => s === 'live',
    );

    const [first] = server.log.rowsOf('clients');
    const added = newId();
    server.log.commit([
      { table: 'clients', op: 'insert', row: { id: added, name: 'Client 8' } },
      { table: 'clients', op: 'update', row: { id: first?.id, name: 'Client 1 renamed' } },
    ]);
    server.log.commit([{ table: 'clients', op: 'delete', row: { id: added } }]);
    await eventually(
      () => clientNames(replica),
      (names) => names.includes('Client 1 renamed') && !names.includes('Client 8'),
    );
    expect(await clientNames(replica)).toHaveLength(7);
  });

  it('a mutation travels out through the outbox and back through the shape, retiring its overlay', async () => {
    server.onMutations = (calls) => {
      for (const call of calls) {
        const args = call.args as { id: string; name: string };
        server.log.commit([{ table: 'clients', op: 'insert', row: { ...args, last_mutation_id: call.id } }]);
      }
      return { status: 200, body: { results: calls.map((c) => ({ id: c.id, status: 'applied', txid: 1 })) } };
    };
    const replica = await replicaIn();
    await connect(replica);
    await eventually(
      () => replica.status.get().syncing,
      (s) => s === 'live',
    );
    const { mutationId } = await replica.mutate('client.create', { name: 'Round trip' });
    expect(await clientNames(replica)).toEqual(['Round trip']);
    await eventually(
      async () => (await replica.pg.query('SELECT 1 FROM clients_local')).rows.length,
      (n) => n === 0,
    );
    const synced = await replica.pg.query<{ last_mutation_id: string }>(
      'SELECT last_mutation_id FROM clients_synced',
    );
    expect(synced.rows).toEqual([{ last_mutation_id: mutationId }]);
    expect(await clientNames(replica)).toEqual(['Round trip']);
  });

  it('must-refetch (409) empties the synced table and fills it again; a pending edit keeps its overlay', async () => {
    seedClients(3);
    const replica = await replicaIn();
    await connect(replica);
    await eventually(
      () => clientNames(replica),
      (names) => names.length === 3,
    );
    server.onMutations = () => 'hold';
    const [kept] = server.log.rowsOf('clients');
    await replica.mutate('client.rename', { id: kept?.id as string, name: 'Pending rename' });
    server.log.rotate('clients');
    server.log.commit([{ table: 'clients', op: 'insert', row: { id: newId(), name: 'After rotation' } }]);
    await eventually(
      () => clientNames(replica),
      (names) => names.includes('After rotation'),
    );
    expect(await clientNames(replica)).toEqual(['After rotation', 'Client 2', 'Client 3', 'Pending rename']);
    const handles = new Set(
      server.shapeRequests
        .filter((u) => u.searchParams.get('table') === 'clients')
        .map((u) => u.searchParams.get('handle')),
    );
    expect(handles.size).toBeGreaterThan(1);
  });

  it('a restart in the middle of the initial sync starts over cleanly (no duplicate key)', async () => {
    const dataDir = join(dir, 'mid-initial');
    server.log.chunkSize = 2;
    seedClients(7);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.gate = (url) =>
      url.searchParams.get('table') === 'clients' && url.searchParams.get('offset') === '0_4'
        ? held
        : undefined;
    const first = await replicaIn(dataDir);
    await connect(first);
    await server.waitForShapeRequest((u) => u.searchParams.get('offset') === '0_4');
    await first.close();
    release();
    server.gate = () => undefined;

    // pglite-sync commits only once the stream is up to date: nothing of the first attempt was kept.
    const second = await replicaIn(dataDir);
    expect(await clientNames(second)).toEqual([]);
    const before = server.shapeRequests.length;
    await connect(second);
    await eventually(
      () => clientNames(second),
      (names) => names.length === 7,
    );
    const again = server.shapeRequests.slice(before).find((u) => u.searchParams.get('table') === 'clients');
    expect(again?.searchParams.get('offset')).toBe('-1');
    server.log.commit([{ table: 'clients', op: 'insert', row: { id: newId(), name: 'Client 8' } }]);
    await eventually(
      () => clientNames(second),
      (names) => names.length === 8,
    );
    expect(second.status.get().errors).toEqual([]);
  });

  it('compares shape lists by name and table only, in any order', () => {
    const a = [
      { name: 'clients', table: 'clients' },
      { name: 'deals', table: 'deals' },
    ];
    expect(sameShapes(a, [...a].reverse())).toBe(true);
    expect(
      sameShapes(a, [{ table: 'clients', name: 'clients', scope: 'own' } as ShapeRef, a[1] as ShapeRef]),
    ).toBe(true);
    expect(sameShapes(a, a.slice(0, 1))).toBe(false);
    expect(sameShapes(a, [a[0] as ShapeRef, { name: 'deals', table: 'tasks' }])).toBe(false);
  });

  it('a restart after the initial sync resumes from the stored offset and applies only what is new', async () => {
    const dataDir = join(dir, 'resume');
    // As the real server answers: more fields than name and table, in an order jsonb does not keep.
    server.shapeList = [
      { name: 'clients', table: 'clients', scope: 'all' },
      { name: 'deals', table: 'deals', scope: 'own' },
    ] as unknown as ShapeRef[];
    seedClients(4);
    const first = await replicaIn(dataDir);
    await connect(first);
    await eventually(
      () => clientNames(first),
      (names) => names.length === 4,
    );
    await eventually(
      () => first.status.get().syncing,
      (s) => s === 'live',
    );
    await first.close();

    server.log.commit([
      { table: 'clients', op: 'insert', row: { id: newId(), name: 'Client 5 (while closed)' } },
    ]);
    const before = server.shapeRequests.length;
    const second = await replicaIn(dataDir);
    expect(await clientNames(second)).toHaveLength(4);
    // Before it connects (an offline start), it knows when its data was last fresh.
    expect(second.status.get().lastSyncedAt).toBeInstanceOf(Date);
    await connect(second);
    await eventually(
      () => clientNames(second),
      (names) => names.length === 5,
    );
    const resumed = server.shapeRequests
      .slice(before)
      .filter((u) => u.searchParams.get('table') === 'clients');
    expect(resumed[0]?.searchParams.get('offset')).not.toBe('-1');
    expect(resumed.map((u) => u.searchParams.get('offset'))).not.toContain('-1');
    expect(resumed[0]?.searchParams.get('handle')).toBeTruthy();
    await eventually(
      () => second.status.get().syncing,
      (s) => s === 'live',
    );
    expect(second.status.get().lastSyncedAt).toBeInstanceOf(Date);
  });

  it('falls back to one shape per table when the server has no shape list, and refuses another user’s pending outbox', async () => {
    server.shapeList = null;
    const dataDir = join(dir, 'fallback');
    seedClients(2);
    const replica = await replicaIn(dataDir);
    await connect(replica);
    await eventually(
      () => clientNames(replica),
      (names) => names.length === 2,
    );
    const tables = new Set(server.shapeRequests.map((u) => u.searchParams.get('table')));
    expect([...tables].sort()).toEqual(
      localSchema()
        .tables.map((t) => t.name)
        .sort(),
    );

    await replica.disconnect();
    await replica.mutate('client.create', { name: 'Unsent' });
    const other = connect(replica, newId());
    await expect(other).rejects.toBeInstanceOf(DomainError);
    await expect(other).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a start on the stored or fallback list asks for the list again after a shape fails, and goes live on it', async () => {
    // The list request fails (busy server): the replica starts on one shape per table, and one of them is
    // forbidden for this user. The restart after that 403 must not retry the same list forever.
    server.shapeListFailure = 503;
    server.forbiddenShapes.add('tasks');
    seedClients(2);
    const replica = await replicaIn();
    await replica.connect({
      serverUrl: server.url,
      userId,
      getToken: () => 'token',
      push: { backoff: { initialMs: 10 } },
      syncRestartBackoff: { initialMs: 50, maxMs: 200 },
    });
    await server.waitForShapeRequest((u) => u.searchParams.get('table') === 'tasks');
    server.shapeListFailure = null;
    await eventually(replica.status.get, (s) => s.syncing === 'live', 15_000);
    expect(await clientNames(replica)).toEqual(['Client 1', 'Client 2']);
    const before = server.shapeRequests.length;
    await new Promise((r) => setTimeout(r, 300));
    const later = server.shapeRequests.slice(before).map((u) => u.searchParams.get('table'));
    expect(later).not.toContain('tasks');
  });

  it('another user on the same replica (nothing pending) starts from empty synced tables', async () => {
    seedClients(2);
    const replica = await replicaIn();
    await connect(replica);
    await eventually(
      () => clientNames(replica),
      (names) => names.length === 2,
    );
    await replica.disconnect();
    server.log.commit([{ table: 'clients', op: 'insert', row: { id: newId(), name: 'Third' } }]);
    const before = server.shapeRequests.length;
    await connect(replica, newId());
    await eventually(
      () => clientNames(replica),
      (names) => names.length === 3,
    );
    const after = server.shapeRequests.slice(before).filter((u) => u.searchParams.get('table') === 'clients');
    expect(after.map((u) => u.searchParams.get('offset'))).toContain('-1');
  });
});
