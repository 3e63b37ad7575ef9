import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db.ts';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeWorld, type World, type WorldUser } from '../../testing/world.ts';

// biome-ignore lint/suspicious/noExplicitAny: rows as the API answers them
type Row = any;
type Actor = 'admin' | 'salesA1';

let server: TestServer;
let w: World;
const fixtures = { pipelineId: '', clientId: '' };
let seq = 0;
const uniq = () => `${w.tag}${++seq}`;

async function create(path: string, body: unknown, token = w.admin.token): Promise<Row> {
  const res = await server.api(path, { method: 'POST', token, body });
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}

async function history(res: string, id: string, token = w.admin.token): Promise<Row[]> {
  const r = await server.api(`/api/${res}/${id}/history`, { token });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items;
}

async function auditRows(table: string, id: string): Promise<Row[]> {
  return rowsOf<Row>(
    await server.database.db.execute(
      sql`select action, actor_id as "actorId", diff from audit_log where table_name = ${table} and row_id = ${id} order by id`,
    ),
  );
}

interface AuditCase {
  res: string;
  actor: Actor;
  /** The column (snake_case, as the audit diff names it) the update changes from 'A' to 'B'. */
  field: string;
  create: (value: string, token: string) => Promise<Row>;
}

const CASES: AuditCase[] = [
  { res: 'clients', actor: 'admin', field: 'name', create: (v, t) => create('/api/clients', { name: v }, t) },
  {
    res: 'contacts',
    actor: 'admin',
    field: 'name',
    create: (v, t) => create('/api/contacts', { clientId: fixtures.clientId, name: v }, t),
  },
  {
    res: 'deals',
    actor: 'admin',
    field: 'title',
    create: (v, t) => create('/api/deals', { title: v, pipelineId: fixtures.pipelineId, amount: 100 }, t),
  },
  {
    res: 'pipelines',
    actor: 'admin',
    field: 'name',
    create: (v, t) => create('/api/pipelines', { name: v, position: 9_990 }, t),
  },
  {
    res: 'stages',
    actor: 'admin',
    field: 'name',
    create: (v, t) => create('/api/stages', { pipelineId: fixtures.pipelineId, name: v, position: 5 }, t),
  },
  { res: 'tasks', actor: 'salesA1', field: 'title', create: (v, t) => create('/api/tasks', { title: v }, t) },
  {
    res: 'notes',
    actor: 'salesA1',
    field: 'body',
    create: (v, t) => create('/api/notes', { body: v, clientId: fixtures.clientId }, t),
  },
  {
    res: 'segments',
    actor: 'salesA1',
    field: 'name',
    create: (v, t) => create('/api/segments', { name: v, entity: 'deals' }, t),
  },
  {
    res: 'custom-fields',
    actor: 'admin',
    field: 'label',
    create: (v, t) =>
      create('/api/custom-fields', { entity: 'contacts', key: `a_${uniq()}`, label: v, type: 'text' }, t),
  },
  {
    res: 'users',
    actor: 'admin',
    field: 'name',
    create: (v, t) =>
      create(
        '/api/users',
        { email: `audit${uniq()}@test.mak`, name: v, password: 'secret-pass-1', role: 'sales' },
        t,
      ),
  },
  { res: 'teams', actor: 'admin', field: 'name', create: (v, t) => create('/api/teams', { name: v }, t) },
];

const BOOKKEEPING = ['version', 'updated_at', 'created_at', 'search', 'search_text', 'last_mutation_id'];

beforeAll(async () => {
  server = await startTestServer();
  w = await makeWorld(server.database.db);
  const pipeline = await create('/api/pipelines', { name: `Аудит ${w.tag}`, position: 9_990 });
  await create('/api/stages', { pipelineId: pipeline.id, name: 'Первый', position: 0 });
  fixtures.pipelineId = pipeline.id;
  // Owned by salesA1 so the rep's notes may hang on it; the admin sees everything anyway.
  fixtures.clientId = (await create('/api/clients', { name: `Клиент ${w.tag}` }, w.salesA1.token)).id;
});
afterAll(async () => {
  if (fixtures.pipelineId)
    await server.api(`/api/pipelines/${fixtures.pipelineId}`, { method: 'DELETE', token: w.admin.token });
  await server?.stop();
});

