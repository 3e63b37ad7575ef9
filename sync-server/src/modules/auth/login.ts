import { DomainError } from '@mak/shared/errors';
import { recoveryCodes, users } from '@mak/shared/schema';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { Db } from '../../platform/db.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { createSession, type NewSession } from './sessions.ts';
import { hashToken } from './tokens.ts';
import { totpStep } from './totp.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
const IP_LIMIT = { count: 30, windowSec: 300 };
const EMAIL_LIMIT = { count: 10, windowSec: 60 };

export const normalizeRecoveryCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');
export const hashRecoveryCode = (code: string): string => hashToken(normalizeRecoveryCode(code));

const invalid = () => new DomainError('unauthenticated', 'Wrong e-mail or password');

async function limit(deps: Deps, key: string, l: { count: number; windowSec: number }) {
  const r = await deps.rateLimiter.hit(key, l.count, l.windowSec);
  if (!r.allowed) {
    throw new DomainError('rate_limited', 'Too many sign-in attempts; try again later', {
      details: { retryAfter: r.retryAfter },
    });
  }
}

/**
 * Password (+ second factor when enabled) → new session. Failed passwords and codes count towards a temporary
 * lockout kept in the database, so it holds across server instances; request rates are limited per IP and e-mail.
 */
export async function login(
  deps: Deps,
  input: { email: string; password: string; totp?: string },
  meta: { ip: string; userAgent: string | null },
): Promise<{ session: NewSession; userId: string }> {
  const email = input.email.toLowerCase();
  await limit(deps, `login:ip:${meta.ip}`, IP_LIMIT);
  await limit(deps, `login:email:${email}`, EMAIL_LIMIT);
  const db = deps.database.db;
  const [user] = await db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email}`, isNull(users.deletedAt)));
  if (!user?.isActive) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw invalid();
  }
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now()) {
    const retryAfter = Math.ceil((new Date(user.lockedUntil).getTime() - Date.now()) / 1000);
    throw new DomainError('locked', 'Too many failed attempts: the account is locked for a while', {
      details: { retryAfter },
    });
  }
  const fail = async (err: DomainError) => {
    // Incremented in the database, not from the row read above: concurrent failures must all count.
    const [row] = await db
      .update(users)
      .set({ failedLoginCount: sql`${users.failedLoginCount} + 1` })
      .where(eq(users.id, user.id))
      .returning({ failures: users.failedLoginCount });
    if ((row?.failures ?? 0) >= MAX_FAILED_LOGINS) {
      await db
        .update(users)
        .set({
          failedLoginCount: 0,
          lockedUntil: new Date(Date.now() + LOCKOUT_MINUTES * 60_000).toISOString(),
        })
        .where(eq(users.id, user.id));
    }
    throw err;
  };
  if (!(await verifyPassword(user.passwordHash, input.password))) await fail(invalid());
  if (user.totpSecret) {
    if (!input.totp) throw new DomainError('totp_required', 'Enter the code from your authenticator app');
    const ok = /^\d{6}$/.test(input.totp)
      ? await useTotpCode(deps.database.db, user.id, user.totpSecret, input.totp)
      : await useRecoveryCode(deps, user.id, input.totp);
    if (!ok)
      await fail(
        new DomainError('unauthenticated', 'Wrong two-factor code', {
          fields: [{ field: 'totp', message: 'wrong code' }],
        }),
      );
  }
  if (user.failedLoginCount > 0 || user.lockedUntil) {
    await db.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, user.id));
  }
  const session = await createSession(db, user.id, {
    days: deps.config.sessionDays,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  return { session, userId: user.id };
}

/** Accepts a TOTP code once: its time step must be later than the last one this user signed in with. */
export async function useTotpCode(db: Db, userId: string, secret: string, code: string): Promise<boolean> {
  const step = totpStep(secret, code);
  if (step === null) return false;
  const [fresh] = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return Boolean(fresh);
}

/** Consumes a recovery code: each works once. */
async function useRecoveryCode(deps: Deps, userId: string, code: string): Promise<boolean> {
  const [used] = await deps.database.db
    .update(recoveryCodes)
    .set({ usedAt: new Date().toISOString() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashRecoveryCode(code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return Boolean(used);
}
