import { ShapeStream } from '@electric-sql/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auth, drain, type Msg, type ShapeServer, shapeGet, startShapeServer, waitFor } from './test-kit.ts';

// Postgres only: concurrent writers on separate connections. The LSN must follow commit order (C18), and an
// up-to-date must never promise an LSN that a slower committer could still fall under (C17).

let s: ShapeServer;
const clients: pg.Client[] = [];

async function connect(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: inject('databaseUrl') });
  await c.connect();
  clients.push(c);
  return c;
}

beforeAll(async () => {
  s = await startShapeServer();
  await s.sql.query('CREATE TABLE co_items (id int PRIMARY KEY, writer int, n int)');
  await s.sql.query('INSERT INTO co_items VALUES (0, 0, 0)');
});
afterAll(async () => {
  for (const c of clients) await c.end().catch(() => {});
  await s?.stop();
});

describe('commit order', () => {
  it('C18 the later-started transaction that commits first gets the lower LSN', async () => {
    const d = await drain(s.url, { table: 'co_items' }, auth);
    const [t1, t2] = [await connect(), await connect()];
    await t1.query('BEGIN');
    await t1.query('INSERT INTO co_items VALUES (1, 1, 1)');
    await t2.query('BEGIN');
    await t2.query('INSERT INTO co_items VALUES (2, 2, 2)');
    await t2.query('COMMIT');
    await t1.query('COMMIT');
    const more = await drain(s.url, { table: 'co_items' }, auth, d);
    const lsn = (id: string) => BigInt(more.messages.find((m) => m.value?.id === id)?.headers.lsn);
    expect(more.messages.map((m) => m.value?.id)).toEqual(['2', '1']);
    expect(lsn('2')).toBeLessThan(lsn('1'));
  });

  it('C17/C18 under 6 concurrent writers the client misses nothing and LSNs never go back', async () => {
    const controller = new AbortController();
    const stream = new ShapeStream({
      url: `${s.url}/v1/shape`,
      params: { table: 'co_items' },
      headers: auth,
      signal: controller.signal,
    });
    const held = new Map<string, Record<string, unknown>>();
    const order: bigint[] = [];
    let promised = -1n;
    const violations: string[] = [];
    stream.subscribe((batch) => {
      for (const m of batch as unknown as Msg[]) {
        if (m.headers.control === 'up-to-date') {
          promised = BigInt(m.headers.global_last_seen_lsn);
          continue;
        }
        if (!m.key || m.headers.lsn === undefined) {
          if (m.key) held.set(m.key, m.value ?? {});
          continue;
        }
        const lsn = BigInt(m.headers.lsn);
        if (lsn <= promised) violations.push(`lsn ${lsn} after up-to-date ${promised}`);
        if (order.length && lsn < (order.at(-1) as bigint))
          violations.push(`lsn ${lsn} after ${order.at(-1)}`);
        order.push(lsn);
        if (m.headers.operation === 'delete') held.delete(m.key);
        else held.set(m.key, { ...held.get(m.key), ...m.value });
      }
    });
    const writers = await Promise.all([1, 2, 3, 4, 5, 6].map(() => connect()));
    const pause = () => new Promise((r) => setTimeout(r, Math.random() * 4));
    await Promise.all(
      writers.map(async (c, w) => {
        for (let i = 0; i < 40; i++) {
          const id = 1000 + w * 100 + i;
          await c.query('BEGIN');
          await c.query('INSERT INTO co_items VALUES ($1, $2, 0)', [id, w]);
          await pause();
          await c.query('UPDATE co_items SET n = n + 1 WHERE id = $1', [1000 + w * 100]);
          if (i % 5 === 4) await c.query('DELETE FROM co_items WHERE id = $1', [id - 1]);
          await pause();
          await c.query('COMMIT');
        }
      }),
    );
    const table = await s.sql.query<{ id: number; n: number }>('SELECT id, n FROM co_items ORDER BY id');
    try {
      await waitFor(() => held.size === table.length, 10_000);
      await waitFor(() => table.every((r) => held.get(`"public"."co_items"/"${r.id}"`)?.n === r.n), 10_000);
    } finally {
      controller.abort();
    }
    expect(violations).toEqual([]);
    expect(order.length).toBeGreaterThan(240);
  });

  it('REPEATABLE READ writers are serialised at commit without serialization failures', async () => {
    const writers = await Promise.all([1, 2, 3, 4].map(() => connect()));
    await Promise.all(
      writers.map(async (c, w) => {
        for (let i = 0; i < 20; i++) {
          await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
          await c.query('SELECT count(*) FROM co_items');
          await c.query('INSERT INTO co_items VALUES ($1, $2, 0)', [5000 + w * 100 + i, w]);
          await c.query('COMMIT');
        }
      }),
    );
    const [row] = await s.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM co_items WHERE id >= 5000',
    );
    expect(row?.n).toBe(80);
  });
});

describe('two server instances on one database', () => {
  it('a shape made on one instance is served by the other, and its long poll wakes on the other’s writes', async () => {
    const other = await startShapeServer();
    try {
      const d = await drain(s.url, { table: 'co_items', where: 'writer = 9' }, auth);
      const poll = shapeGet(
        other.url,
        {
          table: 'co_items',
          where: 'writer = 9',
          handle: d.handle,
          offset: d.offset,
          live: 'true',
          cursor: '',
        },
        auth,
      );
      await new Promise((r) => setTimeout(r, 300));
      await s.sql.query('INSERT INTO co_items VALUES (9000, 9, 0)');
      const r = await poll;
      expect(r.status).toBe(200);
      expect(r.handle).toBe(d.handle);
      expect((r.body as Msg[])[0]?.value).toEqual({ id: '9000', writer: '9', n: '0' });
    } finally {
      await other.stop();
    }
  });
});
