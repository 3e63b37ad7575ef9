import { Team, TeamCreate, TeamPatch } from '@mak/shared/entities';
import { DomainError } from '@mak/shared/errors';
import { roles, sessions, teams, users } from '@mak/shared/schema';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { createRouter } from '../../openapi.ts';
import type { Tx } from '../../platform/db.ts';
import { hashPassword } from '../auth/password.ts';
import { defineResource } from '../records/define-resource.ts';
import { compact, uuidFilter } from '../records/refs.ts';
import { User, UserCreate, UserPatch } from './schemas.ts';

async function roleIdOf(tx: Tx, key: string): Promise<string> {
  const [role] = await tx
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.key, key), isNull(roles.deletedAt)));
  if (!role) throw DomainError.validation('role', 'no such role');
  return role.id;
}

export function userRoutes() {
  const app = createRouter();
  app.route(
    '/',
    // Users keep their own write path instead of a mutator: creating one hashes the password with argon2 and
    // deactivating or deleting one ends its sessions, which only the server can do (records/server-only-writes.ts).
    defineResource({
      resource: 'users',
      name: 'users',
      tag: 'Users',
      table: users,
      Row: User,
      Create: UserCreate,
      Patch: UserPatch,
      hidden: [
        'passwordHash',
        'totpSecret',
        'totpPendingSecret',
        'failedLoginCount',
        'lockedUntil',
        'passwordChangedAt',
      ],
      filters: { teamId: uuidFilter, roleId: uuidFilter },
      applyFilters: (f) =>
        compact([
          f.teamId ? eq(users.teamId, f.teamId) : undefined,
          f.roleId ? eq(users.roleId, f.roleId) : undefined,
        ]),
      sorts: {
        name: { expr: sql`${users.name}`, type: 'text' },
        email: { expr: sql`${users.email}`, type: 'text' },
        created_at: { expr: sql`${users.createdAt}`, type: 'timestamptz' },
      },
      defaultSort: 'name',
      async prepareCreate({ password, role, email, ...rest }, { tx }) {
        const [taken] = await tx
          .select({ id: users.id })
          .from(users)
          .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
        if (taken)
          throw new DomainError('conflict', 'A user with this e-mail already exists', {
            fields: [{ field: 'email', message: 'taken' }],
          });
        return {
          ...rest,
          email: email.toLowerCase(),
          roleId: await roleIdOf(tx, role),
          passwordHash: await hashPassword(password),
        };
      },
      async preparePatch({ role, ...rest }, existing, { tx, principal }) {
        if (existing.id === principal.userId && (role !== undefined || rest.isActive === false)) {
          throw DomainError.forbidden('You cannot change your own role or deactivate yourself');
        }
        if (rest.isActive === false)
          await tx.delete(sessions).where(eq(sessions.userId, existing.id as string));
        return { ...rest, ...(role ? { roleId: await roleIdOf(tx, role) } : {}) };
      },
      async afterDelete(id, { tx, principal }) {
        if (id === principal.userId) throw DomainError.forbidden('You cannot delete yourself');
        await tx.delete(sessions).where(eq(sessions.userId, id));
      },
    }),
  );
  app.route(
    '/',
    defineResource({
      resource: 'teams',
      name: 'teams',
      tag: 'Users',
      table: teams,
      Row: Team,
      Create: TeamCreate,
      Patch: TeamPatch,
      filters: {},
      applyFilters: () => [],
      sorts: { name: { expr: sql`${teams.name}`, type: 'text' } },
      defaultSort: 'name',
      mutations: {
        create: 'team.create',
        update: 'team.update',
        delete: 'team.delete',
        restore: 'team.restore',
      },
    }),
  );
  return app;
}
