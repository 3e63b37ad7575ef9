import { CLIENT_STATUSES, mutations, syncNotices } from '@mak/shared/schema';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { createScratchDatabase, startTestServer, type TestServer } from '../testing/harness.ts';
import { makeWorld, type World, type WorldUser } from '../testing/world.ts';
import {
  COMPARED,
  type CrmReplica,
  diffRows,
  eventually,
  Link,
  localRows,
  overlayCounts,
  Rng,
  replicaFor,
  serverRows,
  sleep,
} from './convergence.kit.ts';

// The convergence test (ARCHITECTURE §4–5): replicas of different users mutate at random, go offline, live
// through a server restart; at the end each one equals the server's rows visible to its user, and every
// mutation sent is applied or rejected with a reason. CONVERGENCE_SEED replays a run's choices (not its timing).

const SEED = Number(process.env.CONVERGENCE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const WORKLOAD_MS = Number(process.env.CONVERGENCE_MS ?? 30_000);
const at = `[CONVERGENCE_SEED=${SEED}]`;
console.log(`convergence test ${at}`);
const t0 = Date.now();
const phase = (what: string) => console.log(`${at} +${((Date.now() - t0) / 1000).toFixed(1)}s ${what}`);

interface Actor {
  name: string;
  user: WorldUser;
  replica: CrmReplica;
  link: Link;
  rng: Rng;
  sent: string[];
  localRefusals: number;
}

let server: TestServer | undefined;
let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
const actors: Actor[] = [];

afterAll(async () => {
  for (const a of actors) a.link.setOffline(false);
  await Promise.all(actors.map((a) => a.replica.close().catch(() => {})));
  const s = server;
  server = undefined;
  await s?.stop();
  await scratch?.drop();
});

const PHONES = ['+7 900 100-00-01', '+7 900 100-00-02', '+7 900 100-00-03', '+7 900 100-00-04'];

async function ids(a: Actor, sql: string): Promise<string[]> {
  return (await a.replica.pg.query<{ id: string }>(`${sql} ORDER BY id`)).rows.map((r) => r.id);
}

/** One random operation through the replica's mutate(); local refusals (validation) are counted, not sent. */
async function step(a: Actor, w: World, stages: string[], pipelineId: string, hot: string[]): Promise<void> {
  const { rng, replica } = a;
  const op = rng.weighted({
    clientCreate: 14,
    clientUpdate: 24,
    clientDelete: 6,
    dealCreate: 12,
    dealMove: 14,
    taskCreate: 8,
    taskComplete: 6,
    noteCreate: 10,
  });
  const clientIds = await ids(a, 'SELECT id FROM clients WHERE deleted_at IS NULL');
  const n = rng.int(1_000_000);
  let sent: { mutationId: string } | null = null;
  try {
    if (op === 'clientCreate') {
      sent = await replica.mutate('client.create', {
        name: `Client ${a.name} ${n}`,
        phones: rng.chance(0.4) ? [rng.pick(PHONES) as string] : [],
        ...(a.user.role === 'admin' && rng.chance(0.3) ? { partnerId: w.partnerOrg } : {}),
      });
    } else if (op === 'clientUpdate') {
      const id = rng.chance(0.35) ? rng.pick(hot.filter((h) => clientIds.includes(h))) : rng.pick(clientIds);
      if (!id) return;
      const cur = (
        await replica.pg.query<Record<string, unknown>>(
          'SELECT name, status, description, phones FROM clients WHERE id = $1',
          [id],
        )
      ).rows[0];
      if (!cur) return;
      const patch: Record<string, unknown> = {};
      if (rng.chance(0.5)) patch.description = `${a.name} says ${n}`;
      if (rng.chance(0.3)) patch.name = `Client ${a.name} ${n} renamed`;
      if (rng.chance(0.3)) patch.status = rng.pick(CLIENT_STATUSES);
      if (rng.chance(0.2)) patch.phones = [rng.pick(PHONES) as string];
      if (!Object.keys(patch).length) patch.description = `${a.name} says ${n}`;
      const base = Object.fromEntries(Object.keys(patch).map((k) => [k, cur[k] ?? null]));
      sent = await replica.mutate('client.update', { id, patch, base });
    } else if (op === 'clientDelete') {
      const id = rng.pick(clientIds);
      if (id) sent = await replica.mutate('client.delete', { id });
    } else if (op === 'dealCreate') {
      const clientId = rng.pick(clientIds);
      if (!clientId) return;
      sent = await replica.mutate('deal.create', {
        title: `Deal ${a.name} ${n}`,
        clientId,
        pipelineId,
        stageId: rng.pick(stages.slice(0, 2)) as string,
        amount: rng.int(100_000),
      });
    } else if (op === 'dealMove') {
      const id = rng.pick(await ids(a, 'SELECT id FROM deals WHERE deleted_at IS NULL'));
      if (id) sent = await replica.mutate('deal.move', { id, stageId: rng.pick(stages) as string });
    } else if (op === 'taskCreate') {
      sent = await replica.mutate('task.create', {
        title: `Task ${a.name} ${n}`,
        clientId: rng.chance(0.7) ? (rng.pick(clientIds) ?? null) : null,
      });
    } else if (op === 'taskComplete') {
      const id = rng.pick(await ids(a, 'SELECT id FROM tasks WHERE deleted_at IS NULL AND NOT done'));
      if (id) sent = await replica.mutate('task.complete', { id });
    } else {
      const clientId = rng.pick(clientIds);
      if (clientId) sent = await replica.mutate('note.create', { body: `Note ${a.name} ${n}`, clientId });
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'validation' && code !== 'conflict' && code !== 'not_found' && code !== 'forbidden')
      throw err;
    a.localRefusals++;
  }
  if (sent) a.sent.push(sent.mutationId);
}

async function workload(a: Actor, w: World, stages: string[], pipelineId: string, hot: string[]) {
  const end = Date.now() + WORKLOAD_MS;
  let onlineAgainAt = 0;
  while (Date.now() < end) {
    if (a.link.offline && Date.now() >= onlineAgainAt) {
      a.link.setOffline(false);
      a.replica.retryNow();
    } else if (!a.link.offline && a.rng.chance(0.03)) {
      a.link.setOffline(true);
      onlineAgainAt = Date.now() + a.rng.between(2_000, 6_000);
    }
    await step(a, w, stages, pipelineId, hot);
    await sleep(a.rng.between(250, 800));
  }
  a.link.setOffline(false);
  a.replica.retryNow();
}

it(`converges: random offline work by six users through a server restart ${at}`, async () => {
  // Its own database: the admin's replica holds every row, so no other file may write beside it.
  scratch = await createScratchDatabase('mak_conv');
  const database = { kind: 'postgres' as const, url: scratch.url };
  server = await startTestServer({ database });
  const port = Number(new URL(server.url).port);
  const w = await makeWorld(server.database.db);
  const rng = new Rng(SEED);

  // A pipeline with open, won and lost stages, and a few "hot" clients of salesA1 that admin, managerA and
  // salesA1 all see and edit.
  const pipeline = await server.api('/api/pipelines', {
    token: w.admin.token,
    body: { name: `Conv ${w.tag}` },
  });
  expect(pipeline.status, at).toBe(201);
  const stages: string[] = [];
  for (const [i, s] of [
    { name: 'New' },
    { name: 'Talks' },
    { name: 'Won', isWon: true },
    { name: 'Lost', isLost: true },
  ].entries()) {
    const res = await server.api('/api/stages', {
      token: w.admin.token,
      body: { pipelineId: pipeline.body.id, position: i, ...s },
    });
    expect(res.status, at).toBe(201);
    stages.push(res.body.id);
  }
  const hot: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await server.api('/api/clients', {
      token: w.salesA1.token,
      body: { name: `Hot ${i} ${w.tag}` },
    });
    expect(res.status, at).toBe(201);
    hot.push(res.body.id);
  }

  const users: [string, WorldUser][] = [
    ['admin', w.admin],
    ['managerA', w.managerA],
    ['salesA1', w.salesA1],
    ['salesA2', w.salesA2],
    ['salesB1', w.salesB1],
    ['partner', w.partner],
  ];
  for (const [i, [name, user]] of users.entries()) {
    const link = new Link();
    const replica = await replicaFor(user);
    actors.push({
      name,
      user,
      replica,
      link,
      rng: new Rng(SEED ^ ((i + 1) * 0x9e3779b1)),
      sent: [],
      localRefusals: 0,
    });
    await replica.connect({
      serverUrl: server.url,
      userId: user.id,
      getToken: () => user.token,
      fetch: link.fetch,
      push: { batchSize: 20, backoff: { initialMs: 100, maxMs: 1_500 } },
      syncRestartBackoff: { initialMs: 200, maxMs: 2_000 },
    });
  }
  phase('replicas connected');
  for (const a of actors) {
    await eventually(
      async () => a.replica.status.get(),
      (s) => s.syncing === 'live',
      60_000,
      (s) => `${at} ${a.name} never got live: ${JSON.stringify(s)}`,
    );
  }

  // The workload, with one server restart on the same port and database in the middle.
  const restart = (async () => {
    await sleep(WORKLOAD_MS * (0.35 + rng.float() * 0.3));
    const old = server;
    server = undefined;
    phase('server stopping');
    await old?.stop();
    phase('server stopped');
    await sleep(rng.between(1_000, 2_000));
    server = await startTestServer({ port, database });
    phase('server restarted');
  })();
  await Promise.all([...actors.map((a) => workload(a, w, stages, pipeline.body.id, hot)), restart]);
  phase(
    `workload done; pending ${actors.map((a) => `${a.name}:${a.replica.status.get().pending}`).join(' ')}`,
  );
  const live = server;
  if (!live) throw new Error(`${at} the server did not come back`);

  // Everything is online again: outboxes drain, then every replica equals the server's view of its user.
  for (const a of actors) {
    await eventually(
      async () => a.replica.status.get(),
      (s) => s.pending === 0,
      90_000,
      (s) => `${at} ${a.name} outbox not drained: ${JSON.stringify(s)}`,
    );
  }
  phase('outboxes drained');
  for (const a of actors) {
    for (const table of Object.keys(COMPARED)) {
      const compare = async () =>
        diffRows(await localRows(a.replica, table), await serverRows(live, a.user.token, table));
      const diff = await eventually(
        compare,
        (d) => d.length === 0,
        60_000,
        (d) => `${at} ${a.name} ${table}: ${d.slice(0, 5).join('\n')} (${d.length} differences)`,
      ).catch((e: Error) => [e.message]);
      expect(diff, `${at} ${a.name} ${table}`).toEqual([]);
      phase(`${a.name} ${table} equal`);
    }
    expect(await overlayCounts(a.replica), `${at} ${a.name} overlays`).toEqual({
      clients: 0,
      deals: 0,
      tasks: 0,
      notes: 0,
    });
  }

  // Every mutation sent is on the server as applied or rejected with a code and message; the replica shows exactly
  // the rejected ones, with the same reason. Nothing is lost.
  const db = live.database.db;
  const outcomes = { applied: 0, rejected: 0, notFound: 0, localRefusals: 0 };
  for (const a of actors) {
    outcomes.localRefusals += a.localRefusals;
    const rows = a.sent.length ? await db.select().from(mutations).where(inArray(mutations.id, a.sent)) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const lost = a.sent.filter((id) => !byId.has(id));
    expect(lost, `${at} ${a.name}: mutations the server never recorded`).toEqual([]);
    const shown = new Map(a.replica.status.get().rejected.map((r) => [r.mutationId, r]));
    for (const r of rows) {
      expect(r.userId, `${at} ${a.name} ${r.id}`).toBe(a.user.id);
      expect(['applied', 'rejected'], `${at} ${a.name} ${r.id}`).toContain(r.status);
      if (r.status === 'applied') {
        outcomes.applied++;
        expect(shown.has(r.id), `${at} ${a.name} ${r.id} applied but shown as rejected`).toBe(false);
        continue;
      }
      outcomes.rejected++;
      const { code, message } = r.result as { code?: string; message?: string };
      if (code === 'not_found') outcomes.notFound++;
      expect(code, `${at} ${a.name} ${r.id} rejected without a code`).toBeTruthy();
      expect(message, `${at} ${a.name} ${r.id} rejected without a message`).toBeTruthy();
      expect(shown.get(r.id), `${at} ${a.name} ${r.id} rejected but not shown`).toMatchObject({
        code,
        message,
      });
    }
    expect(shown.size, `${at} ${a.name}: rejections shown`).toBe(
      rows.filter((r) => r.status === 'rejected').length,
    );
  }
  const userIds = actors.map((a) => a.user.id);
  const overwritten = await db
    .select({ id: syncNotices.id })
    .from(syncNotices)
    .where(and(eq(syncNotices.kind, 'overwritten'), inArray(syncNotices.userId, userIds)));
  console.log(`convergence ${at}`, {
    ...outcomes,
    overwrittenNotices: overwritten.length,
    sent: actors.map((a) => `${a.name}:${a.sent.length}`).join(' '),
  });
  expect(outcomes.applied, at).toBeGreaterThan(0);
  // Conflicts happen in practice; reported, not required (a quiet seed must not fail the run).
  if (overwritten.length + outcomes.notFound === 0) console.warn(`${at} no conflict outcome in this run`);
}, 240_000);
