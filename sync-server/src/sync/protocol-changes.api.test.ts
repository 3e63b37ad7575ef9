import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auth,
  drain,
  type Msg,
  materialise,
  type ShapeServer,
  shapeGet,
  startShapeServer,
} from './test-kit.ts';

// Conformance checklist §16: change messages, value encoding, transactions. Runs on Postgres and PGlite.

let s: ShapeServer;
const get = (q: Record<string, string>) => shapeGet(s.url, q, auth);
const changes = (body: Msg[]) => body.filter((m) => !m.headers.control);

/** Drains the shape, runs `write`, then returns the change messages that follow. */
async function after(query: Record<string, string>, write: () => Promise<unknown>) {
  const d = await drain(s.url, query, auth);
  await write();
  const next = await drain(s.url, query, auth, d);
  return { before: d, messages: next.messages };
}

beforeAll(async () => {
  s = await startShapeServer();
  await s.sql.query(
    `CREATE TABLE pc_rows (id int PRIMARY KEY, name text, n int, flag bool NOT NULL DEFAULT false)`,
  );
  await s.sql.query(`INSERT INTO pc_rows SELECT g, 'r' || g, g, false FROM generate_series(1, 10) g`);
  await s.sql.query(`CREATE TABLE pc_other (id int PRIMARY KEY)`);
  await s.sql.query(`CREATE TABLE pc_types (id int PRIMARY KEY, b bool NOT NULL, i8 int8, num numeric(8,3), f8 float8,
    j jsonb, js json, tags text[], ints int[], tz timestamptz, ts timestamp, d date, t time, iv interval, by bytea,
    u uuid, c char(5), v varchar(10), empty text)`);
  await s.sql.query(`CREATE TABLE pc_bulk (id int PRIMARY KEY, tx int)`);
});
afterAll(() => s?.stop());

