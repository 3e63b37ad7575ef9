import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db.ts';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeUser, makeWorld, PASSWORD, type World } from '../../testing/world.ts';
import { createSession } from './sessions.ts';

// Every login attempt counts towards the per-IP limit (30 per 5 minutes, all tests come from 127.0.0.1):
// this file stays well under it; the 2FA and rate-limit tests live in auth-2fa.api.test.ts with their own server.

let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await makeWorld(server.database.db);
});
afterAll(() => server?.stop());

/** A user of its own, so lockouts and password changes do not bleed across tests. */
const freshUser = (roleKey = 'sales', password = PASSWORD) =>
  makeUser(server.database.db, world.tag, { prefix: 'auth', roleKey, password, signedIn: false });

/** A session minted directly (no login request), so it does not spend the per-IP login budget. */
const newSession = (userId: string, userAgent = 'test-agent') =>
  createSession(server.database.db, userId, { days: 1, userAgent, ip: '10.0.0.1' });

const login = (email: string, password: string) =>
  server.api('/api/auth/login', { body: { email, password } });
const cookie = (token: string) => ({ cookie: `mak_session=${token}` });

describe('login', () => {
  it('answers a token, the user with role and permissions, and an HttpOnly SameSite=Lax cookie', async () => {
    const u = await freshUser('manager');
    const res = await login(u.email, u.password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      token: expect.any(String),
      user: { id: u.id, email: u.email, role: 'manager' },
    });
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(res.body.user.permissions).toContainEqual({
      resource: 'clients',
      action: 'read',
      scope: expect.any(String),
    });
    expect(res.body.user.totpEnabled).toBe(false);

    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toContain(`mak_session=${res.body.token}`);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);

    const viaBearer = await server.api('/api/auth/me', { token: res.body.token });
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.body).toMatchObject({ id: u.id, email: u.email, role: 'manager', totpEnabled: false });
    const viaCookie = await server.api('/api/auth/me', { headers: cookie(res.body.token) });
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.body.id).toBe(u.id);
  });

  it('treats the e-mail case-insensitively', async () => {
    const u = await freshUser();
    const res = await login(u.email.toUpperCase(), u.password);
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(u.id);
  });

  it('answers 401 with the same message for a wrong password and an unknown e-mail', async () => {
    const u = await freshUser();
    const wrong = await login(u.email, 'not-the-password');
    const unknown = await login(`nobody-${world.tag}@test.mak`, u.password);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('unauthenticated');
    expect(unknown.body.code).toBe('unauthenticated');
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('refuses /auth/me without a session or with a made-up token', async () => {
    expect((await server.api('/api/auth/me')).status).toBe(401);
    expect((await server.api('/api/auth/me', { token: 'made-up-token' })).status).toBe(401);
    expect((await server.api('/api/auth/me', { headers: cookie('made-up-token') })).status).toBe(401);
  });

  it('stores only a hash of the session token', async () => {
    const u = await freshUser();
    const s = await newSession(u.id);
    const rows = rowsOf<{ id: string; public_id: string }>(
      await server.database.db.execute(sql`select id, public_id from sessions where user_id = ${u.id}`),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).not.toBe(s.token);
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.public_id).toBe(s.publicId);
  });
});

