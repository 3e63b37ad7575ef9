import { newId } from '@mak/shared/ids';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { makeUser, makeWorld, type World, type WorldUser } from '../testing/world.ts';
import { type Any, mutationClient } from './test-kit.ts';

/**
 * Sync notices belong to their user alone: `notice.dismiss` dismisses one of the caller's own (any role, even one
 * with no grants), refuses anyone else's like an unknown id, and is idempotent; `GET /api/sync-notices` lists
 * the caller's own. Runs on Postgres and PGlite.
 */

let server: TestServer;
let w: World;
const { push, one, applied, rows, row } = mutationClient(() => server);

beforeAll(async () => {
  server = await startTestServer();
  w = await makeWorld(server.database.db);
});
afterAll(() => server?.stop());

async function noticeFor(
  userId: string,
  opts: { createdAt?: string; dismissedAt?: string; deletedAt?: string } = {},
): Promise<string> {
  const id = newId();
  await rows(sql`insert into sync_notices (id, user_id, kind, entity, entity_id, field, payload, created_at,
                                            dismissed_at, deleted_at)
                 values (${id}, ${userId}, 'overwritten', 'clients', ${newId()}, 'name', '{"yourValue":"a"}',
                         ${opts.createdAt ?? new Date().toISOString()}, ${opts.dismissedAt ?? null},
                         ${opts.deletedAt ?? null})`);
  return id;
}

const dismiss = (id: unknown) => ({ name: 'notice.dismiss', args: { id } });

