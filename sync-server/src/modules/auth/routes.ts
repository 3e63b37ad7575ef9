import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '@mak/shared/errors';
import { newId } from '@mak/shared/ids';
import { recoveryCodes, sessions, users } from '@mak/shared/schema';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv, AuthState } from '../../context.ts';
import { requireAuth, SESSION_COOKIE } from '../../middleware/authenticate.ts';
import { createRouter } from '../../openapi.ts';
import { writeTx } from '../../platform/db.ts';
import { errorResponses } from '../records/define-resource.ts';
import { isoTimestamp } from '../records/serialize.ts';
import { setUserPassword } from '../users/create-user.ts';
import { hashRecoveryCode, login, useTotpCode } from './login.ts';
import { verifyPassword } from './password.ts';
import {
  LoginBody,
  LoginResult,
  PasswordChangeBody,
  PublicUser,
  SessionInfo,
  TotpDisableBody,
  TotpEnableBody,
  TotpEnableResult,
  TotpSetupResult,
} from './schemas.ts';
import { invalidateUserSessions, validateSessionToken } from './sessions.ts';
import { generateRecoveryCode, generateTotpSecret, totpStep, totpUri } from './totp.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];
const json = <T extends z.ZodTypeAny>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <T extends z.ZodTypeAny>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const Ok = z.object({ ok: z.literal(true) });
const RECOVERY_CODES = 10;

function clientIp(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function publicUser(auth: Pick<AuthState, 'user' | 'principal'>): z.infer<typeof PublicUser> {
  const { user, principal } = auth;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.roleKey,
    teamId: user.teamId,
    partnerId: user.partnerId,
    locale: user.locale,
    totpEnabled: user.totpEnabled,
    permissions: [...principal.grants].map(([key, scope]) => {
      const [resource = '', action = ''] = key.split(':');
      return { resource, action, scope };
    }),
  };
}

async function issueRecoveryCodes(c: Context<AppEnv>, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, generateRecoveryCode);
  await writeTx(c.var.deps.database.db, userId, async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx
      .insert(recoveryCodes)
      .values(codes.map((code) => ({ id: newId(), userId, codeHash: hashRecoveryCode(code) })));
  });
  return codes;
}

