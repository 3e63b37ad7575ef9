import { newId } from '@mak/shared/ids';
import { BUILTIN_ROLES, type BuiltinRole, DEFAULT_ROLE_GRANTS } from '@mak/shared/permissions';
import { rolePermissions, roles } from '@mak/shared/schema';
import { inArray } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';

export const BUILTIN_ROLE_NAMES: Record<BuiltinRole, string> = {
  admin: 'Администратор',
  manager: 'Руководитель',
  sales: 'Менеджер по продажам',
  partner: 'Партнёр',
};

/**
 * Creates the built-in roles that are missing, with their default grants. Idempotent, and safe to run at every
 * start: a role that exists keeps its name and whatever grants an administrator has given or taken away.
 * Returns role key → id.
 */
export async function ensureBuiltinRoles(tx: Queryable): Promise<Map<string, string>> {
  const created = await tx
    .insert(roles)
    .values(BUILTIN_ROLES.map((key) => ({ id: newId(), key, name: BUILTIN_ROLE_NAMES[key], builtin: true })))
    .onConflictDoNothing({ target: roles.key })
    .returning({ key: roles.key });
  const fresh = new Set(created.map((r) => r.key));

  const rows = await tx
    .select({ id: roles.id, key: roles.key })
    .from(roles)
    .where(inArray(roles.key, [...BUILTIN_ROLES]));
  const ids = new Map(rows.map((r) => [r.key, r.id]));

  const grants = BUILTIN_ROLES.filter((key) => fresh.has(key)).flatMap((key) => {
    const roleId = ids.get(key);
    if (!roleId) throw new Error(`Built-in role ${key} could not be created`);
    return DEFAULT_ROLE_GRANTS[key].map((g) => ({ id: newId(), roleId, ...g }));
  });
  if (!grants.length) return ids;
  await tx
    .insert(rolePermissions)
    .values(grants)
    .onConflictDoNothing({
      target: [rolePermissions.roleId, rolePermissions.resource, rolePermissions.action],
    });
  return ids;
}
