import { Shape, ShapeStream, type ShapeStreamOptions } from '@electric-sql/client';
import { PGlite } from '@electric-sql/pglite';
import { electricSync } from '@electric-sql/pglite-sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, SECRET, type ShapeServer, startShapeServer, waitFor } from './test-kit.ts';

// The unmodified official clients are the oracle: @electric-sql/client 1.5.28 (ShapeStream/Shape) and
// @electric-sql/pglite-sync 0.6.1 (which runs its own nested client 1.0.14) against our /v1/shape.

let s: ShapeServer;
const aborts: AbortController[] = [];

function stream(params: Record<string, string>, counter?: { n: number }) {
  const controller = new AbortController();
  aborts.push(controller);
  const fetchClient: typeof fetch = (input, init) => {
    if (counter) counter.n++;
    return fetch(input, init);
  };
  return new ShapeStream({
    url: `${s.url}/v1/shape`,
    params: params as ShapeStreamOptions['params'],
    headers: auth,
    signal: controller.signal,
    fetchClient,
  });
}

beforeAll(async () => {
  s = await startShapeServer();
  await s.sql.query(`CREATE TABLE oc_items (id int PRIMARY KEY, name text NOT NULL, qty int)`);
  await s.sql.query(`INSERT INTO oc_items SELECT g, 'item ' || g, g % 7 FROM generate_series(1, 3000) g`);
  await s.sql.query(`CREATE TABLE oc_types (id uuid PRIMARY KEY, b bool, big int8, num numeric(12,2), doc jsonb,
    tags text[], at timestamptz, day date, ref uuid, note text)`);
  await s.sql.query(`INSERT INTO oc_types VALUES ('6f1c2a3b-0000-4000-8000-000000000001', true, 9007199254740993,
    12.50, '{"a":[1,"x"]}', '{x,"y z"}', '2026-01-02 03:04:05.123+03', '2026-02-03',
    '6f1c2a3b-0000-4000-8000-0000000000ff', NULL)`);
});
afterAll(async () => {
  for (const a of aborts) a.abort();
  await s?.stop();
});

