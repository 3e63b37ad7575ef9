import { newId } from '@mak/shared/ids';
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { closeLot } from '../modules/auction/closing.ts';
import { balances, fund, inSeconds, makeLead, makeOrgs } from '../modules/economy/fixtures.ts';
import { rowsOf } from '../platform/db.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { makeWorld } from '../testing/world.ts';

// "A scheduled job closes each lot exactly once at its end time, even across restarts and with two server
// instances": two real servers on one Postgres, first with in-process schedulers, then with BullMQ on Redis.

const started: TestServer[] = [];
const queues: string[] = [];
afterAll(async () => {
  for (const s of started) await s.stop().catch(() => {});
  const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  for (const name of queues) {
    const q = new Queue(name, { connection });
    await q.obliterate({ force: true }).catch(() => {});
    await q.close();
  }
  await connection.quit();
});

async function instances(redis: boolean): Promise<TestServer[]> {
  const queue = `test-close-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  if (redis) queues.push(queue);
  const config = {
    jobs: { enabled: true, tickMs: 300, queue },
    ...(redis ? { redisUrl: inject('redisUrl') } : {}),
  };
  const pair = [await startTestServer(config), await startTestServer(config)];
  started.push(...pair);
  return pair;
}

async function scenario(servers: TestServer[]) {
  const [a, b] = servers as [TestServer, TestServer];
  const w = await makeWorld(a.database.db);
  const orgs = await makeOrgs(a.database.db, w.tag, 3);
  for (const o of orgs) await fund(a, w.admin.token, o.id, 5_000_000);
  const lots: string[] = [];
  for (let i = 0; i < 8; i++) {
    const clientId = await makeLead(a.database.db, w.tag);
    const r = await (i % 2 ? b : a).api('/api/auction/lots', {
      token: w.admin.token,
      body: {
        clientId,
        type: i % 3 === 0 ? 'sealed_second' : 'english',
        title: `lot ${i}`,
        startPrice: 10_000,
        minIncrement: 1_000,
        endsAt: inSeconds(5),
        extendWindowSeconds: 0,
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    lots.push(r.body.id);
    for (const [k, o] of orgs.entries())
      await (k % 2 ? a : b).api(`/api/auction/lots/${r.body.id}/bids`, {
        token: o.token,
        body: { id: newId(), amount: 10_000 + k * 1_000 },
      });
  }
  return { w, orgs, lots };
}

async function closedOnce(s: TestServer, lots: string[]) {
  const until = Date.now() + 20_000;
  for (;;) {
    const open = rowsOf<{ n: number }>(
      await s.database.db.execute(
        sql`select count(*)::int as n from auction_lots where status = 'open' and id = any(${`{${lots.join(',')}}`}::uuid[])`,
      ),
    )[0]?.n;
    if (open === 0) break;
    if (Date.now() > until) throw new Error(`${open} lots still open`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const perLot = rowsOf<{ id: string; events: number; charges: number; lag_ms: number }>(
    await s.database.db.execute(sql`select l.id,
        (select count(*)::int from domain_events e where e.entity_id = l.id and e.name like 'auction.%') as events,
        (select count(*)::int from ledger_entries le where le.ref_id = l.id and le.kind = 'charge') as charges,
        (extract(epoch from l.closed_at - l.ends_at) * 1000)::int as lag_ms
      from auction_lots l where l.id = any(${`{${lots.join(',')}}`}::uuid[])`),
  );
  expect(perLot).toHaveLength(lots.length);
  for (const l of perLot) {
    expect(l.events, l.id).toBe(1);
    expect(l.charges, l.id).toBe(1);
  }
  return Math.max(...perLot.map((l) => l.lag_ms));
}

describe('closing each lot exactly once', () => {
  it('two instances with in-process schedulers', async () => {
    const servers = await instances(false);
    const { w, orgs, lots } = await scenario(servers);
    const lag = await closedOnce(servers[0] as TestServer, lots);
    console.info(`in-process: the slowest of ${lots.length} lots closed ${lag} ms after its end`);
    expect(lag).toBeLessThan(2_000);
    // Charges equal what the winners were told they pay; nothing else moved.
    const b = await balances(servers[0] as TestServer, w.admin.token);
    const spent = orgs.reduce((sum, o) => sum + (5_000_000 - (b.get(o.id)?.available ?? 0)), 0);
    const won = rowsOf<{ s: string }>(
      await (servers[0] as TestServer).database.db.execute(
        sql`select coalesce(sum(winning_price), 0)::text as s from auction_lots where id = any(${`{${lots.join(',')}}`}::uuid[])`,
      ),
    )[0]?.s;
    expect(spent).toBe(Number(won));
    for (const o of orgs) expect(b.get(o.id)?.held).toBe(0);
  });

  it('two closers racing on the same lots: one settles each, the other finds nothing', async () => {
    const [a, b] = started as [TestServer, TestServer];
    const w = await makeWorld(a.database.db);
    const [o] = await makeOrgs(a.database.db, w.tag, 1);
    if (!o) throw new Error('org');
    await fund(a, w.admin.token, o.id, 5_000_000);
    await a.deps.jobs?.stop();
    await b.deps.jobs?.stop();
    const lots: string[] = [];
    for (let i = 0; i < 10; i++) {
      const clientId = await makeLead(a.database.db, w.tag);
      const r = await a.api('/api/auction/lots', {
        token: w.admin.token,
        body: {
          clientId,
          type: 'english',
          title: `race ${i}`,
          startPrice: 1_000,
          minIncrement: 100,
          endsAt: inSeconds(60),
        },
      });
      lots.push(r.body.id);
      await a.api(`/api/auction/lots/${r.body.id}/bids`, {
        token: o.token,
        body: { id: newId(), amount: 1_000 },
      });
    }
    await a.database.db.execute(
      sql`update auction_lots set ends_at = clock_timestamp() where id = any(${`{${lots.join(',')}}`}::uuid[])`,
    );
    const results = await Promise.all(
      lots.flatMap((id) => [
        closeLot(a.database.db, id),
        closeLot(b.database.db, id),
        closeLot(a.database.db, id),
      ]),
    );
    expect(results.filter(Boolean)).toHaveLength(lots.length);
    await closedOnce(a, lots);
    expect((await balances(a, w.admin.token)).get(o.id)).toMatchObject({
      available: 5_000_000 - 10_000,
      held: 0,
    });
    for (const s of started.splice(0)) await s.stop();
  });

  it('two instances on BullMQ, and a restart in between', async () => {
    const servers = await instances(true);
    expect(servers[0]?.deps.jobs?.kind).toBe('bullmq');
    const { lots } = await scenario(servers);
    // Both instances go down before the lots end; a fresh one comes up after: the overdue lots close once.
    for (const s of started.splice(0)) await s.stop();
    await new Promise((r) => setTimeout(r, 4_500));
    const [again] = await instances(true);
    await closedOnce(again as TestServer, lots);
  });
});
