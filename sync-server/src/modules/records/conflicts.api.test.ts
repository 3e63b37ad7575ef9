import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeWorld, type World } from '../../testing/world.ts';

// biome-ignore lint/suspicious/noExplicitAny: rows as the API answers them
type Row = any;

let server: TestServer;
let w: World;
const fixtures = { pipelineId: '', clientId: '' };

/** A timestamptz as the API prints it → a key that sorts like the instant (microseconds kept). */
function tsKey(ts: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}(?::?\d{2})?)$/.exec(ts);
  if (!m) throw new Error(`not a timestamp: ${ts}`);
  const [, day, time, frac = '', zone = 'Z'] = m;
  const offset = zone.length === 3 ? `${zone}:00` : zone;
  return `${String(Date.parse(`${day}T${time}${offset}`)).padStart(16, '0')}${frac.padEnd(6, '0')}`;
}

async function create(path: string, body: unknown, token = w.admin.token): Promise<Row> {
  const res = await server.api(path, { method: 'POST', token, body });
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
  expect(res.headers.get('etag')).toBe('"1"');
  return res.body;
}

const patch = (path: string, body: unknown, headers: Record<string, string> = {}, token = w.admin.token) =>
  server.api(path, { method: 'PATCH', token, body, headers });

interface ResourceCase {
  /** Path segment under /api. */
  res: string;
  /** A text field every PATCH changes. */
  field: string;
  make: (n: number) => Promise<Row>;
}

let seq = 0;
const uniq = () => `${w.tag}${++seq}`;

const CASES: ResourceCase[] = [
  { res: 'clients', field: 'name', make: () => create('/api/clients', { name: `Клиент ${uniq()}` }) },
  {
    res: 'contacts',
    field: 'name',
    make: () => create('/api/contacts', { clientId: fixtures.clientId, name: `Контакт ${uniq()}` }),
  },
  {
    res: 'deals',
    field: 'title',
    make: () => create('/api/deals', { title: `Сделка ${uniq()}`, pipelineId: fixtures.pipelineId }),
  },
  { res: 'tasks', field: 'title', make: () => create('/api/tasks', { title: `Задача ${uniq()}` }) },
  {
    res: 'notes',
    field: 'body',
    make: () => create('/api/notes', { body: `Заметка ${uniq()}`, clientId: fixtures.clientId }),
  },
  {
    res: 'pipelines',
    field: 'name',
    make: () => create('/api/pipelines', { name: `Воронка ${uniq()}`, position: 9_990 }),
  },
  {
    res: 'stages',
    field: 'name',
    make: () => create('/api/stages', { pipelineId: fixtures.pipelineId, name: `Этап ${uniq()}` }),
  },
  {
    res: 'segments',
    field: 'name',
    make: () => create('/api/segments', { name: `Сегмент ${uniq()}`, entity: 'clients' }),
  },
  {
    res: 'custom-fields',
    field: 'label',
    make: () =>
      create('/api/custom-fields', { entity: 'contacts', key: `f_${uniq()}`, label: 'Поле', type: 'text' }),
  },
  {
    res: 'users',
    field: 'name',
    make: () =>
      create('/api/users', {
        email: `u${uniq()}@test.mak`,
        name: 'Пользователь',
        password: 'long-enough-pw',
        role: 'sales',
      }),
  },
];

beforeAll(async () => {
  server = await startTestServer();
  w = await makeWorld(server.database.db);
  const pipeline = await create('/api/pipelines', { name: `Воронка ${w.tag}`, position: 9_990 });
  await create('/api/stages', { pipelineId: pipeline.id, name: 'Первый', position: 0 });
  fixtures.pipelineId = pipeline.id;
  fixtures.clientId = (await create('/api/clients', { name: `Клиент ${w.tag}` })).id;
});
afterAll(async () => {
  // Leave no pipeline of ours where other files' deals might land by default.
  if (fixtures.pipelineId)
    await server.api(`/api/pipelines/${fixtures.pipelineId}`, { method: 'DELETE', token: w.admin.token });
  await server?.stop();
});