describe.each(CASES)('audit trail of $res', ({ res, actor, field, create: make }) => {
  it('records create, update, delete and restore with the actor and a per-field diff', async () => {
    const who: WorldUser = w[actor];
    const row = await make('A', who.token);
    const url = `/api/${res}/${row.id}`;
    const upd = await server.api(url, { method: 'PATCH', token: who.token, body: { [field]: 'B' } });
    expect(upd.status, JSON.stringify(upd.body)).toBe(200);
    // A PATCH that changes nothing visible bumps the version but writes no audit row.
    const same = await server.api(url, { method: 'PATCH', token: who.token, body: { [field]: 'B' } });
    expect(same.status).toBe(200);
    expect((await server.api(url, { method: 'DELETE', token: who.token })).status).toBe(200);
    expect((await server.api(`${url}/restore`, { method: 'POST', token: who.token })).status).toBe(200);

    const items = await history(res, row.id, who.token);
    expect(items.map((i) => i.action)).toEqual(['create', 'update', 'delete', 'restore']);
    for (const i of items) {
      expect(i.actorId).toBe(who.id);
      expect(typeof i.at).toBe('string');
    }
    const [created, updated, deleted, restored] = items;
    expect(created.diff.id).toEqual([null, row.id]);
    expect(created.diff[field]).toEqual([null, 'A']);
    for (const k of BOOKKEEPING) expect(created.diff).not.toHaveProperty(k);
    expect(updated.diff).toEqual({ [field]: ['A', 'B'] });
    expect(Object.keys(deleted.diff)).toEqual(['deleted_at']);
    expect(deleted.diff.deleted_at[0]).toBeNull();
    expect(typeof deleted.diff.deleted_at[1]).toBe('string');
    expect(restored.diff).toEqual({ deleted_at: [deleted.diff.deleted_at[1], null] });
    expect(items.map((i) => i.id)).toEqual([...items.map((i) => i.id)].sort((a, b) => a - b));
  });
});

