import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP, generateTOTP } from '@oslojs/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeUser, makeWorld, PASSWORD, type World } from '../../testing/world.ts';

// Login attempts count towards the per-IP limit (30 per 5 minutes per server): this file has its own server
// and keeps the 2FA flow and the e-mail rate-limit test within that budget.

let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await makeWorld(server.database.db);
});
afterAll(() => server?.stop());

const freshUser = async () => {
  const u = await makeUser(server.database.db, world.tag, { prefix: 'tfa' });
  return { ...u, token: u.token as string };
};

/** The code of the current 30 s step, or of a neighbouring one (the server accepts ±1, each step once). */
const code = (secret: string, offset = 0) =>
  offset === 0
    ? generateTOTP(decodeBase32IgnorePadding(secret), 30, 6)
    : generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000) + offset), 6);
/** A six-digit code valid in no 30 s step near now (the server accepts ±1 step). */
const wrongCode = (secret: string) => {
  const key = decodeBase32IgnorePadding(secret);
  const step = BigInt(Math.floor(Date.now() / 30_000));
  const near = new Set([-2n, -1n, 0n, 1n, 2n].map((d) => generateHOTP(key, step + d, 6)));
  for (let i = 0; ; i++) {
    const c = String(i).padStart(6, '0');
    if (!near.has(c)) return c;
  }
};

const login = (email: string, password: string, totp?: string) =>
  server.api('/api/auth/login', {
    body: totp === undefined ? { email, password } : { email, password, totp },
  });
const me = async (token: string) => (await server.api('/api/auth/me', { token })).body;

/** A user with 2FA switched on: answers the secret and the recovery codes. */
async function enrolled() {
  const u = await freshUser();
  const setup = await server.api('/api/auth/2fa/setup', { method: 'POST', token: u.token });
  const enable = await server.api('/api/auth/2fa/enable', {
    token: u.token,
    body: { code: code(setup.body.secret, -1) },
  });
  expect(enable.status).toBe(200);
  return { ...u, secret: setup.body.secret as string, recoveryCodes: enable.body.recoveryCodes as string[] };
}

describe('TOTP enrolment', () => {
  it('sets up, refuses a wrong code, enables with a right one and answers 10 recovery codes', async () => {
    const u = await freshUser();
    const early = await server.api('/api/auth/2fa/enable', { token: u.token, body: { code: '123456' } });
    expect(early.status).toBe(409);

    const setup = await server.api('/api/auth/2fa/setup', { method: 'POST', token: u.token });
    expect(setup.status).toBe(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]+$/);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.body.uri).toContain(`secret=${setup.body.secret}`);
    expect((await me(u.token)).totpEnabled).toBe(false);

    const wrong = await server.api('/api/auth/2fa/enable', {
      token: u.token,
      body: { code: wrongCode(setup.body.secret) },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields.map((f: { field: string }) => f.field)).toContain('code');
    const malformed = await server.api('/api/auth/2fa/enable', { token: u.token, body: { code: 'abc' } });
    expect(malformed.status).toBe(400);
    expect((await me(u.token)).totpEnabled).toBe(false);

    const ok = await server.api('/api/auth/2fa/enable', {
      token: u.token,
      body: { code: code(setup.body.secret) },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.recoveryCodes).toHaveLength(10);
    expect(new Set(ok.body.recoveryCodes).size).toBe(10);
    expect((await me(u.token)).totpEnabled).toBe(true);

    const again = await server.api('/api/auth/2fa/setup', { method: 'POST', token: u.token });
    expect(again.status).toBe(409);
  });

  it('requires a session for every 2FA route', async () => {
    expect((await server.api('/api/auth/2fa/setup', { method: 'POST' })).status).toBe(401);
    expect((await server.api('/api/auth/2fa/enable', { body: { code: '123456' } })).status).toBe(401);
    expect(
      (await server.api('/api/auth/2fa/disable', { body: { password: PASSWORD, code: '123456' } })).status,
    ).toBe(401);
  });
});

