/// <reference types="node" />
// Node-only: a replica with the live gate against the real sync-server (its test harness, in-process), with fetch
// squeezed through 6 connections as a browser on HTTP/1.1 has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutators } from '../mutations/registry.ts';
import { localSchema } from './local-schema.ts';
import type { Replica } from './open.ts';
import { adminPrincipal, eventually, testReplica } from './testing/replicas.ts';

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON; each test asserts the shape it needs
type Json = any;

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
}
const serverModule = (path: string) =>
  new URL(`../../../sync-server/src/testing/${path}`, import.meta.url).href;

/** At most `size` requests at once, the rest queued in order: a browser's HTTP/1.1 connections to one origin. */
function connectionPool(inner: typeof fetch, size: number): typeof fetch {
  let busy = 0;
  const queue: (() => void)[] = [];
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (busy >= size) await new Promise<void>((go) => queue.push(go));
    busy++;
    try {
      return await inner(input, init);
    } finally {
      busy--;
      queue.shift()?.();
    }
  }) as typeof fetch;
}

/** Counts the shape traffic on the wire (shape requests and waits) and its peak since the last `mark()`. */
function shapeTraffic(inner: typeof fetch) {
  let now = 0;
  let peak = 0;
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const counted = url.includes('/v1/shape') || url.includes('/api/sync/wait');
    if (counted) peak = Math.max(peak, ++now);
    try {
      return await inner(input, init);
    } finally {
      if (counted) now--;
    }
  }) as typeof fetch;
  return {
    fetch: fetchFn,
    mark: () => {
      peak = now;
    },
    peak: () => peak,
  };
}

describe('the live gate against the real sync-server', () => {
  let server: TestServer;
  let admin: WorldUser;
  let replica: Replica<typeof mutators>;

  beforeAll(async () => {
    const harness = await import(/* @vite-ignore */ serverModule('harness.ts'));
    const world = await import(/* @vite-ignore */ serverModule('world.ts'));
    server = (await harness.startTestServer()) as TestServer;
    admin = ((await world.makeWorld(server.database.db)) as { admin: WorldUser }).admin;
    replica = await testReplica({ mutators, principal: adminPrincipal(admin.id) });
  });
  afterAll(async () => {
    await replica?.close();
    await server?.stop();
  });

  const name = async (id: string) =>
    (await replica.pg.query<{ name: string }>('SELECT name FROM clients WHERE id = $1', [id])).rows[0]?.name;

  it('goes live on every shape, holds one wait, brings writes in and lets pushes through at once', async () => {
    const traffic = shapeTraffic(globalThis.fetch);
    await replica.connect({
      serverUrl: server.url,
      userId: admin.id,
      getToken: () => admin.token,
      fetch: connectionPool(traffic.fetch, 6),
      push: { backoff: { initialMs: 50, maxMs: 400 } },
      liveGate: { maxRequests: 1 },
    });
    await eventually(replica.status.get, (s) => s.syncing === 'live', 30_000);
    const known = new Set(localSchema().tables.map((t) => t.name));
    const offered: { table: string }[] = (await server.api('/api/sync/shapes', { token: admin.token })).body
      .shapes;
    const shapes = offered.filter((s) => known.has(s.table)).length;
    expect(shapes).toBeGreaterThanOrEqual(10);

    // Live and idle: only the wait is on the wire.
    await new Promise((r) => setTimeout(r, 1500));
    traffic.mark();
    await new Promise((r) => setTimeout(r, 500));
    expect(traffic.peak()).toBe(1);

    // A write on the server reaches the replica.
    const t0 = Date.now();
    const created = await server.api('/api/clients', { token: admin.token, body: { name: 'gate in' } });
    expect(created.status).toBe(201);
    await eventually(
      () => name(created.body.id),
      (n) => n === 'gate in',
      15_000,
    );
    const inbound = Date.now() - t0;

    // A mutation pushes without queuing behind polls: 15 held long polls would fill the 6 connections for ~20 s.
    const t1 = Date.now();
    await replica.mutate('client.update', { id: created.body.id, patch: { name: 'gate out' } });
    await eventually(replica.status.get, (s) => s.pending === 0, 10_000);
    const pushed = Date.now() - t1;
    const remote = await server.api(`/api/clients/${created.body.id}`, { token: admin.token });
    expect(remote.body.name).toBe('gate out');
    await eventually(
      async () => (await replica.pg.query('SELECT 1 FROM clients_local')).rows.length,
      (n) => n === 0,
      10_000,
    );
    await new Promise((r) => setTimeout(r, 500));

    // Through all of it: the wait plus the one released or refreshing request, never a long poll per shape.
    expect(traffic.peak()).toBeLessThanOrEqual(2);
    expect(pushed).toBeLessThan(3000);
    expect(inbound).toBeLessThan(10_000);
    expect(replica.status.get()).toMatchObject({ syncing: 'live', pending: 0, errors: [] });

    // And keeps doing so: every later write on the server comes in too, on this and other shapes.
    for (const round of [1, 2, 3]) {
      const client = await server.api('/api/clients', {
        token: admin.token,
        body: { name: `gate ${round}` },
      });
      expect(client.status).toBe(201);
      await eventually(
        () => name(client.body.id),
        (n) => n === `gate ${round}`,
        15_000,
      );
      const task = await server.api('/api/tasks', {
        token: admin.token,
        body: { title: `task ${round}`, clientId: client.body.id },
      });
      expect(task.status, JSON.stringify(task.body)).toBe(201);
      await eventually(
        async () => (await replica.pg.query('SELECT 1 FROM tasks WHERE id = $1', [task.body.id])).rows.length,
        (n) => n === 1,
        15_000,
      );
    }
    console.info(`live gate: ${shapes} shapes; write → replica ${inbound} ms, push ${pushed} ms`);
  }, 120_000);
});
