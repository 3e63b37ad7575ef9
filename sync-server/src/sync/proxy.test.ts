import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Shape, ShapeStream, type ShapeStreamOptions } from '@electric-sql/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CACHE, fakeElectric, type Recorded, ROWS, SCHEMA, UPSTREAM_SECRET } from './proxy.fixtures.ts';
import { FORWARDED_PARAMS } from './proxy.ts';
import { auth, type ShapeServer, shapeGet, startShapeServer } from './test-kit.ts';
import { type Seeded, seedWorld } from './user-shapes.fixtures.ts';

// Proxy mode (protocol §11, C31) against a fake upstream Electric on loopback (proxy.fixtures.ts) that records every request.

let s: ShapeServer;
let z: Seeded;
let fake: ReturnType<typeof fakeElectric>;
let upstreamUrl: string;
const aborts: AbortController[] = [];
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const last = () => fake.requests.at(-1) as Recorded;

beforeAll(async () => {
  fake = fakeElectric();
  await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  s = await startShapeServer({ electricUrl: upstreamUrl, electricUpstreamSecret: UPSTREAM_SECRET });
  z = await seedWorld(s);
  await s.sql.query('CREATE TABLE IF NOT EXISTS px_items (id int PRIMARY KEY, name text)');
  await s.sql.query(
    `INSERT INTO px_items VALUES (1, 'one'), (2, 'two'), (3, 'three') ON CONFLICT DO NOTHING`,
  );
});
afterAll(async () => {
  for (const a of aborts) a.abort();
  await s?.stop();
  fake?.server.closeAllConnections();
  await new Promise((r) => fake?.server.close(r));
});
beforeEach(() => {
  fake.requests.length = 0;
  s.deps.config.electricUrl = upstreamUrl;
});

