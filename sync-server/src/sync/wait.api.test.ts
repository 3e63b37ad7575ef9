import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drain, type ShapeServer, startShapeServer, waitFor } from './test-kit.ts';
import { type Seeded, seedWorld } from './user-shapes.fixtures.ts';

// POST /api/sync/wait: one held request standing for many shapes' long polls. Runs on Postgres and PGlite.

let s: ShapeServer;
let z: Seeded;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
type Target = { handle: string; offset: string };

beforeAll(async () => {
  s = await startShapeServer();
  z = await seedWorld(s);
});
afterAll(() => s?.stop());

const wait = (token: string, shapes: Target[]) => s.api('/api/sync/wait', { token, body: { shapes } });
const timed = async <T>(p: Promise<T>) => {
  const t0 = Date.now();
  const value = await p;
  return { value, ms: Date.now() - t0 };
};
const caughtUp = async (token: string, table: string): Promise<Target> => {
  const d = await drain(s.url, { table }, bearer(token));
  return { handle: d.handle, offset: d.offset };
};
const addClient = (owner: string, name: string) =>
  s.sql.query('INSERT INTO clients (id, name, owner_id) VALUES (gen_random_uuid(), $1, $2)', [name, owner]);

describe('POST /api/sync/wait', () => {
  it('answers 401 without a session, before looking at the body', async () => {
    const r = await s.api('/api/sync/wait', { body: { shapes: [{ handle: 'x', offset: '0_inf' }] } });
    expect(r.status).toBe(401);
    expect((await s.api('/api/sync/wait', { body: {} })).status).toBe(401);
  });

  it('answers 400 naming the field for a bad body', async () => {
    const token = z.w.salesA1.token;
    const ok = { handle: 'h', offset: '0_inf' };
    const cases: [unknown, string][] = [
      [{}, 'shapes'],
      [{ shapes: [] }, 'shapes'],
      [{ shapes: Array.from({ length: 65 }, () => ok) }, 'shapes'],
      [{ shapes: [{ handle: 'h' }] }, 'shapes.0.offset'],
      [{ shapes: [ok, { handle: 'h', offset: 'soon' }] }, 'shapes.1.offset'],
      [{ shapes: [{ handle: '', offset: '0_inf' }] }, 'shapes.0.handle'],
      [{ shapes: [{ handle: 7, offset: '0_inf' }] }, 'shapes.0.handle'],
      [{ shapes: [{ ...ok, live: true }] }, 'shapes.0.live'],
      [{ shapes: [ok], extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const r = await s.api('/api/sync/wait', { token, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const raw = await s.api('/api/sync/wait', { token, rawBody: '{"shapes":', headers: {} });
    expect(raw.status).toBe(400);
  });

  it('counts unknown handles, snapshot offsets and others’ shapes as ready at once, reading nothing of theirs', async () => {
    const a1 = z.w.salesA1.token;
    const mine = await caughtUp(a1, 'clients');
    const theirs = await caughtUp(z.w.salesB1.token, 'clients');
    expect(theirs.handle).not.toBe(mine.handle);
    const r = await timed(
      wait(a1, [
        mine,
        { handle: 'no-such-handle', offset: '5_0' },
        { handle: mine.handle, offset: '-1' },
        theirs,
      ]),
    );
    expect(r.ms).toBeLessThan(2000);
    expect(r.value.status).toBe(200);
    expect(r.value.headers.get('cache-control')).toBe('no-store');
    // `mine` is caught up and so not ready; its handle shows up only because of the -1 entry.
    expect(r.value.body.ready.sort()).toEqual(['no-such-handle', mine.handle, theirs.handle].sort());
    // A partner may not read roles: an admin's roles handle is ready for them (the real request answers 403).
    const roles = await caughtUp(z.w.admin.token, 'roles');
    expect((await wait(z.w.partner.token, [roles])).body.ready).toEqual([roles.handle]);
  });

  it('answers at once when a shape already has changes past the offset', async () => {
    const a1 = z.w.salesA1.token;
    const clients = await caughtUp(a1, 'clients');
    const deals = await caughtUp(a1, 'deals');
    await addClient(z.w.salesA1.id, 'already there');
    const r = await timed(wait(a1, [deals, clients]));
    expect(r.ms).toBeLessThan(2000);
    expect(r.value.body).toEqual({ ready: [clients.handle] });
  });

  it('waits, ignores commits outside the shapes, and wakes on a commit to one of them', async () => {
    const a1 = z.w.salesA1.token;
    const clients = await caughtUp(a1, 'clients');
    const deals = await caughtUp(a1, 'deals');
    const held = timed(wait(a1, [clients, deals]));
    await new Promise((r) => setTimeout(r, 300));
    await addClient(z.w.salesB1.id, 'not A1’s'); // same table, outside A1's where
    await s.sql.query(`UPDATE pipelines SET name = name || '.' WHERE name LIKE 'Pipeline %'`);
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    await addClient(z.w.salesA1.id, 'wakes the wait');
    const r = await held;
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.ms).toBeGreaterThan(700);
    expect(r.value.body).toEqual({ ready: [clients.handle] });
    // The real live request then answers at once with the change.
    const live = await timed(
      fetch(`${s.url}/v1/shape?${new URLSearchParams({ table: 'clients', ...clients, live: 'true' })}`, {
        headers: bearer(a1),
      }).then((res) => res.json()),
    );
    expect(live.ms).toBeLessThan(2000);
    expect(live.value[0]).toMatchObject({ headers: { operation: 'insert' } });
  });

  it('marks a shape ready when a role change during the wait moves its definition', async () => {
    const a2 = z.w.salesA2;
    const clients = await caughtUp(a2.token, 'clients');
    const held = timed(wait(a2.token, [clients]));
    await new Promise((r) => setTimeout(r, 300));
    await s.sql.query(
      `UPDATE users SET role_id = (SELECT id FROM roles WHERE key = 'manager') WHERE id = $1`,
      [a2.id],
    );
    const r = await held;
    expect(r.ms).toBeLessThan(3000);
    expect(r.value.body).toEqual({ ready: [clients.handle] });
    // As the held long poll would: the real request now answers 409 with the new definition's handle.
    const real = await fetch(
      `${s.url}/v1/shape?${new URLSearchParams({ table: 'clients', ...clients, live: 'true' })}`,
      { headers: bearer(a2.token) },
    );
    expect(real.status).toBe(409);
  });

  it('answers ready: [] after about 20 s with nothing new', async () => {
    const a1 = z.w.salesA1.token;
    const targets = [await caughtUp(a1, 'tasks'), await caughtUp(a1, 'notes')];
    const r = await timed(wait(a1, targets));
    expect(r.value.status).toBe(200);
    expect(r.value.body).toEqual({ ready: [] });
    expect(r.ms).toBeGreaterThan(19_000);
    expect(r.ms).toBeLessThan(23_000);
  }, 40_000);

  it('stops waiting when the client goes away', async () => {
    const notifier = s.deps.sync?.notifier;
    if (!notifier) throw new Error('the test server has a sync engine');
    const subscribe = notifier.subscribe.bind(notifier);
    let listening = 0;
    notifier.subscribe = async (fn) => {
      const stop = await subscribe(fn);
      listening++;
      return () => {
        listening--;
        stop();
      };
    };
    try {
      const a1 = z.w.salesA1;
      const target = await caughtUp(a1.token, 'tasks');
      const aborter = new AbortController();
      const held = fetch(`${s.url}/api/sync/wait`, {
        method: 'POST',
        headers: { ...bearer(a1.token), 'content-type': 'application/json' },
        body: JSON.stringify({ shapes: [target] }),
        signal: aborter.signal,
      }).catch((err: unknown) => err);
      await waitFor(() => listening === 1);
      aborter.abort();
      expect(await held).toBeInstanceOf(Error);
      await waitFor(() => listening === 0, 2000);
    } finally {
      notifier.subscribe = subscribe;
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = await s.api('/api/openapi.json');
    expect(doc.body.paths['/sync/wait']?.post?.tags).toEqual(['Sync']);
  });
});