describe('cookie sessions and the origin check', () => {
  const refused: [string, Record<string, string>][] = [
    ['no Origin', {}],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['Origin null', { origin: 'null' }],
    ['same host, other port', { origin: 'http://127.0.0.1:1' }],
  ];

  it.each(refused)('refuses a cookie-authenticated logout with %s (403)', async (_name, headers) => {
    const u = await freshUser();
    const s = await newSession(u.id);
    const res = await server.api('/api/auth/logout', {
      method: 'POST',
      headers: { ...cookie(s.token), ...headers },
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    expect((await server.api('/api/auth/me', { token: s.token })).status).toBe(200);
  });

  it.each(refused)('refuses a cookie-authenticated create with %s (403)', async (_name, headers) => {
    const res = await server.api('/api/clients', {
      headers: { ...cookie(world.salesA1.token), ...headers },
      body: { name: `Cookie client ${world.tag}` },
    });
    expect(res.status).toBe(403);
  });

  it('allows cookie-authenticated writes from our own origin', async () => {
    const created = await server.api('/api/clients', {
      headers: { ...cookie(world.salesA1.token), origin: server.url },
      body: { name: `Cookie client ${world.tag}` },
    });
    expect(created.status).toBe(201);
    expect(created.body.ownerId).toBe(world.salesA1.id);

    const u = await freshUser();
    const s = await newSession(u.id);
    const out = await server.api('/api/auth/logout', {
      method: 'POST',
      headers: { ...cookie(s.token), origin: server.url },
    });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie') ?? '').toMatch(/mak_session=;.*Max-Age=0/i);
    expect((await server.api('/api/auth/me', { token: s.token })).status).toBe(401);
  });

  it('lets cookie reads through without an Origin and Bearer writes through with any Origin', async () => {
    const read = await server.api('/api/clients?limit=1', { headers: cookie(world.salesA1.token) });
    expect(read.status).toBe(200);
    for (const headers of [{}, { origin: 'https://evil.example' }] as Record<string, string>[]) {
      const res = await server.api('/api/clients', {
        token: world.salesA1.token,
        headers,
        body: { name: `Bearer client ${world.tag}` },
      });
      expect(res.status).toBe(201);
    }
  });
});

describe('sessions', () => {
  it('logout ends the session and only that one', async () => {
    const u = await freshUser();
    const a = await newSession(u.id);
    const b = await newSession(u.id);
    const res = await server.api('/api/auth/logout', { method: 'POST', token: a.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect((await server.api('/api/auth/me', { token: a.token })).status).toBe(401);
    expect((await server.api('/api/auth/logout', { method: 'POST', token: a.token })).status).toBe(401);
    expect((await server.api('/api/auth/me', { token: b.token })).status).toBe(200);
  });

  it('lists my sessions with the current one flagged, and nobody else’s', async () => {
    const u = await freshUser();
    const a = await newSession(u.id, 'agent-a');
    const b = await newSession(u.id, 'agent-b');
    const res = await server.api('/api/auth/sessions', { token: a.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    const byId = new Map(res.body.items.map((s: { id: string }) => [s.id, s]));
    expect(byId.get(a.publicId)).toMatchObject({ current: true, userAgent: 'agent-a', ip: '10.0.0.1' });
    expect(byId.get(b.publicId)).toMatchObject({ current: false, userAgent: 'agent-b' });
    for (const s of res.body.items) {
      expect(JSON.stringify(s)).not.toContain(a.token);
      expect(JSON.stringify(s)).not.toContain(b.token);
    }
  });

  it('revokes another session of mine, but not someone else’s (404)', async () => {
    const u = await freshUser();
    const other = await freshUser();
    const mine = await newSession(u.id);
    const myPhone = await newSession(u.id);
    const theirs = await newSession(other.id);

    const foreign = await server.api(`/api/auth/sessions/${theirs.publicId}`, {
      method: 'DELETE',
      token: mine.token,
    });
    expect(foreign.status).toBe(404);
    expect((await server.api('/api/auth/me', { token: theirs.token })).status).toBe(200);

    const res = await server.api(`/api/auth/sessions/${myPhone.publicId}`, {
      method: 'DELETE',
      token: mine.token,
    });
    expect(res.status).toBe(200);
    expect((await server.api('/api/auth/me', { token: myPhone.token })).status).toBe(401);
    expect((await server.api('/api/auth/me', { token: mine.token })).status).toBe(200);

    const again = await server.api(`/api/auth/sessions/${myPhone.publicId}`, {
      method: 'DELETE',
      token: mine.token,
    });
    expect(again.status).toBe(404);
    const bad = await server.api('/api/auth/sessions/not-a-uuid', { method: 'DELETE', token: mine.token });
    expect(bad.status).toBe(400);
  });
});

describe('password change', () => {
  const cases: [string, { currentPassword: string; newPassword: string }, string][] = [
    [
      'a wrong current password',
      { currentPassword: 'wrong-password', newPassword: 'brand-new-pass-1' },
      'currentPassword',
    ],
    ['a short new password', { currentPassword: PASSWORD, newPassword: 'short' }, 'newPassword'],
  ];
  it.each(cases)('refuses %s with 400 naming the field', async (_name, body, field) => {
    const u = await freshUser();
    const s = await newSession(u.id);
    const res = await server.api('/api/auth/password', { token: s.token, body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation');
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('changes the password, ends my other sessions and keeps this one', async () => {
    const u = await freshUser();
    const current = await newSession(u.id);
    const laptop = await newSession(u.id);
    const newPassword = 'brand-new-pass-1';
    const res = await server.api('/api/auth/password', {
      token: current.token,
      body: { currentPassword: u.password, newPassword },
    });
    expect(res.status).toBe(200);
    expect((await server.api('/api/auth/me', { token: current.token })).status).toBe(200);
    expect((await server.api('/api/auth/me', { token: laptop.token })).status).toBe(401);
    expect((await login(u.email, u.password)).status).toBe(401);
    expect((await login(u.email, newPassword)).status).toBe(200);
  });
});

describe('lockout', () => {
  const setLockedUntilPast = (id: string) =>
    server.database.db.execute(
      sql`update users set locked_until = now() - interval '1 minute' where id = ${id}`,
    );
  const failedCount = async (id: string) =>
    rowsOf<{ n: number }>(
      await server.database.db.execute(sql`select failed_login_count as n from users where id = ${id}`),
    )[0]?.n;

  it('locks the account after 5 wrong passwords, per account, until it expires', async () => {
    const u = await freshUser();
    const bystander = await freshUser();
    for (let i = 0; i < 5; i++) expect((await login(u.email, 'wrong-password')).status).toBe(401);

    const locked = await login(u.email, u.password);
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe('locked');
    expect(locked.body.retryAfter).toBeGreaterThan(0);
    expect(locked.body.retryAfter).toBeLessThanOrEqual(15 * 60);

    expect((await login(bystander.email, bystander.password)).status).toBe(200);

    await setLockedUntilPast(u.id);
    expect((await login(u.email, u.password)).status).toBe(200);
  });

  it('counts failures that arrive at the same time', async () => {
    const u = await freshUser();
    const attempts = await Promise.all(Array.from({ length: 5 }, () => login(u.email, 'wrong-password')));
    expect(attempts.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect((await login(u.email, u.password)).status).toBe(423);
  });

  it('resets the failure count on a successful login', async () => {
    const u = await freshUser();
    for (let i = 0; i < 4; i++) expect((await login(u.email, 'wrong-password')).status).toBe(401);
    expect(await failedCount(u.id)).toBe(4);
    expect((await login(u.email, u.password)).status).toBe(200);
    expect(await failedCount(u.id)).toBe(0);
    // Without the reset this fifth failure in a row would lock the account.
    expect((await login(u.email, 'wrong-password')).status).toBe(401);
    expect((await login(u.email, u.password)).status).toBe(200);
  });
});