describe('proxy mode (ELECTRIC_URL)', () => {
  it('a sales rep’s shape goes upstream with the server’s where, params and columns, and nothing of the client’s', async () => {
    const res = await shapeGet(
      s.url,
      { table: 'clients', where: 'true', columns: 'id', offset: '-1', foo: 'bar' },
      { ...bearer(z.w.salesA1.token), cookie: 'mak_session=x' },
    );
    expect(res.status).toBe(200);
    expect(fake.requests).toHaveLength(1);
    const up = last();
    expect(up.path).toBe('/v1/shape');
    expect(up.query.get('table')).toBe('clients');
    expect(up.query.get('where')).toMatch(/owner_id = \$1::uuid/);
    expect(up.query.get('where')).not.toBe('true');
    expect(up.query.get('params[1]')).toBe(z.w.salesA1.id);
    const columns = up.query.get('columns')?.split(',') ?? [];
    expect(columns).toContain('id');
    expect(columns).toContain('owner_id');
    expect(columns).not.toContain('search');
    expect(up.query.get('foo')).toBeNull();
    expect(up.query.get('secret')).toBe(UPSTREAM_SECRET);
    expect(up.query.get('offset')).toBe('-1');
    expect(up.headers.authorization).toBeUndefined();
    expect(up.headers.cookie).toBeUndefined();
    // Headers: copied, minus the upstream's encoding and length; per-user caching.
    expect(res.headers.get('electric-handle')).toBe('h-1');
    expect(res.headers.get('electric-offset')).toBe('0_inf');
    expect(JSON.parse(res.headers.get('electric-schema') ?? '')).toEqual(JSON.parse(SCHEMA));
    expect(res.headers.get('etag')).toBe('"h-1:-1:0_inf"');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Authorization/);
    expect(res.headers.get('vary')).toMatch(/Cookie/);
    expect(res.headers.get('cache-control')).toMatch(/^private/);
    expect(res.headers.get('cache-control')).not.toMatch(/s-maxage/);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/electric-handle/);
    expect(res.body).toHaveLength(3);
  });

  it('the users shape sends an explicit column list without password or 2FA secrets', async () => {
    expect((await shapeGet(s.url, { table: 'users', offset: '-1' }, bearer(z.w.salesA1.token))).status).toBe(
      200,
    );
    const columns = last().query.get('columns')?.split(',') ?? [];
    expect(columns).toContain('email');
    for (const secret of ['password_hash', 'totp_secret', 'totp_pending_secret'])
      expect(columns).not.toContain(secret);
  });

  it('forwards exactly the protocol parameters', async () => {
    const sent: Record<string, string> = {
      table: 'px_items',
      offset: '0_inf',
      handle: 'h-1',
      live: 'true',
      cursor: '123',
      expired_handle: 'h-0',
      log: 'full',
      'cache-buster': 'cb',
      live_sse: 'false',
      experimental_live_sse: 'false',
      foo: 'bar',
      queryable_columns: 'id',
    };
    const res = await shapeGet(s.url, sent, auth);
    expect(res.status).toBe(200);
    expect(res.headers.get('electric-cursor')).toBe('1');
    const q = last().query;
    for (const name of FORWARDED_PARAMS) expect([name, q.get(name)]).toEqual([name, sent[name]]);
    expect([...new Set(q.keys())].sort()).toEqual([...FORWARDED_PARAMS, 'table', 'replica', 'secret'].sort());
  });

  it.each(['subset__where', 'subset__params', 'subset__limit', 'subset__offset', 'subset__order_by'])(
    '%s is answered 400 here, as in our own mode, and never reaches the upstream',
    async (name) => {
      const res = await shapeGet(s.url, { table: 'px_items', offset: '-1', [name]: '1' }, auth);
      expect(res.status).toBe(400);
      expect(fake.requests).toHaveLength(0);
    },
  );

  it('the service secret forwards the client’s table, where, params, columns and replica', async () => {
    const query = {
      table: 'px_items',
      where: 'id > $1',
      'params[1]': '1',
      columns: 'id,name',
      replica: 'full',
    };
    const res = await shapeGet(s.url, { ...query, offset: '-1' }, auth);
    expect(res.status).toBe(200);
    const up = last();
    for (const [k, v] of Object.entries(query)) expect(up.query.get(k)).toBe(v);
    expect(up.query.get('secret')).toBe(UPSTREAM_SECRET);
    expect(up.headers.authorization).toBeUndefined();
    expect(res.headers.get('cache-control')).toBe(CACHE);
    expect(res.headers.get('vary') ?? '').not.toMatch(/Authorization/);
  });

  it('DELETE: the service secret is forwarded as a DELETE upstream, a user gets 403 here', async () => {
    const del = await fetch(`${s.url}/v1/shape?table=px_items&handle=h-1`, {
      method: 'DELETE',
      headers: auth,
    });
    expect(del.status).toBe(202);
    const up = last();
    expect([up.method, up.query.get('table'), up.query.get('handle')]).toEqual([
      'DELETE',
      'public.px_items',
      'h-1',
    ]);
    expect([up.query.get('secret'), up.headers.authorization]).toEqual([UPSTREAM_SECRET, undefined]);
    const user = await fetch(`${s.url}/v1/shape?table=clients`, {
      method: 'DELETE',
      headers: bearer(z.w.salesA1.token),
    });
    expect(user.status).toBe(403);
    expect(fake.requests).toHaveLength(1);
  });

  it('upstream errors pass through', async () => {
    const res = await shapeGet(s.url, { table: 'missing', offset: '-1' }, auth);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'Invalid request', errors: { table: ['does not exist'] } });
  });

  it('the body is streamed: the first bytes arrive before the upstream has finished', async () => {
    const res = await fetch(`${s.url}/v1/shape?table=slow_items&offset=-1`, { headers: auth });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^\[\{"key"/);
    expect(fake.slow.done).toBe(false);
    fake.slow.release();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read())
      rest += new TextDecoder().decode(r.value);
    expect(rest.endsWith(']')).toBe(true);
  });

  it('auth is ours: no token 401, an unknown shape 400, a wrong secret 401; none reach the upstream', async () => {
    expect((await shapeGet(s.url, { table: 'clients', offset: '-1' })).status).toBe(401);
    const unknown = await shapeGet(s.url, { table: 'nope', offset: '-1' }, bearer(z.w.salesA1.token));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.table[0]).toMatch(/no shape named/);
    expect((await shapeGet(s.url, { table: 'px_items', offset: '-1', secret: 'wrong' })).status).toBe(401);
    expect(fake.requests).toHaveLength(0);
  });

  it('upstream down: 503 with retry-after (the client retries); health reports the upstream', async () => {
    const health = await s.api('/v1/health');
    expect([health.status, health.body]).toEqual([200, { status: 'active' }]);
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((r) => dead.close(r));
    s.deps.config.electricUrl = `http://127.0.0.1:${port}`;
    const res = await shapeGet(s.url, { table: 'px_items', offset: '-1' }, auth);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const down = await s.api('/v1/health');
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
  });
});

/** One official-client run: ShapeStream until up-to-date, the rows it holds. */
async function syncedRows(params: Record<string, string>, headers: Record<string, string>) {
  const controller = new AbortController();
  aborts.push(controller);
  const stream = new ShapeStream({
    url: `${s.url}/v1/shape`,
    params: params as ShapeStreamOptions['params'],
    headers,
    signal: controller.signal,
  });
  const rows = await new Shape(stream).rows;
  controller.abort();
  return rows.map((r) => ({ ...r })).sort((a, b) => Number(a.id) - Number(b.id));
}

describe('@electric-sql/client 1.5.28: the same run passes against both backends', () => {
  it('proxy (fake upstream) and our own server give the same rows', async () => {
    const proxied = await syncedRows({ table: 'px_items' }, auth);
    expect(proxied).toEqual(ROWS);
    expect(fake.requests.every((r) => r.query.get('secret') === UPSTREAM_SECRET)).toBe(true);
    s.deps.config.electricUrl = undefined;
    const own = await syncedRows({ table: 'px_items' }, auth);
    expect(own).toEqual(ROWS);
  });

  it('a signed-in user’s named shape reaches up-to-date through the proxy', async () => {
    const rows = await syncedRows({ table: 'clients' }, bearer(z.w.salesA1.token));
    expect(rows.map((r) => r.name)).toEqual(ROWS.map((r) => r.name));
    expect(fake.requests.every((r) => r.query.get('params[1]') === z.w.salesA1.id)).toBe(true);
  });
});