describe('login with 2FA', () => {
  it('asks for the code, refuses a wrong one and accepts the right one', async () => {
    const u = await enrolled();
    const none = await login(u.email, u.password);
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('totp_required');
    expect(none.headers.get('set-cookie')).toBeNull();

    const wrong = await login(u.email, u.password, wrongCode(u.secret));
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('unauthenticated');

    const current = code(u.secret);
    const right = await login(u.email, u.password, current);
    expect(right.status).toBe(200);
    const replay = await login(u.email, u.password, current);
    expect(replay.status, 'a code works once').toBe(401);
    expect(right.status).toBe(200);
    expect(right.body.user.totpEnabled).toBe(true);
    expect((await server.api('/api/auth/me', { token: right.body.token })).status).toBe(200);

    const wrongPassword = await login(u.email, 'wrong-password', code(u.secret));
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.code).toBe('unauthenticated');
  });

  it('accepts each recovery code once', async () => {
    const u = await enrolled();
    const [first, second] = u.recoveryCodes as [string, string];
    expect((await login(u.email, u.password, first)).status).toBe(200);
    const reused = await login(u.email, u.password, first);
    expect(reused.status).toBe(401);
    // Recovery codes are forgiving about case and dashes.
    expect((await login(u.email, u.password, second.toLowerCase().replaceAll('-', ''))).status).toBe(200);
  });

  it('regenerating recovery codes invalidates the old ones', async () => {
    const u = await enrolled();
    const wrong = await server.api('/api/auth/2fa/recovery-codes', {
      token: u.token,
      body: { code: wrongCode(u.secret) },
    });
    expect(wrong.status).toBe(400);
    const res = await server.api('/api/auth/2fa/recovery-codes', {
      token: u.token,
      body: { code: code(u.secret) },
    });
    expect(res.status).toBe(200);
    expect(res.body.recoveryCodes).toHaveLength(10);
    expect(res.body.recoveryCodes).not.toContain(u.recoveryCodes[0]);
    expect((await login(u.email, u.password, u.recoveryCodes[0])).status).toBe(401);
    expect((await login(u.email, u.password, res.body.recoveryCodes[0])).status).toBe(200);
  });
});

describe('disabling 2FA', () => {
  const fieldsOf = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((f) => f.field);

  it('requires the password and a valid code', async () => {
    const u = await enrolled();
    const cases: [string, { password: string; code: string }, string][] = [
      ['wrong password', { password: 'wrong-password', code: code(u.secret) }, 'password'],
      ['wrong code', { password: u.password, code: wrongCode(u.secret) }, 'code'],
      ['unknown recovery code', { password: u.password, code: 'AAAA-BBBB-CCCC-DDDD' }, 'code'],
    ];
    for (const [name, body, field] of cases) {
      const res = await server.api('/api/auth/2fa/disable', { token: u.token, body });
      expect(res.status, name).toBe(400);
      expect(fieldsOf(res.body), name).toContain(field);
    }
    expect((await me(u.token)).totpEnabled).toBe(true);

    const ok = await server.api('/api/auth/2fa/disable', {
      token: u.token,
      body: { password: u.password, code: code(u.secret, 1) },
    });
    expect(ok.status).toBe(200);
    expect((await me(u.token)).totpEnabled).toBe(false);
    expect((await login(u.email, u.password)).status).toBe(200);
    const twice = await server.api('/api/auth/2fa/disable', {
      token: u.token,
      body: { password: u.password, code: code(u.secret) },
    });
    expect(twice.status).toBe(409);
  });

  it('accepts an unused recovery code but not a used one', async () => {
    const u = await enrolled();
    const [used, unused] = u.recoveryCodes as [string, string];
    expect((await login(u.email, u.password, used)).status).toBe(200);
    const withUsed = await server.api('/api/auth/2fa/disable', {
      token: u.token,
      body: { password: u.password, code: used },
    });
    expect(withUsed.status).toBe(400);
    expect(fieldsOf(withUsed.body)).toContain('code');
    const res = await server.api('/api/auth/2fa/disable', {
      token: u.token,
      body: { password: u.password, code: unused },
    });
    expect(res.status).toBe(200);
    expect((await me(u.token)).totpEnabled).toBe(false);
  });
});

describe('login rate limit', () => {
  it('answers 429 rate_limited after 10 attempts a minute for one e-mail', async () => {
    // An unknown e-mail: a real account would lock (423) before the rate limit kicks in.
    const email = `ratelimit-${Math.random().toString(36).slice(2, 8)}.${world.tag}@test.mak`;
    for (let i = 0; i < 10; i++) expect((await login(email, 'wrong-password')).status).toBe(401);
    const limited = await login(email, 'wrong-password');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(limited.body.retryAfter).toBeGreaterThan(0);
    expect(limited.body.retryAfter).toBeLessThanOrEqual(60);
    // Changing the case does not dodge the limit; another e-mail is not affected.
    expect((await login(email.toUpperCase(), 'wrong-password')).status).toBe(429);
    expect((await login(`other-${email}`, 'wrong-password')).status).toBe(401);
  });
});
