import { DomainError } from '@mak/shared/errors';
import { newId } from '@mak/shared/ids';
import { recoveryCodes, roles, users } from '@mak/shared/schema';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db.ts';
import { hashPassword } from '../auth/password.ts';

export const MIN_PASSWORD_LENGTH = 8;

export interface CreateUserInput {
  /** Normally generated; the demo seed passes the admin's id so the audit log can name it as actor from the start. */
  id?: string;
  email: string;
  password: string;
  name?: string;
  roleKey: string;
  teamId?: string | null;
  partnerId?: string | null;
  locale?: string;
}

export interface CreatedUser {
  id: string;
  email: string;
  name: string;
  roleKey: string;
  teamId: string | null;
  partnerId: string | null;
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw DomainError.validation('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}

export async function findRoleId(tx: Tx, roleKey: string): Promise<string> {
  const [role] = await tx
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.key, roleKey), isNull(roles.deletedAt)));
  if (!role) throw DomainError.validation('role', 'no such role');
  return role.id;
}

/** The one way users are born (CLI, admin API, demo seed): checked role, argon2id hash, e-mail stored lower-cased. */
export async function createUser(tx: Tx, input: CreateUserInput): Promise<CreatedUser> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw DomainError.validation('email', 'must be an e-mail address');
  checkPassword(input.password);
  const roleId = await findRoleId(tx, input.roleKey);
  const [existing] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));
  if (existing) throw new DomainError('conflict', 'A user with this e-mail already exists');

  const id = input.id ?? newId();
  const name = input.name?.trim() || email.split('@')[0] || email;
  await tx.insert(users).values({
    id,
    email,
    name,
    passwordHash: await hashPassword(input.password),
    roleId,
    teamId: input.teamId ?? null,
    partnerId: input.partnerId ?? null,
    locale: input.locale ?? 'ru',
    passwordChangedAt: new Date().toISOString(),
  });
  return {
    id,
    email,
    name,
    roleKey: input.roleKey,
    teamId: input.teamId ?? null,
    partnerId: input.partnerId ?? null,
  };
}

/** Sets a new password and lifts any login lock. Sessions are the caller's business (the CLI ends them). */
export async function setUserPassword(tx: Tx, userId: string, password: string): Promise<void> {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  const updated = await tx
    .update(users)
    .set({
      passwordHash,
      passwordChangedAt: new Date().toISOString(),
      failedLoginCount: 0,
      lockedUntil: null,
    })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (updated.length === 0) throw DomainError.notFound('User');
}

/** Turns two-factor sign-in off (lost authenticator): clears the secrets and the recovery codes. */
export async function resetUserTwoFactor(tx: Tx, userId: string): Promise<void> {
  const updated = await tx
    .update(users)
    .set({ totpSecret: null, totpPendingSecret: null })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (updated.length === 0) throw DomainError.notFound('User');
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}