describe('change messages', () => {
  it('C8 live changes carry lsn (string), op_position, txids (numbers) and last:true on the last op of a tx', async () => {
    let txid = 0;
    const { messages } = await after({ table: 'pc_rows' }, () =>
      s.sql.transaction({}, async (q) => {
        await q.query(`INSERT INTO pc_rows (id, name, n) VALUES (100, 'a', 1)`);
        await q.query(`INSERT INTO pc_other VALUES (1)`);
        await q.query(`UPDATE pc_rows SET name = 'b' WHERE id = 100`);
        await q.query(`DELETE FROM pc_rows WHERE id = 1`);
        const [row] = await q.query<{ txid: string }>('SELECT pg_current_xact_id()::xid::text AS txid');
        txid = Number(row?.txid);
      }),
    );
    expect(messages.map((m) => m.headers.operation)).toEqual(['insert', 'update', 'delete']);
    const lsn = messages[0]?.headers.lsn;
    expect(lsn).toMatch(/^\d+$/);
    for (const m of messages) {
      expect(m.headers.lsn).toBe(lsn);
      expect(Number.isInteger(m.headers.op_position)).toBe(true);
      expect(m.headers.txids).toEqual([txid]);
      expect(m.headers.relation).toEqual(['public', 'pc_rows']);
    }
    expect(messages.map((m) => m.headers.last ?? false)).toEqual([false, false, true]);
    const positions = messages.map((m) => m.headers.op_position as number);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('C9/C10 values are PG text under the protocol display settings, the same in snapshot and log; schema header', async () => {
    const values = `true, 9007199254740993, 1.5, 0.1, '{"a": [1, 2]}', '{"b":1}', '{x,"y z",NULL}', '{1,2}',
      '2026-01-02 03:04:05.5+03', '2026-01-02 03:04:05', '2026-01-02', '13:14:15', '1 day 2 hours', '\\xdead',
      '6f1c2a3b-0000-4000-8000-000000000001', 'ab', 'vc', NULL`;
    await s.sql.query(`INSERT INTO pc_types VALUES (1, ${values})`);
    const expected = {
      id: '1',
      b: 'true',
      i8: '9007199254740993',
      num: '1.500',
      f8: '0.1',
      j: '{"a": [1, 2]}',
      js: '{"b":1}',
      tags: '{x,"y z",NULL}',
      ints: '{1,2}',
      tz: '2026-01-02 00:04:05.5+00',
      ts: '2026-01-02 03:04:05',
      d: '2026-01-02',
      t: '13:14:15',
      iv: 'P1DT2H',
      by: '\\xdead',
      u: '6f1c2a3b-0000-4000-8000-000000000001',
      c: 'ab   ',
      v: 'vc',
      empty: null,
    };
    const first = await get({ table: 'pc_types', offset: '-1' });
    expect(first.body[0].value).toEqual(expected);
    const { messages } = await after({ table: 'pc_types' }, () =>
      s.sql.query(`INSERT INTO pc_types VALUES (2, ${values})`),
    );
    expect(messages[0]?.value).toEqual({ ...expected, id: '2' });
    expect(JSON.parse(first.headers.get('electric-schema') as string)).toEqual({
      id: { type: 'int4', pk_index: 0, not_null: true },
      b: { type: 'bool', not_null: true },
      i8: { type: 'int8' },
      num: { type: 'numeric', precision: 8, scale: 3 },
      f8: { type: 'float8' },
      j: { type: 'jsonb' },
      js: { type: 'json' },
      tags: { type: 'text', dims: 1 },
      ints: { type: 'int4', dims: 1 },
      tz: { type: 'timestamptz' },
      ts: { type: 'timestamp' },
      d: { type: 'date' },
      t: { type: 'time' },
      iv: { type: 'interval' },
      by: { type: 'bytea' },
      u: { type: 'uuid' },
      c: { type: 'bpchar', length: 5 },
      v: { type: 'varchar', max_length: 10 },
      empty: { type: 'text' },
    });
  });

  it('C11 update = PK + changed columns, delete = PK; replica=full sends the whole row and old_value', async () => {
    const q = { table: 'pc_rows', where: 'id BETWEEN 2 AND 3' };
    const plain = await after(q, async () => {
      await s.sql.query(`UPDATE pc_rows SET name = 'two' WHERE id = 2`);
      await s.sql.query(`DELETE FROM pc_rows WHERE id = 3`);
    });
    expect(plain.messages.map((m) => [m.headers.operation, m.value])).toEqual([
      ['update', { id: '2', name: 'two' }],
      ['delete', { id: '3' }],
    ]);
    const full = await after({ ...q, where: 'id BETWEEN 4 AND 5', replica: 'full' }, async () => {
      await s.sql.query(`UPDATE pc_rows SET name = 'four', n = 44 WHERE id = 4`);
      await s.sql.query(`DELETE FROM pc_rows WHERE id = 5`);
    });
    expect(full.messages.map((m) => [m.headers.operation, m.value, m.old_value])).toEqual([
      ['update', { id: '4', name: 'four', n: '44', flag: 'false' }, { name: 'r4', n: '4' }],
      ['delete', { id: '5', name: 'r5', n: '5', flag: 'false' }, undefined],
    ]);
  });

  it('C12 a PK change is delete + insert; moving into or out of the where is insert / delete', async () => {
    const q = { table: 'pc_rows', where: 'flag' };
    await s.sql.query(`UPDATE pc_rows SET flag = true WHERE id = 6`);
    const { messages } = await after(q, async () => {
      await s.sql.query(`UPDATE pc_rows SET id = 60 WHERE id = 6`);
      await s.sql.query(`UPDATE pc_rows SET flag = true WHERE id = 7`);
      await s.sql.query(`UPDATE pc_rows SET flag = false WHERE id = 60`);
    });
    expect(messages.map((m) => [m.headers.operation, m.key, m.value])).toEqual([
      ['delete', '"public"."pc_rows"/"6"', { id: '6' }],
      ['insert', '"public"."pc_rows"/"60"', { id: '60', name: 'r6', n: '6', flag: 'true' }],
      ['insert', '"public"."pc_rows"/"7"', { id: '7', name: 'r7', n: '7', flag: 'true' }],
      ['delete', '"public"."pc_rows"/"60"', { id: '60' }],
    ]);
    expect(messages[0]?.headers.key_change_to).toBe('"public"."pc_rows"/"60"');
    expect(messages[1]?.headers.key_change_from).toBe('"public"."pc_rows"/"6"');
    expect(messages[1]?.headers.op_position).toBe((messages[0]?.headers.op_position as number) + 1);
  });
});

describe('transactions and determinism', () => {
  it('C24 responses end on transaction boundaries, even past the batch size; no insert for a key already held', async () => {
    const d = await drain(s.url, { table: 'pc_bulk' }, auth);
    const bulk = (tx: number, from: number, n: number) =>
      s.sql.query(`INSERT INTO pc_bulk SELECT g, ${tx} FROM generate_series(${from}, ${from + n - 1}) g`);
    await bulk(1, 1, 3000);
    await bulk(2, 3001, 3000);
    await bulk(3, 6001, 6000);
    await s.sql.query(`UPDATE pc_bulk SET tx = 4 WHERE id <= 10`);
    let { handle, offset } = d;
    const rows = new Map<string, Record<string, unknown>>();
    const sizes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await get({ table: 'pc_bulk', handle, offset });
      const body = changes(r.body as Msg[]);
      for (const m of body)
        if (m.headers.operation === 'insert') expect(rows.has(m.key as string)).toBe(false);
      materialise(body, rows);
      if (body.length) {
        sizes.push(body.length);
        expect(body.at(-1)?.headers.last).toBe(true);
        expect(new Set(body.map((m) => m.value?.tx ?? '4')).size).toBe(1);
      }
      ({ handle, offset } = { handle: r.handle as string, offset: r.offset as string });
      if (r.upToDate) break;
    }
    expect(sizes).toEqual([3000, 3000, 6000, 10]);
    expect(rows.size).toBe(12_000);
  });

  it('C25 the same (handle, offset) answers the same body (snapshot chunks and log pages)', async () => {
    const first = await get({ table: 'pc_bulk', offset: '-1' });
    const a = await get({ table: 'pc_bulk', offset: first.offset as string, handle: first.handle as string });
    const b = await get({ table: 'pc_bulk', offset: first.offset as string, handle: first.handle as string });
    expect(a.body).toEqual(b.body);
    expect(a.offset).toBe(b.offset);
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'));
    const again = await get({ table: 'pc_bulk', offset: '-1' });
    expect(again.body).toEqual(first.body);
  });
});