describe('audit details', () => {
  it('never stores a password hash: users get *** in the diff', async () => {
    const user = await create('/api/users', {
      email: `secret${uniq()}@test.mak`,
      name: 'Секретный',
      password: 'very-secret-pass',
      role: 'manager',
      teamId: w.teamA,
    });
    const [created] = await history('users', user.id);
    expect(created.diff.password_hash).toEqual([null, '***']);
    expect(created.diff.email).toEqual([null, user.email]);
    expect(JSON.stringify(created)).not.toMatch(/argon2|very-secret-pass/);

    // Changing one's own password is audited with both sides masked.
    const login = await server.api('/api/auth/login', {
      body: { email: user.email, password: 'very-secret-pass' },
    });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const token = login.body.token as string;
    const changed = await server.api('/api/auth/password', {
      token,
      body: { currentPassword: 'very-secret-pass', newPassword: 'another-secret-2' },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const last = (await auditRows('users', user.id)).at(-1) as Row;
    expect(last).toMatchObject({ action: 'update', actorId: user.id });
    expect(last.diff.password_hash).toEqual(['***', '***']);

    const [hashes] = rowsOf<{ n: number }>(
      await server.database.db.execute(
        sql`select count(*)::int as n from audit_log where diff::text like '%argon2%' or diff::text like '%secret-pass%'`,
      ),
    );
    expect(hashes?.n).toBe(0);
    // The world's users (made outside the API) were masked the same way.
    const [worldRow] = await auditRows('users', w.salesA1.id);
    expect(worldRow.diff.password_hash).toEqual([null, '***']);
  });

  it('names the right actor when two users edit the same record', async () => {
    const client = await create('/api/clients', { name: `Общий ${w.tag}`, status: 'lead' }, w.salesA1.token);
    const url = `/api/clients/${client.id}`;
    const rep = await server.api(url, {
      method: 'PATCH',
      token: w.salesA1.token,
      body: { name: `Общий ${w.tag} 2` },
    });
    expect(rep.status).toBe(200);
    const mgr = await server.api(url, {
      method: 'PATCH',
      token: w.managerA.token,
      body: { status: 'customer' },
    });
    expect(mgr.status).toBe(200);
    expect((await server.api(url, { method: 'DELETE', token: w.managerA.token })).status).toBe(200);
    const items = await history('clients', client.id, w.managerA.token);
    expect(items.map((i) => [i.action, i.actorId])).toEqual([
      ['create', w.salesA1.id],
      ['update', w.salesA1.id],
      ['update', w.managerA.id],
      ['delete', w.managerA.id],
    ]);
    expect(items[1].diff).toEqual({ name: [`Общий ${w.tag}`, `Общий ${w.tag} 2`] });
    expect(items[2].diff).toEqual({ status: ['lead', 'customer'] });
    expect(items[0].diff.owner_id).toEqual([null, w.salesA1.id]);
    // The rep still reads the history of the (deleted) record that is theirs.
    expect((await history('clients', client.id, w.salesA1.token)).length).toBe(4);
  });

  it('answers 404 for the history of a record outside the caller scope', async () => {
    const client = await create('/api/clients', { name: `Скрытый ${w.tag}` }, w.salesA1.token);
    const task = await create('/api/tasks', { title: `Скрытая ${w.tag}` }, w.salesA1.token);
    const tries: [string, string, WorldUser][] = [
      ['clients', client.id, w.salesA2],
      ['clients', client.id, w.managerB],
      ['clients', client.id, w.partner],
      ['tasks', task.id, w.salesB1],
      ['clients', '01900000-0000-7000-8000-000000000000', w.admin],
    ];
    for (const [res, id, user] of tries) {
      const r = await server.api(`/api/${res}/${id}/history`, { token: user.token });
      expect(r.status, `${user.role} ${res}`).toBe(404);
      expect(r.body.code).toBe('not_found');
    }
    expect((await server.api(`/api/clients/${client.id}/history`)).status).toBe(401);
  });

  it('roles (no /history route): the audit_log table holds create, update, delete and the grant changes', async () => {
    const made = await server.api('/api/roles', {
      token: w.admin.token,
      body: {
        key: `audit-${w.tag}`,
        name: 'A',
        permissions: [{ resource: 'clients', action: 'read', scope: 'own' }],
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id as string;
    const renamed = await server.api(`/api/roles/${id}`, {
      method: 'PATCH',
      token: w.admin.token,
      body: { name: 'B' },
    });
    expect(renamed.status).toBe(200);
    const regranted = await server.api(`/api/roles/${id}`, {
      method: 'PATCH',
      token: w.managerA.token,
      body: { permissions: [{ resource: 'deals', action: 'read', scope: 'team' }] },
    });
    expect(regranted.status).toBe(403);
    const grants = await server.api(`/api/roles/${id}`, {
      method: 'PATCH',
      token: w.admin.token,
      body: { permissions: [{ resource: 'deals', action: 'read', scope: 'team' }] },
    });
    expect(grants.status).toBe(200);
    expect((await server.api(`/api/roles/${id}`, { method: 'DELETE', token: w.admin.token })).status).toBe(
      200,
    );

    const rows = await auditRows('roles', id);
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(rows.every((r) => r.actorId === w.admin.id)).toBe(true);
    expect(rows[0].diff.key).toEqual([null, `audit-${w.tag}`]);
    expect(rows[1].diff).toEqual({ name: ['A', 'B'] });
    expect(Object.keys(rows[2].diff)).toEqual(['deleted_at']);

    const perms = rowsOf<Row>(
      await server.database.db.execute(
        sql`select action, actor_id as "actorId", diff from audit_log
            where table_name = 'role_permissions' and (diff -> 'role_id' ->> 0 = ${id} or diff -> 'role_id' ->> 1 = ${id})
            order by id`,
      ),
    );
    expect(perms.map((r) => [r.action, r.diff.resource])).toEqual([
      ['create', [null, 'clients']],
      ['purge', ['clients', null]],
      ['create', [null, 'deals']],
    ]);
    expect(perms.every((r) => r.actorId === w.admin.id)).toBe(true);
  });
});