export function authRoutes() {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags: ['Auth'],
      summary: 'Sign in with e-mail and password (and a TOTP or recovery code once 2FA is on)',
      description:
        'Answers a session token for apps (send it as `Authorization: Bearer`) and sets an HttpOnly cookie for ' +
        'browsers. 401 `totp_required` asks for the second factor; 423 `locked` after repeated failures; 429 when ' +
        'rate-limited.',
      request: body(LoginBody),
      responses: { 200: json(LoginResult), ...errorResponses },
    }),
    async (c) => {
      const deps = c.var.deps;
      const { session } = await login(deps, c.req.valid('json'), {
        ip: clientIp(c),
        userAgent: c.req.header('user-agent') ?? null,
      });
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: new URL(c.req.url).protocol === 'https:',
        path: '/',
        expires: session.expiresAt,
      });
      const valid = await validateSessionToken(deps.database.db, session.token, deps.config.sessionDays);
      if (!valid) throw new DomainError('internal', 'Session vanished right after login');
      return c.json(
        { token: session.token, expiresAt: session.expiresAt.toISOString(), user: publicUser(valid) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags: ['Auth'],
      summary: 'End this session',
      security,
      responses: { 200: json(Ok), ...errorResponses },
    }),
    async (c) => {
      const auth = requireAuth(c);
      await c.var.deps.database.db.delete(sessions).where(eq(sessions.id, auth.sessionId));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/auth/me',
      tags: ['Auth'],
      summary: 'The signed-in user with role and permissions',
      security,
      responses: { 200: json(PublicUser), ...errorResponses },
    }),
    (c) => c.json(publicUser(requireAuth(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/auth/sessions',
      tags: ['Auth'],
      summary: 'My sessions (devices)',
      security,
      responses: { 200: json(z.object({ items: z.array(SessionInfo) })), ...errorResponses },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const rows = await c.var.deps.database.db
        .select()
        .from(sessions)
        .where(eq(sessions.userId, auth.user.id))
        .orderBy(desc(sessions.lastSeenAt));
      return c.json(
        {
          items: rows.map((s) => ({
            id: s.publicId,
            createdAt: isoTimestamp(s.createdAt),
            lastSeenAt: isoTimestamp(s.lastSeenAt),
            expiresAt: isoTimestamp(s.expiresAt),
            userAgent: s.userAgent,
            ip: s.ip,
            current: s.id === auth.sessionId,
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/auth/sessions/{id}',
      tags: ['Auth'],
      summary: 'Revoke one of my sessions',
      security,
      request: { params: z.object({ id: z.uuid() }) },
      responses: {
        200: json(Ok),
        ...errorResponses,
        404: json(z.object({ code: z.string() }), 'No such session'),
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const [gone] = await c.var.deps.database.db
        .delete(sessions)
        .where(and(eq(sessions.publicId, c.req.valid('param').id), eq(sessions.userId, auth.user.id)))
        .returning({ id: sessions.id });
      if (!gone) throw DomainError.notFound('session');
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password',
      tags: ['Auth'],
      summary: 'Change my password (ends my other sessions)',
      security,
      request: body(PasswordChangeBody),
      responses: { 200: json(Ok), ...errorResponses },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const { currentPassword, newPassword } = c.req.valid('json');
      const db = c.var.deps.database.db;
      const [u] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, auth.user.id));
      if (!u || !(await verifyPassword(u.hash, currentPassword))) {
        throw new DomainError('validation', 'Current password is wrong', {
          fields: [{ field: 'currentPassword', message: 'wrong password' }],
        });
      }
      await writeTx(db, auth.user.id, (tx) => setUserPassword(tx, auth.user.id, newPassword));
      await invalidateUserSessions(db, auth.user.id, auth.sessionId);
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/2fa/setup',
      tags: ['Auth'],
      summary: 'Start TOTP enrolment: a secret and otpauth:// URI for the authenticator app',
      security,
      responses: { 200: json(TotpSetupResult), ...errorResponses },
    }),
    async (c) => {
      const auth = requireAuth(c);
      if (auth.user.totpEnabled) throw new DomainError('conflict', 'Two-factor authentication is already on');
      const secret = generateTotpSecret();
      await c.var.deps.database.db
        .update(users)
        .set({ totpPendingSecret: secret })
        .where(eq(users.id, auth.user.id));
      return c.json({ secret, uri: totpUri(secret, auth.user.email) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/2fa/enable',
      tags: ['Auth'],
      summary: 'Confirm enrolment with a current code; answers the recovery codes (shown once)',
      security,
      request: body(TotpEnableBody),
      responses: { 200: json(TotpEnableResult), ...errorResponses },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const db = c.var.deps.database.db;
      const [u] = await db
        .select({ pending: users.totpPendingSecret })
        .from(users)
        .where(eq(users.id, auth.user.id));
      if (!u?.pending) throw new DomainError('conflict', 'Start with POST /api/auth/2fa/setup');
      const step = totpStep(u.pending, c.req.valid('json').code);
      if (step === null) throw DomainError.validation('code', 'wrong code');
      await writeTx(db, auth.user.id, (tx) =>
        tx
          .update(users)
          .set({ totpSecret: u.pending, totpPendingSecret: null, totpLastStep: step })
          .where(eq(users.id, auth.user.id)),
      );
      return c.json({ recoveryCodes: await issueRecoveryCodes(c, auth.user.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/2fa/recovery-codes',
      tags: ['Auth'],
      summary: 'Replace my recovery codes (the old ones stop working)',
      security,
      request: body(TotpEnableBody),
      responses: { 200: json(TotpEnableResult), ...errorResponses },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const [u] = await c.var.deps.database.db
        .select({ secret: users.totpSecret })
        .from(users)
        .where(eq(users.id, auth.user.id));
      if (!u?.secret) throw new DomainError('conflict', 'Two-factor authentication is off');
      if (!(await useTotpCode(c.var.deps.database.db, auth.user.id, u.secret, c.req.valid('json').code))) {
        throw DomainError.validation('code', 'wrong code');
      }
      return c.json({ recoveryCodes: await issueRecoveryCodes(c, auth.user.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/2fa/disable',
      tags: ['Auth'],
      summary: 'Turn 2FA off (password and a current or recovery code)',
      security,
      request: body(TotpDisableBody),
      responses: { 200: json(Ok), ...errorResponses },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const { password, code } = c.req.valid('json');
      const db = c.var.deps.database.db;
      const [u] = await db.select().from(users).where(eq(users.id, auth.user.id));
      if (!u?.totpSecret) throw new DomainError('conflict', 'Two-factor authentication is off');
      if (!(await verifyPassword(u.passwordHash, password)))
        throw DomainError.validation('password', 'wrong password');
      const codeOk = /^\d{6}$/.test(code)
        ? await useTotpCode(db, u.id, u.totpSecret, code)
        : (
            await db
              .select({ id: recoveryCodes.id })
              .from(recoveryCodes)
              .where(
                and(
                  eq(recoveryCodes.userId, u.id),
                  eq(recoveryCodes.codeHash, hashRecoveryCode(code)),
                  isNull(recoveryCodes.usedAt),
                ),
              )
          ).length > 0;
      if (!codeOk) throw DomainError.validation('code', 'wrong code');
      await writeTx(db, u.id, async (tx) => {
        await tx.update(users).set({ totpSecret: null, totpPendingSecret: null }).where(eq(users.id, u.id));
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, u.id));
      });
      return c.json({ ok: true as const }, 200);
    },
  );

  return app;
}