describe.each(CASES)('optimistic concurrency on $res', ({ res, field, make }) => {
  it('ETag, If-Match, body version, last write wins and 409 on a stale version', async () => {
    const created = await make(0);
    const url = `/api/${res}/${created.id}`;
    const seen: Row[] = [created];
    const applied = (r: Row) => {
      const prev = seen.at(-1) as Row;
      expect(r.version).toBe(prev.version + 1);
      expect(tsKey(r.updatedAt) > tsKey(prev.updatedAt), `${prev.updatedAt} < ${r.updatedAt}`).toBe(true);
      expect(r.createdAt).toBe(created.createdAt);
      seen.push(r);
    };

    const got = await server.api(url, { token: w.admin.token });
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe('"1"');
    expect(got.body.version).toBe(1);

    const first = await patch(url, { [field]: 'B' }, { 'if-match': '"1"' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    expect(first.body[field]).toBe('B');
    applied(first.body);

    const stale = await patch(url, { [field]: 'C' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'conflict', currentVersion: 2 });
    const after = await server.api(url, { token: w.admin.token });
    expect(after.body).toMatchObject({ [field]: 'B', version: 2, updatedAt: first.body.updatedAt });
    expect(after.headers.get('etag')).toBe('"2"');

    // The version may travel in the body instead of the header.
    const staleBody = await patch(url, { [field]: 'C', version: 1 });
    expect(staleBody.status).toBe(409);
    expect(staleBody.body).toMatchObject({ code: 'conflict', currentVersion: 2 });
    const bodyOk = await patch(url, { [field]: 'C', version: 2 });
    expect(bodyOk.status).toBe(200);
    expect(bodyOk.headers.get('etag')).toBe('"3"');
    expect(bodyOk.body).not.toHaveProperty('version', 2);
    applied(bodyOk.body);

    // Weak and unquoted forms of the same version are accepted.
    const weak = await patch(url, { [field]: 'D' }, { 'if-match': 'W/"3"' });
    expect(weak.status).toBe(200);
    applied(weak.body);
    const bare = await patch(url, { [field]: 'E' }, { 'if-match': '4' });
    expect(bare.status).toBe(200);
    applied(bare.body);

    // No version at all: the write applies over whatever is there.
    const blind = await patch(url, { [field]: 'F' });
    expect(blind.status).toBe(200);
    expect(blind.body[field]).toBe('F');
    applied(blind.body);

    for (const bad of ['abc', '"x"', '"1", "2"', `"${'9'.repeat(45)}"`]) {
      const r = await patch(url, { [field]: 'G' }, { 'if-match': bad });
      expect(r.status, bad).toBe(400);
      expect(r.body.code).toBe('validation');
    }
    expect((await patch(url, { [field]: 'G', version: 0 })).status).toBe(400);
    expect((await patch(url, { [field]: 'G', version: '6' })).status).toBe(400);
    const final = await server.api(url, { token: w.admin.token });
    expect(final.body).toMatchObject({ [field]: 'F', version: 6 });
  });

  it('two concurrent PATCHes with the same If-Match: exactly one wins', async () => {
    const created = await make(1);
    const url = `/api/${res}/${created.id}`;
    const results = await Promise.all(
      ['X', 'Y'].map((v) => patch(url, { [field]: v }, { 'if-match': '"1"' })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200) as (typeof results)[number];
    const loser = results.find((r) => r.status === 409) as (typeof results)[number];
    expect(loser.body.code).toBe('conflict');
    const now = await server.api(url, { token: w.admin.token });
    expect(now.body).toMatchObject({ version: 2, [field]: winner.body[field] });
  });

  it('soft delete and restore bump version and updatedAt too', async () => {
    const created = await make(2);
    const url = `/api/${res}/${created.id}`;
    const del = await server.api(url, { method: 'DELETE', token: w.admin.token });
    expect(del.status, JSON.stringify(del.body)).toBe(200);
    expect(del.body.version).toBe(2);
    expect(del.body.deletedAt).not.toBeNull();
    expect(tsKey(del.body.updatedAt) > tsKey(created.updatedAt)).toBe(true);
    expect((await server.api(url, { token: w.admin.token })).status).toBe(404);
    expect((await patch(url, { [field]: 'Z' }, { 'if-match': '"2"' })).status).toBe(404);

    const restored = await server.api(`${url}/restore`, { method: 'POST', token: w.admin.token });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ version: 3, deletedAt: null });
    expect(tsKey(restored.body.updatedAt) > tsKey(del.body.updatedAt)).toBe(true);
    // A client that read version 1 before the delete is now stale.
    const stale = await patch(url, { [field]: 'Z' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(3);
    const ok = await patch(url, { [field]: 'Z' }, { 'if-match': '"3"' });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(4);
  });
});

describe('conflicts in a sales rep scope', () => {
  it('a stale write by one rep does not clobber the manager edit, and the scope check comes first', async () => {
    const client = await create('/api/clients', { name: `Общий ${w.tag}` }, w.salesA1.token);
    const url = `/api/clients/${client.id}`;
    const mgr = await patch(url, { status: 'prospect' }, { 'if-match': '"1"' }, w.managerA.token);
    expect(mgr.status).toBe(200);
    const rep = await patch(url, { status: 'lost' }, { 'if-match': '"1"' }, w.salesA1.token);
    expect(rep.status).toBe(409);
    expect(rep.body.currentVersion).toBe(2);
    // Someone outside the scope learns nothing about versions: 404, not 409.
    const outsider = await patch(url, { status: 'lost' }, { 'if-match': '"1"' }, w.salesB1.token);
    expect(outsider.status).toBe(404);
    const now = await server.api(url, { token: w.salesA1.token });
    expect(now.body).toMatchObject({ status: 'prospect', version: 2 });
  });

  it('roles take the body version as well', async () => {
    const key = `r${w.tag}`;
    const made = await server.api('/api/roles', {
      token: w.admin.token,
      body: { key, name: 'Роль', permissions: [] },
    });
    expect(made.status).toBe(201);
    const role = made.body;
    const ok = await patch(`/api/roles/${role.id}`, { name: 'Роль 2', version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    const stale = await patch(`/api/roles/${role.id}`, { name: 'Роль 3', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'conflict', currentVersion: 2 });
    expect((await server.api(`/api/roles/${role.id}`, { token: w.admin.token })).body.name).toBe('Роль 2');
    await server.api(`/api/roles/${role.id}`, { method: 'DELETE', token: w.admin.token });
  });
});
