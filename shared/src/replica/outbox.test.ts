/// <reference types="node" />
// Node-only: this file runs under vitest on Node (temp dirs, migration files, a loopback server); nothing in the
// replica imports it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import type { Replica } from './open.ts';
import { FakeSyncServer, type MutationCall, type MutationsReply } from './testing/fake-server.ts';
import { eventually, type testMutators, testReplica } from './testing/replicas.ts';

type R = Replica<typeof testMutators>;

const outboxOf = async (replica: R) =>
  (
    await replica.pg.query<{
      mutation_id: string;
      name: string;
      status: string;
      attempts: number;
      last_error: string | null;
    }>('SELECT mutation_id, name, status, attempts, last_error FROM mak_outbox ORDER BY seq')
  ).rows;

const names = async (replica: R) =>
  (await replica.pg.query<{ name: string }>('SELECT name FROM clients ORDER BY name')).rows.map(
    (r) => r.name,
  );

const applied = (calls: MutationCall[]) => ({
  status: 200,
  body: { results: calls.map((c) => ({ id: c.id, status: 'applied', txid: 1 })) },
});

describe('outbox: persistence and the push loop', () => {
  let server: FakeSyncServer;
  let dir: string;
  const open: R[] = [];
  const replicaIn = async (dataDir?: string) => {
    const replica = await testReplica({ dataDir });
    open.push(replica);
    return replica;
  };
  const connect = (replica: R, initialMs = 10) =>
    replica.connect({
      serverUrl: server.url,
      userId: newId(),
      getToken: () => 'token',
      sync: false,
      push: { backoff: { initialMs, maxMs: initialMs * 8 } },
    });

  beforeAll(async () => {
    server = await new FakeSyncServer().start();
    dir = mkdtempSync(join(tmpdir(), 'mak-replica-'));
  });
  afterEach(async () => {
    for (const replica of open.splice(0)) if (!replica.pg.closed) await replica.close();
    server.batches.length = 0;
    server.onMutations = applied;
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps queued mutations and their optimistic rows across close and reopen of a file-backed replica', async () => {
    const dataDir = join(dir, 'persist');
    const first = await replicaIn(dataDir);
    const a = await first.mutate('client.create', { name: 'Alpha' });
    const b = await first.mutate('client.create', { name: 'Beta' });
    expect(first.status.get().pending).toBe(2);
    await first.close();

    const second = await replicaIn(dataDir);
    expect(await outboxOf(second)).toMatchObject([
      { mutation_id: a.mutationId, name: 'client.create', status: 'pending' },
      { mutation_id: b.mutationId, name: 'client.create', status: 'pending' },
    ]);
    expect(await names(second)).toEqual(['Alpha', 'Beta']);
    expect(second.status.get().pending).toBe(2);

    await connect(second);
    await eventually(
      () => outboxOf(second),
      (rows) => rows.length === 0,
    );
    expect(server.batches.map((batch) => batch.map((m) => m.id))).toEqual([[a.mutationId, b.mutationId]]);
    expect(server.batches[0]?.[0]).toMatchObject({
      name: 'client.create',
      args: { name: 'Alpha', phones: [] },
    });
    // Accepted, not yet synced back: the optimistic rows stay.
    expect(await names(second)).toEqual(['Alpha', 'Beta']);
  });

  it('retries network errors, 500 and 503 with backoff, then succeeds with the same mutation ids', async () => {
    const replies: MutationsReply[] = [
      'drop',
      { status: 500, body: { code: 'internal' } },
      { status: 503, body: { results: [] } },
    ];
    server.onMutations = (calls) => replies.shift() ?? applied(calls);
    const replica = await replicaIn();
    const { mutationId } = await replica.mutate('client.create', { name: 'Retried' });
    const seen: Array<boolean | null> = [];
    replica.status.subscribe((s) => seen.push(s.online));
    await connect(replica);
    await eventually(
      () => outboxOf(replica),
      (rows) => rows.length === 0,
    );
    expect(server.batches.map((batch) => batch.map((m) => m.id))).toEqual(Array(4).fill([mutationId]));
    expect(seen).toContain(false);
    expect(replica.status.get()).toMatchObject({ online: true, pending: 0, errors: [] });
    expect(replica.status.get().lastPushedAt).toBeInstanceOf(Date);
  });

  it('counts failed attempts and waits out the backoff, which retryNow() cuts short', async () => {
    server.onMutations = () => 'drop';
    const replica = await replicaIn();
    await replica.mutate('client.create', { name: 'Offline' });
    await connect(replica, 60_000);
    const [row] = await eventually(
      () => outboxOf(replica),
      (rows) => rows[0]?.attempts === 1,
    );
    expect(row?.last_error).toMatch(/^network/);
    expect(replica.status.get()).toMatchObject({ online: false, pending: 1 });
    expect(replica.status.get().errors).toMatchObject([{ source: 'push' }]);
    server.onMutations = applied;
    replica.retryNow();
    await eventually(
      () => outboxOf(replica),
      (rows) => rows.length === 0,
      5_000,
    );
    expect(server.batches).toHaveLength(2);
  });

  it('a rejection rolls back its overlay and stays, with its reason, until dismissed; the rest still apply', async () => {
    const replica = await replicaIn();
    const id = newId();
    await replica.pg.query('INSERT INTO clients_synced (id, name) VALUES ($1, $2)', [id, 'Server name']);
    const ok1 = await replica.mutate('client.create', { name: 'First' });
    const bad = await replica.mutate('client.rename', { id, name: 'Not allowed' });
    const ok2 = await replica.mutate('client.setStatus', { id, status: 'customer' });
    expect(await names(replica)).toEqual(['First', 'Not allowed']);
    server.onMutations = (calls) => ({
      status: 200,
      body: {
        results: calls.map((c) =>
          c.id === bad.mutationId
            ? {
                id: c.id,
                status: 'rejected',
                code: 'forbidden',
                message: 'Not your client',
                fields: [{ field: 'name', message: 'locked' }],
              }
            : { id: c.id, status: 'applied', txid: 7 },
        ),
      },
    });
    await connect(replica);
    await eventually(
      () => outboxOf(replica),
      (rows) => rows.every((r) => r.status === 'rejected'),
    );
    expect(await outboxOf(replica)).toMatchObject([{ mutation_id: bad.mutationId, status: 'rejected' }]);
    expect(server.batches[0]?.map((m) => m.id)).toEqual([ok1.mutationId, bad.mutationId, ok2.mutationId]);
    const status = replica.status.get();
    expect(status.pending).toBe(0);
    expect(status.rejected).toMatchObject([
      {
        mutationId: bad.mutationId,
        name: 'client.rename',
        code: 'forbidden',
        message: 'Not your client',
        fields: [{ field: 'name' }],
      },
    ]);
    // The rename's overlay went back to the server's name. (The later status change was stamped with its own
    // mutation, so that overlay row stays until it syncs back: it is accepted.)
    const rows = await replica.pg.query<{ mutation_id: string }>(
      'SELECT mutation_id FROM clients_local WHERE id = $1',
      [id],
    );
    expect(rows.rows.map((r) => r.mutation_id)).toEqual([ok2.mutationId]);

    await replica.dismissRejection(bad.mutationId);
    expect(await outboxOf(replica)).toEqual([]);
    expect(replica.status.get().rejected).toEqual([]);
  });

  it('a batch refused as a whole is sent one by one, so only the culprit is rejected', async () => {
    const replica = await replicaIn();
    const good = await replica.mutate('client.create', { name: 'Good' });
    const culprit = await replica.mutate('client.create', { name: 'Culprit' });
    server.onMutations = (calls) =>
      calls.some((c) => c.id === culprit.mutationId)
        ? { status: 413, body: { code: 'payload_too_large', message: 'Too big' } }
        : applied(calls);
    await connect(replica);
    await eventually(
      () => outboxOf(replica),
      (rows) => rows.length === 1 && rows[0]?.status === 'rejected',
    );
    expect(replica.status.get().rejected).toMatchObject([
      { mutationId: culprit.mutationId, code: 'payload_too_large' },
    ]);
    expect(server.batches.flat().filter((m) => m.id === good.mutationId).length).toBeGreaterThanOrEqual(1);
    expect(await names(replica)).toEqual(['Good']);
  });

  it('survives a restart mid-push: the unanswered batch is sent again with the same ids', async () => {
    const dataDir = join(dir, 'mid-push');
    server.onMutations = () => 'hold';
    const first = await replicaIn(dataDir);
    const { mutationId } = await first.mutate('client.create', { name: 'In flight' });
    await connect(first);
    await eventually(
      () => server.batches.length,
      (n) => n === 1,
    );
    await first.close();

    server.onMutations = applied;
    const second = await replicaIn(dataDir);
    expect(await outboxOf(second)).toMatchObject([{ mutation_id: mutationId, status: 'pending' }]);
    await connect(second);
    await eventually(
      () => outboxOf(second),
      (rows) => rows.length === 0,
    );
    expect(server.batches.map((batch) => batch.map((m) => m.id))).toEqual([[mutationId], [mutationId]]);
  });
});
