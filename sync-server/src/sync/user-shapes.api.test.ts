import { newId } from '@mak/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../testing/world.ts';
import { drain, type Msg, type ShapeServer, shapeGet, startShapeServer, waitFor } from './test-kit.ts';
import { idsIn, replicaOf, type Seeded, seedWorld } from './user-shapes.fixtures.ts';

// User shapes: a signed-in user names a shape, the server sets its table, columns and where from the user's role
// and scope. Nothing in the query can widen it; records leaving the scope leave the user's replica.

let s: ShapeServer;
let z: Seeded;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const ids = (messages: Msg[]) => messages.map((m) => m.value?.id as string).sort();

beforeAll(async () => {
  s = await startShapeServer();
  z = await seedWorld(s);
});
afterAll(() => s?.stop());

describe('user shapes', () => {
  it('GET /api/sync/shapes lists the shapes of the caller’s role with their tables', async () => {
    const sales = await s.api('/api/sync/shapes', { token: z.w.salesA1.token });
    expect(sales.status).toBe(200);
    const names = sales.body.shapes.map((x: { name: string }) => x.name).sort();
    expect(names).toEqual([
      'clients',
      'contacts',
      'custom_fields',
      'deals',
      'notes',
      'pipelines',
      'segments',
      'stages',
      'sync_notices',
      'tasks',
      'teams',
      'users',
    ]);
    const clients = sales.body.shapes.find((x: { name: string }) => x.name === 'clients');
    expect(clients).toMatchObject({
      table: 'clients',
      scope: 'own',
      primaryKey: ['id'],
      url: '/v1/shape?table=clients',
    });
    expect(clients.columns).toContain('owner_id');
    expect(clients.columns).not.toContain('search');
    const users = sales.body.shapes.find((x: { name: string }) => x.name === 'users');
    expect(users.columns).not.toContain('password_hash');
    const admin = await s.api('/api/sync/shapes', { token: z.w.admin.token });
    expect(admin.body.shapes.map((x: { name: string }) => x.name)).toContain('roles');
    expect((await s.api('/api/sync/shapes')).status).toBe(401);
  });

  it('a sales rep’s clients shape holds exactly their own non-deleted clients', async () => {
    const d = await drain(s.url, { table: 'clients' }, bearer(z.w.salesA1.token));
    expect(ids(d.messages)).toEqual([z.c.c1, z.c.c2, z.c.c7].sort());
    const partner = await drain(s.url, { table: 'clients' }, bearer(z.w.partner.token));
    expect(ids(partner.messages)).toEqual([z.c.c6, z.c.c7].sort());
    const contacts = await drain(s.url, { table: 'contacts' }, bearer(z.w.salesA2.token));
    expect(ids(contacts.messages)).toEqual([z.ct.ct2]);
    const users = await drain(s.url, { table: 'users' }, bearer(z.w.salesA1.token));
    expect(Object.keys(users.messages[0]?.value ?? {})).not.toContain('password_hash');
    expect(Object.keys(users.messages[0]?.value ?? {})).not.toContain('failed_login_count');
  });

  it('every role, partners and a role with no grants at all too, syncs its own notices and nobody else’s', async () => {
    const roleKey = `bare_${z.w.tag}`;
    await s.sql.query('INSERT INTO roles (id, key, name) VALUES ($1, $2, $3)', [newId(), roleKey, 'Bare']);
    const bare = await makeUser(s.database.db, z.w.tag, { prefix: 'bare', roleKey });
    const bareNotice = newId();
    await s.sql.query(
      `INSERT INTO sync_notices (id, user_id, kind, entity, entity_id) VALUES ($1, $2, 'possible_duplicate', 'clients', $3)`,
      [bareNotice, bare.id, z.c.c1],
    );
    const expected: [string, string, string[]][] = [
      ['sales', z.w.salesA1.token, [z.n.a1, z.n.a1Dismissed]],
      ['sales', z.w.salesA2.token, []],
      ['manager', z.w.managerA.token, [z.n.mgrA]],
      ['admin', z.w.admin.token, []],
      ['partner', z.w.partner.token, [z.n.partner]],
      ['partner', z.w.otherPartner.token, []],
      ['no grants', bare.token as string, [bareNotice]],
    ];
    for (const [role, token, own] of expected) {
      const listed = (await s.api('/api/sync/shapes', { token })).body.shapes as { name: string }[];
      expect(
        listed.find((x) => x.name === 'sync_notices'),
        role,
      ).toMatchObject({
        table: 'sync_notices',
        scope: 'own',
      });
      const d = await drain(s.url, { table: 'sync_notices' }, bearer(token));
      expect(ids(d.messages), role).toEqual([...own].sort());
    }
    // A role with no grants has nothing else to sync.
    const bareShapes = (await s.api('/api/sync/shapes', { token: bare.token as string })).body.shapes;
    expect(bareShapes.map((x: { name: string }) => x.name)).toEqual(['sync_notices']);
    // Nothing in the query reaches another user's notices.
    const h = bearer(z.w.salesA2.token);
    const widen: Record<string, string>[] = [
      { table: 'sync_notices', where: `user_id = '${z.w.salesA1.id}'` },
      { table: 'sync_notices', 'params[1]': z.w.salesA1.id },
    ];
    for (const q of widen) {
      expect((await shapeGet(s.url, { offset: '-1', ...q }, h)).status, JSON.stringify(q)).toBe(400);
    }
  });

  it('no query parameter widens a user shape', async () => {
    const h = bearer(z.w.salesA1.token);
    const tries: [Record<string, string>, number][] = [
      [{ table: 'clients', where: 'true' }, 400],
      [{ table: 'clients', where: 'owner_id IS NOT NULL' }, 400],
      [{ table: 'clients', columns: 'id,name,search_text' }, 400],
      [{ table: 'clients', 'params[1]': z.w.salesB1.id }, 400],
      [{ table: 'public.clients' }, 400],
      [{ table: 'sessions' }, 400],
      [{ table: 'roles' }, 403],
      [{ table: 'clients', secret: 'guess' }, 401],
    ];
    for (const [q, status] of tries) {
      const r = await shapeGet(s.url, { offset: '-1', ...q }, h);
      expect(r.status, JSON.stringify(q)).toBe(status);
    }
    const plain = await shapeGet(s.url, { offset: '-1', table: 'clients' }, h);
    const full = await shapeGet(s.url, { offset: '-1', table: 'clients', replica: 'full' }, h);
    expect(full.handle).toBe(plain.handle);
    expect((await shapeGet(s.url, { offset: '-1', table: 'clients' })).status).toBe(401);
    expect(plain.headers.get('cache-control')).toMatch(/^private/);
    expect(plain.headers.get('vary')).toContain('Authorization');
  });

  it('a client reassigned away or soft-deleted leaves the rep’s replica (pglite-sync), with its contacts', async () => {
    const shapes = (await s.api('/api/sync/shapes', { token: z.w.salesA1.token })).body.shapes as {
      name: string;
      columns: string[];
    }[];
    const columns = (name: string) => shapes.find((x) => x.name === name)?.columns ?? [];
    const pg = await replicaOf(s, { clients: columns('clients'), contacts: columns('contacts') });
    const shape = (table: string) => ({
      shape: { url: `${s.url}/v1/shape`, params: { table }, headers: bearer(z.w.salesA1.token) },
      table,
      primaryKey: ['id'],
    });
    let synced = false;
    const sub = await pg.electric.syncShapesToTables({
      key: 'a1',
      shapes: { clients: shape('clients'), contacts: shape('contacts') },
      onInitialSync: () => {
        synced = true;
      },
    });
    try {
      await waitFor(() => synced, 20_000);
      expect(await idsIn(pg, 'clients')).toEqual([z.c.c1, z.c.c2, z.c.c7].sort());
      expect(await idsIn(pg, 'contacts')).toEqual([z.ct.ct1]);
      const moved = await s.api(`/api/clients/${z.c.c1}`, {
        method: 'PATCH',
        token: z.w.admin.token,
        body: { ownerId: z.w.salesA2.id },
      });
      expect(moved.status).toBe(200);
      await waitFor(async () => !(await idsIn(pg, 'clients')).includes(z.c.c1), 10_000);
      await waitFor(async () => (await idsIn(pg, 'contacts')).length === 0, 10_000);
      const deleted = await s.api(`/api/clients/${z.c.c2}`, { method: 'DELETE', token: z.w.admin.token });
      expect(deleted.status).toBe(200);
      await waitFor(async () => !(await idsIn(pg, 'clients')).includes(z.c.c2), 10_000);
      const created = await s.api('/api/clients', {
        token: z.w.salesA1.token,
        body: { name: `new ${z.w.tag}` },
      });
      expect(created.status).toBe(201);
      await waitFor(async () => (await idsIn(pg, 'clients')).includes(created.body.id), 10_000);
      expect(await idsIn(pg, 'clients')).toEqual([z.c.c7, created.body.id].sort());
      // And back: reassigned to the rep, the client and its contact return.
      await s.api(`/api/clients/${z.c.c1}`, {
        method: 'PATCH',
        token: z.w.admin.token,
        body: { ownerId: z.w.salesA1.id },
      });
      await waitFor(async () => (await idsIn(pg, 'contacts')).includes(z.ct.ct1), 10_000);
      await waitFor(async () => (await idsIn(pg, 'clients')).includes(z.c.c1), 10_000);
    } finally {
      sub.unsubscribe();
      await pg.close();
    }
  });

  it('a team change reaches a held long poll of a team-scoped shape as 409, and the refetch has the new member', async () => {
    const h = bearer(z.w.managerA.token);
    const before = await drain(s.url, { table: 'clients' }, h);
    expect(ids(before.messages)).not.toContain(z.c.c5);
    const poll = shapeGet(
      s.url,
      { table: 'clients', handle: before.handle, offset: before.offset, live: 'true', cursor: '' },
      h,
    );
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    const moved = await s.api(`/api/users/${z.w.salesB1.id}`, {
      method: 'PATCH',
      token: z.w.admin.token,
      body: { teamId: z.w.teamA },
    });
    expect(moved.status).toBe(200);
    const r = await poll;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.status).toBe(409);
    expect(r.handle).not.toBe(before.handle);
    const after = await drain(s.url, { table: 'clients' }, h);
    expect(after.handle).toBe(r.handle);
    expect(ids(after.messages)).toContain(z.c.c5);
    // The old handle with the new definition is a 409 too (C20), never the old rows.
    const stale = await shapeGet(
      s.url,
      { table: 'clients', handle: before.handle, offset: before.offset },
      h,
    );
    expect(stale.status).toBe(409);
    await s.api(`/api/users/${z.w.salesB1.id}`, {
      method: 'PATCH',
      token: z.w.admin.token,
      body: { teamId: z.w.teamB },
    });
  });
});