describe('@electric-sql/client 1.5.28', () => {
  it('initial sync of 3,000 rows arrives whole, across several chunks', async () => {
    const counter = { n: 0 };
    const shape = new Shape(stream({ table: 'oc_items' }, counter));
    const rows = await shape.rows;
    expect(rows).toHaveLength(3000);
    expect(counter.n).toBeGreaterThanOrEqual(4); // 3 snapshot chunks of 1,000 rows, then the log
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(2999)).toEqual({ id: 2999, name: 'item 2999', qty: 2999 % 7 });
  });

  it('live insert, update and delete reach the client within a second', async () => {
    const shape = new Shape(stream({ table: 'oc_items', where: 'id > $1', 'params[1]': '2990' }));
    expect(await shape.rows).toHaveLength(10);
    const ids = () => new Set(shape.currentRows.map((r) => r.id as number));
    // Let the stream settle into its long poll.
    await new Promise((r) => setTimeout(r, 200));
    let t0 = Date.now();
    await s.sql.query(`INSERT INTO oc_items VALUES (5000, 'fresh', 1)`);
    await waitFor(() => ids().has(5000), 1000);
    expect(Date.now() - t0).toBeLessThan(1000);
    t0 = Date.now();
    await s.sql.query(`UPDATE oc_items SET name = 'renamed' WHERE id = 2995`);
    await waitFor(() => shape.currentRows.find((r) => r.id === 2995)?.name === 'renamed', 1000);
    expect(shape.currentRows.find((r) => r.id === 2995)).toEqual({
      id: 2995,
      name: 'renamed',
      qty: 2995 % 7,
    });
    await s.sql.query(`DELETE FROM oc_items WHERE id = 2991`);
    await waitFor(() => !ids().has(2991), 1000);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('C9/C10 values parse to the right JS types (bool, int8, numeric, jsonb, text[], timestamptz, date, uuid, NULL)', async () => {
    const shape = new Shape(stream({ table: 'oc_types' }));
    const [row] = await shape.rows;
    expect(row).toEqual({
      id: '6f1c2a3b-0000-4000-8000-000000000001',
      b: true,
      big: 9007199254740993n,
      num: '12.50',
      doc: { a: [1, 'x'] },
      tags: ['x', 'y z'],
      at: '2026-01-02 00:04:05.123+00',
      day: '2026-02-03',
      ref: '6f1c2a3b-0000-4000-8000-0000000000ff',
      note: null,
    });
    // The same values through the log (an update of every column).
    await s.sql.query(`UPDATE oc_types SET b = false, big = -1, num = 0.05, doc = '[]', tags = '{}',
      at = '1999-12-31 23:59:59+00', day = '2000-01-01', note = 'n'`);
    await waitFor(() => shape.currentRows[0]?.note === 'n', 2000);
    expect(shape.currentRows[0]).toMatchObject({ b: false, big: -1n, num: '0.05', doc: [], tags: [] });
    expect(shape.currentRows[0]).toMatchObject({ at: '1999-12-31 23:59:59+00', day: '2000-01-01' });
  });
});

describe('@electric-sql/pglite-sync 0.6.1', () => {
  async function replica() {
    const pg = await PGlite.create({ extensions: { electric: electricSync() } });
    await pg.exec(`CREATE TABLE oc_items (id int PRIMARY KEY, name text NOT NULL, qty int)`);
    return pg;
  }
  const localRows = async (pg: PGlite) =>
    (await pg.query<{ id: number; name: string; qty: number | null }>('SELECT * FROM oc_items ORDER BY id'))
      .rows;
  const serverRows = async () =>
    (
      await s.sql.query<{ id: number; name: string; qty: number | null }>(
        'SELECT * FROM oc_items ORDER BY id',
      )
    ).map((r) => ({ id: r.id, name: r.name, qty: r.qty }));

  it('syncs the table into PGlite, keeps it live, and after a truncate (409) refills it exactly (C23)', async () => {
    const pg = await replica();
    let synced = false;
    const sub = await pg.electric.syncShapesToTables({
      key: 'oc',
      shapes: {
        items: {
          shape: { url: `${s.url}/v1/shape`, params: { table: 'oc_items', secret: SECRET } },
          table: 'oc_items',
          primaryKey: ['id'],
        },
      },
      onInitialSync: () => {
        synced = true;
      },
    });
    try {
      await waitFor(() => synced, 20_000);
      expect(await localRows(pg)).toEqual(await serverRows());
      await s.sql.query(`INSERT INTO oc_items VALUES (7001, 'via pglite', 3)`);
      await s.sql.query(`UPDATE oc_items SET qty = NULL WHERE id = 1`);
      await waitFor(async () => (await localRows(pg)).some((r) => r.id === 7001), 3000);
      await waitFor(async () => (await localRows(pg)).find((r) => r.id === 1)?.qty === null, 3000);
      const before = (
        await pg.query<{ shape_metadata: Record<string, { handle: string }> }>(
          'SELECT shape_metadata FROM electric.subscriptions_metadata WHERE key = $1',
          ['oc'],
        )
      ).rows[0]?.shape_metadata.items?.handle;
      expect(before).toBeTruthy();

      await s.sql.transaction({}, async (q) => {
        await q.query('TRUNCATE oc_items');
        await q.query(
          `INSERT INTO oc_items SELECT g, 'after truncate ' || g, NULL FROM generate_series(1, 1500) g`,
        );
      });
      await waitFor(
        async () => JSON.stringify(await localRows(pg)) === JSON.stringify(await serverRows()),
        20_000,
      );
      const after = (
        await pg.query<{ shape_metadata: Record<string, { handle: string }> }>(
          'SELECT shape_metadata FROM electric.subscriptions_metadata WHERE key = $1',
          ['oc'],
        )
      ).rows[0]?.shape_metadata.items?.handle;
      expect(after).toBeTruthy();
      expect(after).not.toBe(before);
      await s.sql.query(`DELETE FROM oc_items WHERE id = 3`);
      await waitFor(async () => !(await localRows(pg)).some((r) => r.id === 3), 3000);
      expect(await localRows(pg)).toEqual(await serverRows());
    } finally {
      sub.unsubscribe();
      await pg.close();
    }
  });
});
