import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, drain, type Msg, SECRET, type ShapeServer, shapeGet, startShapeServer } from './test-kit.ts';

// Conformance checklist of shared/design/electric-protocol.md §16, over plain HTTP. Runs on Postgres and PGlite.

let s: ShapeServer;
const T = 'pb_items';
const OFFSET = /^(-1|now|\d+_(\d+|inf))$/;

beforeAll(async () => {
  s = await startShapeServer();
  await s.sql.query(`CREATE TABLE ${T} (id text PRIMARY KEY, name text NOT NULL, n int)`);
  await s.sql.query(`INSERT INTO ${T} SELECT 'k' || g, 'name ' || g, g FROM generate_series(1, 2100) g`);
  await s.sql.query(`INSERT INTO ${T} VALUES ('a/b', 'slash', 0)`);
  await s.sql.query(`CREATE TABLE "pb.odd/rel" (a int, b text, PRIMARY KEY (a, b))`);
  await s.sql.query(`INSERT INTO "pb.odd/rel" VALUES (1, 'x/y')`);
});
afterAll(() => s?.stop());

const get = (q: Record<string, string>, headers: Record<string, string> = auth) =>
  shapeGet(s.url, q, headers);

describe('snapshot and offsets', () => {
  it('C1 offset=-1 answers 200 with handle, offset, schema and a JSON array', async () => {
    const r = await get({ table: T, offset: '-1' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(r.handle).toBeTruthy();
    expect(r.offset).toMatch(OFFSET);
    expect(JSON.parse(r.headers.get('electric-schema') as string)).toMatchObject({ id: { type: 'text' } });
    expect(Array.isArray(r.body)).toBe(true);
    expect(r.body).toHaveLength(1000);
  });

  it('C2 the -1 response is not up to date; following offsets ends with up-to-date(global_last_seen_lsn)', async () => {
    const first = await get({ table: T, offset: '-1' });
    expect(first.upToDate).toBe(false);
    expect((first.body as Msg[]).some((m) => m.headers.control === 'up-to-date')).toBe(false);
    const d = await drain(s.url, { table: T }, auth);
    const last = d.lastBody.at(-1) as Msg;
    expect(last.headers.control).toBe('up-to-date');
    expect(last.headers.global_last_seen_lsn).toMatch(/^\d+$/);
    expect(d.messages).toHaveLength(2101);
    expect(d.requests).toBe(4); // chunks 0_0, 0_1, 0_2, then the log
  });

  it('C3 offset=-1 ignores any handle', async () => {
    const a = await get({ table: T, offset: '-1' });
    const b = await get({ table: T, offset: '-1', handle: 'no-such-handle' });
    expect(b.status).toBe(200);
    expect(b.handle).toBe(a.handle);
  });

  it('C4 missing handle, malformed offset and live with -1 are 400 naming the field', async () => {
    const noHandle = await get({ table: T, offset: '0_1' });
    expect(noHandle.status).toBe(400);
    expect(noHandle.body).toEqual({
      message: 'Invalid request',
      errors: { handle: ["can't be blank when offset != -1"] },
    });
    for (const offset of ['abc', '1_', '_1', '-2', '1_2_3', '']) {
      const r = await get({ table: T, offset });
      expect(r.status, offset).toBe(400);
      expect(Object.keys(r.body.errors), offset).toEqual(['offset']);
    }
    const live = await get({ table: T, offset: '-1', live: 'true' });
    expect(live.status).toBe(400);
    expect(live.body.errors.live).toBeDefined();
  });

  it('C5/C6 offsets match the grammar, increase, and a non-live request at the tail keeps its offset', async () => {
    const d = await drain(s.url, { table: T }, auth);
    const again = await get({ table: T, offset: d.offset, handle: d.handle });
    expect(again.status).toBe(200);
    expect(again.offset).toBe(d.offset);
    expect(again.upToDate).toBe(true);
    expect(again.body).toEqual([
      { headers: { control: 'up-to-date', global_last_seen_lsn: expect.stringMatching(/^\d+$/) } },
    ]);
    let offset = '-1';
    let handle = '';
    const seen: string[] = [];
    for (;;) {
      const r = await get({ table: T, offset, ...(handle ? { handle } : {}) });
      expect(r.offset).toMatch(OFFSET);
      // C6: a non-live 200 advances the offset or ends with up-to-date.
      expect(r.offset !== offset || r.upToDate).toBe(true);
      seen.push(r.offset as string);
      offset = r.offset as string;
      handle = r.handle as string;
      if (r.upToDate) break;
    }
    expect(seen).toEqual(['0_1', '0_2', '0_inf', '0_inf']);
  });

  it('C7 snapshot rows carry only operation and relation', async () => {
    const r = await get({ table: T, offset: '-1' });
    for (const m of r.body as Msg[])
      expect(m.headers).toEqual({ operation: 'insert', relation: ['public', T] });
  });

  it('C13 keys are "schema"."table"/"pk…" with / doubled in values and . and / doubled in relation names', async () => {
    const d = await drain(s.url, { table: T, where: 'id = $1', 'params[1]': 'a/b' }, auth);
    expect(d.messages.map((m) => m.key)).toEqual([`"public"."${T}"/"a//b"`]);
    const odd = await drain(s.url, { table: 'public."pb.odd/rel"' }, auth);
    expect(odd.messages.map((m) => m.key)).toEqual(['"public"."pb..odd//rel"/"1"/"x//y"']);
    await s.sql.query(`UPDATE ${T} SET n = 1 WHERE id = 'a/b'`);
    const more = await get({
      table: T,
      where: 'id = $1',
      'params[1]': 'a/b',
      offset: d.offset,
      handle: d.handle,
    });
    expect((more.body as Msg[])[0]?.key).toBe(`"public"."${T}"/"a//b"`);
  });
});

describe('CORS, errors, health', () => {
  it('C27 every response exposes the electric headers; OPTIONS is 204 and allows authorization', async () => {
    const r = await get({ table: T, offset: '-1' }, { ...auth, origin: 'https://app.example' });
    expect(r.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const exposed = (r.headers.get('access-control-expose-headers') as string).split(',');
    for (const h of [
      'electric-cursor',
      'electric-handle',
      'electric-has-data',
      'electric-offset',
      'electric-schema',
      'electric-up-to-date',
      'retry-after',
    ]) {
      expect(exposed).toContain(h);
    }
    const pre = await fetch(`${s.url}/v1/shape?table=${T}&offset=-1`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(pre.headers.get('access-control-allow-methods')).toContain('GET');
    const err = await get({ table: T, offset: 'x' }, { ...auth, origin: 'https://app.example' });
    expect(err.headers.get('access-control-allow-origin')).toBe('https://app.example');
  });

  it('C28 errors carry cache-control: no-store', async () => {
    for (const q of [
      { table: T, offset: 'x' },
      { table: 'nope', offset: '-1' },
    ]) {
      const r = await get(q);
      expect(r.status).toBe(400);
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
    const denied = await get({ table: T, offset: '-1', secret: 'wrong' }, {});
    expect(denied.status).toBe(401);
    expect(denied.body).toEqual({ message: 'Unauthorized - Invalid API secret' });
    expect(denied.headers.get('cache-control')).toBe('no-store');
  });

  it('C29 GET /v1/health is active; DELETE /v1/shape is 202, or 404 for an unknown shape', async () => {
    const h = await shapeGet(s.url, {}, {}, '/v1/health');
    expect(h.status).toBe(200);
    expect(h.body).toEqual({ status: 'active' });
    const { handle } = await get({ table: T, offset: '-1', where: 'n < 5' });
    const del = await fetch(`${s.url}/v1/shape?table=${T}&handle=${handle}`, {
      method: 'DELETE',
      headers: auth,
    });
    expect(del.status).toBe(202);
    const gone = await fetch(`${s.url}/v1/shape?table=${T}&handle=${handle}`, {
      method: 'DELETE',
      headers: auth,
    });
    expect(gone.status).toBe(404);
    const noSecret = await fetch(`${s.url}/v1/shape?table=${T}`, { method: 'DELETE' });
    expect(noSecret.status).toBe(401);
  });

  it('C30 unsupported features are 400, never a wrong 200; log=full, expired_handle and cache-buster are accepted', async () => {
    const bad: Record<string, string>[] = [
      { where: 'id IN (SELECT id FROM pb_items)' },
      { log: 'changes_only' },
      { subset__where: 'true' },
      { live_sse: 'true' },
      { experimental_live_sse: 'true' },
    ];
    for (const extra of bad) {
      const r = await get({ table: T, offset: '-1', ...extra });
      expect(r.status, JSON.stringify(extra)).toBe(400);
      expect(r.body.message).toBe('Invalid request');
    }
    expect((await get({ table: T, offset: 'now' })).status).toBe(400);
    const post = await fetch(`${s.url}/v1/shape?table=${T}&offset=-1`, {
      method: 'POST',
      headers: auth,
      body: '{}',
    });
    expect(post.status).toBe(400);
    const ok = await get({ table: T, offset: '-1', log: 'full', expired_handle: 'x', 'cache-buster': '123' });
    expect(ok.status).toBe(200);
  });

  it('a bad where, table or column list is a 400 naming the field (never a 500)', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ where: 'n > 1; DROP TABLE pb_items' }, 'where'],
      [{ where: 'n >' }, 'where'],
      [{ where: 'nope = 1' }, 'where'],
      [{ where: 'n = $1' }, 'params'],
      [{ where: 'n = $1', 'params[1]': 'not a number' }, 'where'],
      [{ where: 'pg_sleep(1) IS NULL' }, 'where'],
      [{ where: 'n > 1 -- comment' }, 'where'],
      [{ where: "$$x$$ = 'x'" }, 'where'],
      [{ where: 'n' }, 'where'],
      [{ where: 'created > now()' }, 'where'],
      [{ table: 'no_such_table' }, 'table'],
      [{ table: 'a.b.c' }, 'table'],
      [{ table: 'sync_change_log' }, 'table'],
      [{ columns: 'name' }, 'columns'],
      [{ columns: 'id,nope' }, 'columns'],
      [{ replica: 'half' }, 'replica'],
    ];
    for (const [extra, field] of cases) {
      const r = await get({ table: T, offset: '-1', ...extra });
      expect(r.status, JSON.stringify(extra)).toBe(400);
      expect(Object.keys(r.body.errors ?? {}), JSON.stringify(extra)).toEqual([field]);
    }
  });

  it('the secret works as a query parameter or a bearer header; without it a shape needs a user session', async () => {
    expect((await get({ table: T, offset: '-1', secret: SECRET }, {})).status).toBe(200);
    expect((await get({ table: T, offset: '-1', api_secret: SECRET }, {})).status).toBe(200);
    expect((await get({ table: T, offset: '-1' }, {})).status).toBe(401);
    const cols = await get({ table: T, offset: '-1', columns: '"id","name"' });
    expect(Object.keys(JSON.parse(cols.headers.get('electric-schema') as string))).toEqual(['id', 'name']);
    expect(Object.keys((cols.body as Msg[])[0]?.value ?? {}).sort()).toEqual(['id', 'name']);
  });
});
