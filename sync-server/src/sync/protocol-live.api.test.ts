import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, drain, type Msg, type ShapeServer, shapeGet, startShapeServer } from './test-kit.ts';

// Conformance checklist §16: long polls, the global LSN, rotation (409). Runs on Postgres and PGlite.

let s: ShapeServer;
const get = (q: Record<string, string>) => shapeGet(s.url, q, auth);
const lsnOf = (body: Msg[]) => BigInt(body.at(-1)?.headers.global_last_seen_lsn ?? -1);

beforeAll(async () => {
  s = await startShapeServer();
  for (const t of ['pl_a', 'pl_b', 'pl_rot', 'pl_ddl', 'pl_fp']) {
    await s.sql.query(`CREATE TABLE ${t} (id int PRIMARY KEY, name text)`);
    await s.sql.query(`INSERT INTO ${t} SELECT g, 'n' || g FROM generate_series(1, 5) g`);
  }
});
afterAll(() => s?.stop());

describe('live', () => {
  it('C14/C16 a live request with nothing new is held ~20 s, then answers up-to-date with the same offset', async () => {
    const d = await drain(s.url, { table: 'pl_a' }, auth);
    const t0 = Date.now();
    const r = await get({ table: 'pl_a', handle: d.handle, offset: d.offset, live: 'true', cursor: '' });
    const held = Date.now() - t0;
    expect(held).toBeGreaterThan(19_000);
    expect(held).toBeLessThan(22_000);
    expect(r.status).toBe(200);
    expect(r.offset).toBe(d.offset);
    expect(r.handle).toBe(d.handle);
    expect(r.headers.get('electric-schema')).toBeNull();
    expect(r.headers.get('electric-has-data')).toBe('false');
    expect(r.body).toEqual([
      { headers: { control: 'up-to-date', global_last_seen_lsn: expect.stringMatching(/^\d+$/) } },
    ]);
    const cursor = r.headers.get('electric-cursor') as string;
    expect(cursor).toMatch(/^\d+$/);
    // C16: the next cursor differs from the one sent.
    await s.sql.query(`INSERT INTO pl_a VALUES (99, 'wake')`);
    const next = await get({ table: 'pl_a', handle: d.handle, offset: d.offset, live: 'true', cursor });
    expect(next.headers.get('electric-cursor')).toMatch(/^\d+$/);
    expect(next.headers.get('electric-cursor')).not.toBe(cursor);
  }, 40_000);

  it('C15 a change committed during a held poll arrives within a second, ending with up-to-date', async () => {
    const d = await drain(s.url, { table: 'pl_a' }, auth);
    const poll = get({ table: 'pl_a', handle: d.handle, offset: d.offset, live: 'true', cursor: '1' });
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    await s.sql.query(`UPDATE pl_a SET name = 'live' WHERE id = 1`);
    const r = await poll;
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.upToDate).toBe(true);
    const body = r.body as Msg[];
    expect(body[0]).toMatchObject({
      value: { id: '1', name: 'live' },
      headers: { operation: 'update', last: true },
    });
    expect(body.at(-1)?.headers.control).toBe('up-to-date');
    expect(r.headers.get('electric-cursor')).toBeTruthy();
  });

  it('C17 after up-to-date(G) on one shape, no later message on any shape has lsn <= G', async () => {
    const a = await drain(s.url, { table: 'pl_a' }, auth);
    const b = await drain(s.url, { table: 'pl_b' }, auth);
    const g = lsnOf(a.lastBody);
    expect(lsnOf(b.lastBody)).toBeGreaterThanOrEqual(g);
    await s.sql.query(`INSERT INTO pl_b VALUES (50, 'later')`);
    const more = await drain(s.url, { table: 'pl_b' }, auth, b);
    expect(more.messages).toHaveLength(1);
    expect(BigInt(more.messages[0]?.headers.lsn)).toBeGreaterThan(g);
    expect(lsnOf(more.lastBody)).toBeGreaterThanOrEqual(BigInt(more.messages[0]?.headers.lsn));
  });

  it('C19 a non-live request while a poll is held answers at once with the current global LSN', async () => {
    const d = await drain(s.url, { table: 'pl_a' }, auth);
    const held = get({ table: 'pl_a', handle: d.handle, offset: d.offset, live: 'true', cursor: '' });
    await s.sql.query(`INSERT INTO pl_b VALUES (51, 'elsewhere')`);
    const [{ lsn }] = (await s.sql.query<{ lsn: string }>(
      'SELECT max(tx_seq)::text AS lsn FROM sync_change_log',
    )) as [{ lsn: string }];
    const t0 = Date.now();
    const r = await get({ table: 'pl_a', handle: d.handle, offset: d.offset });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.upToDate).toBe(true);
    expect(lsnOf(r.body)).toBeGreaterThanOrEqual(BigInt(lsn));
    await s.sql.query(`INSERT INTO pl_a VALUES (98, 'release')`);
    expect((await held).status).toBe(200);
  });
});

