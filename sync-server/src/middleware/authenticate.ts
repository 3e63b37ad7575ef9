import { DomainError } from '@mak/shared/errors';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, AuthState } from '../context.ts';
import { validateSessionToken } from '../modules/auth/sessions.ts';

export const SESSION_COOKIE = 'mak_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller from `Authorization: Bearer` (apps) or the session cookie (browsers). Cookie-authenticated
 * writes must come from our own origin: SameSite=Lax plus this check is the CSRF defence of the Lucia guide.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization');
  let token: string | undefined;
  let via: AuthState['via'] = 'bearer';
  if (header?.toLowerCase().startsWith('bearer ')) {
    token = header.slice(7).trim();
  } else {
    token = getCookie(c, SESSION_COOKIE);
    via = 'cookie';
    if (token && !SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      const host = c.req.header('host');
      if (!origin || !host || hostOf(origin) !== host) {
        throw new DomainError('forbidden', 'Cross-origin request refused (origin check)');
      }
    }
  }
  if (token && token.length <= 128) {
    const { database, config } = c.var.deps;
    const session = await validateSessionToken(database.db, token, config.sessionDays);
    if (session) {
      c.set('auth', { user: session.user, principal: session.principal, sessionId: session.sessionId, via });
    }
  }
  await next();
});

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export function requireAuth(c: { var: AppEnv['Variables'] }): AuthState {
  const auth = c.var.auth;
  if (!auth) throw new DomainError('unauthenticated', 'Sign in first');
  return auth;
}
