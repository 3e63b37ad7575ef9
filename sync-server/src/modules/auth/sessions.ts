import { newId } from '@mak/shared/ids';
import type { Principal, Scope } from '@mak/shared/permissions';
import { rolePermissions, roles, sessions, users } from '@mak/shared/schema';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { SessionUser } from '../../context.ts';
import type { Db } from '../../platform/db.ts';
import { generateToken, hashToken } from './tokens.ts';

const DAY = 86_400_000;

export interface NewSession {
  token: string;
  publicId: string;
  expiresAt: Date;
}

export async function createSession(
  db: Db,
  userId: string,
  opts: { days: number; userAgent?: string | null; ip?: string | null },
): Promise<NewSession> {
  const token = generateToken();
  const publicId = newId();
  const expiresAt = new Date(Date.now() + opts.days * DAY);
  await db.insert(sessions).values({
    id: hashToken(token),
    publicId,
    userId,
    expiresAt: expiresAt.toISOString(),
    userAgent: opts.userAgent?.slice(0, 300) ?? null,
    ip: opts.ip ?? null,
  });
  return { token, publicId, expiresAt };
}

export interface ValidSession {
  sessionId: string;
  publicId: string;
  user: SessionUser;
  principal: Principal;
  expiresAt: Date;
}

/** Looks the token up by hash; slides the expiry when less than half the lifetime is left. */
export async function validateSessionToken(
  db: Db,
  token: string,
  days: number,
): Promise<ValidSession | null> {
  const id = hashToken(token);
  const [row] = await db
    .select({
      sessionId: sessions.id,
      publicId: sessions.publicId,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      email: users.email,
      name: users.name,
      roleKey: roles.key,
      teamId: users.teamId,
      partnerId: users.partnerId,
      locale: users.locale,
      totpSecret: users.totpSecret,
      // The role's grants ride along, so authenticating a request costs one query.
      grants: sql<
        [string, string, Scope][]
      >`coalesce((select json_agg(json_build_array(${rolePermissions.resource}, ${rolePermissions.action}, ${rolePermissions.scope})) from ${rolePermissions} where ${rolePermissions.roleId} = ${users.roleId}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(
      and(
        eq(sessions.id, id),
        gt(sessions.expiresAt, new Date().toISOString()),
        eq(users.isActive, true),
        isNull(users.deletedAt),
      ),
    );
  if (!row) return null;
  let expiresAt = new Date(row.expiresAt);
  const now = Date.now();
  if (expiresAt.getTime() - now < (days * DAY) / 2) {
    expiresAt = new Date(now + days * DAY);
    await db
      .update(sessions)
      .set({ expiresAt: expiresAt.toISOString(), lastSeenAt: new Date(now).toISOString() })
      .where(eq(sessions.id, id));
  }
  const user: SessionUser = {
    id: row.userId,
    email: row.email,
    name: row.name,
    roleKey: row.roleKey,
    teamId: row.teamId,
    partnerId: row.partnerId,
    locale: row.locale,
    totpEnabled: row.totpSecret !== null,
  };
  return {
    sessionId: row.sessionId,
    publicId: row.publicId,
    user,
    principal: {
      userId: user.id,
      roleKey: user.roleKey,
      teamId: user.teamId,
      partnerId: user.partnerId,
      grants: new Map(row.grants.map(([resource, action, scope]) => [`${resource}:${action}`, scope])),
    },
    expiresAt,
  };
}

export async function invalidateUserSessions(
  db: Db,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined));
}