describe('409 and rotation', () => {
  const expect409 = (r: Awaited<ReturnType<typeof get>>, old: string) => {
    expect(r.status).toBe(409);
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(r.body).toEqual([{ headers: { control: 'must-refetch' } }]);
    expect(r.handle).toBeTruthy();
    expect(r.handle).not.toBe(old);
  };

  it('C20 an unknown handle, or a handle of another definition, is 409 with the live handle', async () => {
    const d = await drain(s.url, { table: 'pl_rot' }, auth);
    const unknown = await get({ table: 'pl_rot', handle: 'nope', offset: d.offset });
    expect409(unknown, 'nope');
    expect(unknown.handle).toBe(d.handle);
    const other = await get({ table: 'pl_rot', where: 'id > 2', handle: d.handle, offset: d.offset });
    expect409(other, d.handle);
    const refetched = await drain(s.url, { table: 'pl_rot', where: 'id > 2' }, auth);
    expect(refetched.handle).toBe(other.handle);
    expect(refetched.messages).toHaveLength(3);
  });

  it('C20/C22 DELETE /v1/shape rotates the handle, also under a held long poll', async () => {
    const d = await drain(s.url, { table: 'pl_rot' }, auth);
    const held = get({ table: 'pl_rot', handle: d.handle, offset: d.offset, live: 'true', cursor: '' });
    await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    const del = await fetch(`${s.url}/v1/shape?table=pl_rot&handle=${d.handle}`, {
      method: 'DELETE',
      headers: auth,
    });
    expect(del.status).toBe(202);
    const r = await held;
    expect(Date.now() - t0).toBeLessThan(1500);
    expect409(r, d.handle);
    const after = await drain(s.url, { table: 'pl_rot' }, auth);
    expect(after.handle).toBe(r.handle);
    expect(after.messages).toHaveLength(5);
  });

  it('C22 TRUNCATE rotates the handle (and advances the global LSN)', async () => {
    const d = await drain(s.url, { table: 'pl_rot' }, auth);
    await s.sql.query('TRUNCATE pl_rot');
    const r = await get({ table: 'pl_rot', handle: d.handle, offset: d.offset });
    expect409(r, d.handle);
    const after = await drain(s.url, { table: 'pl_rot' }, auth);
    expect(after.messages).toHaveLength(0);
    expect(lsnOf(after.lastBody)).toBeGreaterThan(lsnOf(d.lastBody));
  });

  it('C22 DDL on the table rotates the handle; the new shape has the new column', async () => {
    const d = await drain(s.url, { table: 'pl_ddl' }, auth);
    await s.sql.query('ALTER TABLE pl_ddl ADD COLUMN extra int DEFAULT 7');
    const r = await get({ table: 'pl_ddl', handle: d.handle, offset: d.offset });
    expect409(r, d.handle);
    const first = await get({ table: 'pl_ddl', offset: '-1' });
    expect(JSON.parse(first.headers.get('electric-schema') as string).extra).toEqual({ type: 'int4' });
    const after = await drain(s.url, { table: 'pl_ddl' }, auth);
    await s.sql.query(`UPDATE pl_ddl SET extra = 8 WHERE id = 1`);
    const more = await drain(s.url, { table: 'pl_ddl' }, auth, after);
    expect(more.messages[0]?.value).toEqual({ id: '1', extra: '8' });
  });

  it('C22 DDL is caught by the table fingerprint even without the event trigger', async () => {
    const d = await drain(s.url, { table: 'pl_fp' }, auth);
    await s.sql.transaction({}, async (q) => {
      await q.query('ALTER EVENT TRIGGER sync_on_ddl DISABLE');
      await q.query('ALTER TABLE pl_fp ADD COLUMN quiet text');
      await q.query('ALTER EVENT TRIGGER sync_on_ddl ENABLE');
    });
    const r = await get({ table: 'pl_fp', handle: d.handle, offset: d.offset });
    expect409(r, d.handle);
    const after = await drain(s.url, { table: 'pl_fp' }, auth);
    await s.sql.query(`UPDATE pl_fp SET quiet = 'q' WHERE id = 2`);
    const more = await drain(s.url, { table: 'pl_fp' }, auth, after);
    expect(more.messages[0]?.value).toEqual({ id: '2', quiet: 'q' });
  });
});