describe('notice.dismiss', () => {
  it('dismisses the caller’s own notice; again keeps the first time; a repeated id answers the first result', async () => {
    const id = await noticeFor(w.salesA1.id);
    const first = await applied(w.salesA1.token, dismiss(id));
    const after = await row('sync_notices', id);
    expect(after.dismissed_at).not.toBeNull();
    expect(after).toMatchObject({ version: 2, last_mutation_id: first.id });

    const again = await applied(w.salesA1.token, dismiss(id));
    const twice = await row('sync_notices', id);
    expect(new Date(twice.dismissed_at).getTime()).toBe(new Date(after.dismissed_at).getTime());
    // Still written, so a replica's optimistic overlay retires when the row syncs back with this mutation id.
    expect(twice).toMatchObject({ version: 3, last_mutation_id: again.id });

    const repeat = await one(w.salesA1.token, { id: first.id, ...dismiss(id) });
    expect(repeat).toEqual(first);
    expect((await row('sync_notices', id)).version).toBe(3);
    const events = await rows(
      sql`select name, payload from domain_events where entity_id = ${id} order by id`,
    );
    expect(events.map((e: Any) => e.name)).toEqual(['notice.dismissed', 'notice.dismissed']);
  });

  it('works for every role, partners and a role with no grants at all included', async () => {
    const roleKey = `bare_${w.tag}`;
    await rows(sql`insert into roles (id, key, name) values (${newId()}, ${roleKey}, 'Bare')`);
    const bare = await makeUser(server.database.db, w.tag, { prefix: 'bare', roleKey });
    const users: { id: string; token: string }[] = [
      w.admin,
      w.managerA,
      w.salesB1,
      w.partner,
      { id: bare.id, token: bare.token as string },
    ];
    for (const u of users) {
      const id = await noticeFor(u.id);
      await applied(u.token, dismiss(id));
      expect((await row('sync_notices', id)).dismissed_at).not.toBeNull();
    }
  });

  it('refuses another user’s notice exactly like an unknown one (not_found), whatever the role, and writes nothing', async () => {
    const theirs = await noticeFor(w.salesA1.id);
    const deleted = await noticeFor(w.salesA1.id, { deletedAt: new Date().toISOString() });
    const cases: [WorldUser, string][] = [
      [w.salesA2, theirs],
      [w.managerA, theirs],
      [w.admin, theirs],
      [w.partner, theirs],
      [w.salesA1, newId()],
    ];
    for (const [who, id] of cases) {
      const r = await one(who.token, dismiss(id));
      expect(r, `${who.role} ${id}`).toMatchObject({
        status: 'rejected',
        code: 'not_found',
        message: 'notice not found',
      });
    }
    // The owner's own notice, deleted meanwhile: not_found, saying so.
    expect(await one(w.salesA1.token, dismiss(deleted))).toMatchObject({
      status: 'rejected',
      code: 'not_found',
      message: 'This notice was deleted',
    });
    expect(await row('sync_notices', theirs)).toMatchObject({ dismissed_at: null, version: 1 });
    expect(await rows(sql`select 1 from domain_events where entity_id = ${theirs}`)).toEqual([]);
  });

  it('names the field of a bad input', async () => {
    const cases: [unknown, string][] = [
      [{ id: 'nope' }, 'id'],
      [{}, 'id'],
      [{ id: newId(), dismissedAt: '2030-01-01T00:00:00Z' }, 'dismissedAt'],
    ];
    for (const [args, field] of cases) {
      const r = await one(w.salesA1.token, { name: 'notice.dismiss', args });
      expect(r, JSON.stringify(args)).toMatchObject({ status: 'rejected', code: 'validation' });
      expect(r.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });

  it('an edit overwritten by another user reaches its writer as a notice, which they (and only they) dismiss', async () => {
    const client = newId();
    const name = (s: string) => `Уведомление ${w.tag} ${s}`;
    await applied(w.salesA1.token, { name: 'client.create', args: { id: client, name: name('было') } });
    // Both edit from version 1 offline; the manager's arrives later and overwrites the rep's name.
    await applied(w.salesA1.token, {
      name: 'client.update',
      args: { id: client, patch: { name: name('продавец') }, base: { name: name('было') } },
    });
    await applied(w.managerA.token, {
      name: 'client.update',
      args: { id: client, patch: { name: name('менеджер') }, base: { name: name('было') } },
    });
    const mine = await server.api('/api/sync-notices?dismissed=false', { token: w.salesA1.token });
    const notice = mine.body.items.find((n: Any) => n.entityId === client);
    expect(notice).toMatchObject({
      userId: w.salesA1.id,
      kind: 'overwritten',
      field: 'name',
      dismissedAt: null,
    });
    const theirs = await server.api('/api/sync-notices', { token: w.managerA.token });
    expect(theirs.body.items.map((n: Any) => n.entityId)).not.toContain(client);

    expect((await one(w.managerA.token, dismiss(notice.id))).code).toBe('not_found');
    const [result] = (await push(w.salesA1.token, [dismiss(notice.id)])).body.results;
    expect(result.status).toBe('applied');
    const left = await server.api('/api/sync-notices?dismissed=false', { token: w.salesA1.token });
    expect(left.body.items.map((n: Any) => n.id)).not.toContain(notice.id);
  });
});

describe('GET /api/sync-notices', () => {
  it('lists only the caller’s own live notices, newest first, in pages', async () => {
    const u = await makeUser(server.database.db, w.tag, { prefix: 'pager' });
    const token = u.token as string;
    const at = (day: number) => `2030-01-0${day}T00:00:00.000Z`;
    const n1 = await noticeFor(u.id, { createdAt: at(1) });
    const n2 = await noticeFor(u.id, { createdAt: at(2), dismissedAt: at(3) });
    const n3 = await noticeFor(u.id, { createdAt: at(3) });
    await noticeFor(u.id, { createdAt: at(4), deletedAt: at(5) });
    await noticeFor(w.salesA1.id, { createdAt: at(2) });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await server.api(
        `/api/sync-notices?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items).toHaveLength(1);
      seen.push(res.body.items[0].id);
      cursor = res.body.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual([n3, n2, n1]);

    const oldest = await server.api('/api/sync-notices?sort=created_at', { token });
    expect(oldest.body.items.map((n: Any) => n.id)).toEqual([n1, n2, n3]);
    expect(oldest.body.items[0]).toMatchObject({
      userId: u.id,
      kind: 'overwritten',
      entity: 'clients',
      field: 'name',
      payload: { yourValue: 'a' },
      dismissedAt: null,
      createdAt: '2030-01-01T00:00:00+00:00',
    });
    const open = await server.api('/api/sync-notices?dismissed=false', { token });
    expect(open.body.items.map((n: Any) => n.id)).toEqual([n3, n1]);
    const dismissed = await server.api('/api/sync-notices?dismissed=true', { token });
    expect(dismissed.body.items.map((n: Any) => n.id)).toEqual([n2]);
  });

  it('answers bad parameters with 400 naming the field, and anonymous callers with 401', async () => {
    const token = w.salesA1.token;
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['sort=name', 'sort'],
      ['cursor=garbage', 'cursor'],
      ['dismissed=maybe', 'dismissed'],
      [`userId=${w.salesA2.id}`, 'userId'],
    ];
    for (const [query, field] of cases) {
      const res = await server.api(`/api/sync-notices?${query}`, { token });
      expect(res.status, query).toBe(400);
      expect(
        res.body.fields.map((f: { field: string }) => f.field),
        query,
      ).toContain(field);
    }
    expect((await server.api('/api/sync-notices')).status).toBe(401);
  });
});

describe('POST /api/sync-notices/{id}/dismiss', () => {
  it('dismisses one of the caller’s own; another’s or an unknown one is 404, a bad id 400', async () => {
    const id = await noticeFor(w.salesB1.id);
    const done = await server.api(`/api/sync-notices/${id}/dismiss`, {
      method: 'POST',
      token: w.salesB1.token,
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ id, userId: w.salesB1.id, dismissedAt: expect.any(String) });
    const again = await server.api(`/api/sync-notices/${id}/dismiss`, {
      method: 'POST',
      token: w.salesB1.token,
    });
    expect(again.status).toBe(200);
    expect(again.body.dismissedAt).toBe(done.body.dismissedAt);

    const theirs = await noticeFor(w.salesB1.id);
    for (const [token, target] of [
      [w.managerB.token, theirs],
      [w.admin.token, theirs],
      [w.salesB1.token, newId()],
    ] as const) {
      const r = await server.api(`/api/sync-notices/${target}/dismiss`, { method: 'POST', token });
      expect(r.status).toBe(404);
      expect(r.body).toMatchObject({ code: 'not_found' });
    }
    expect((await row('sync_notices', theirs)).dismissed_at).toBeNull();
    const bad = await server.api('/api/sync-notices/nope/dismiss', {
      method: 'POST',
      token: w.salesB1.token,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toMatchObject([{ field: 'id' }]);
  });
});
