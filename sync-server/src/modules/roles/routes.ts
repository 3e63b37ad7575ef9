import { createRoute, z } from '@hono/zod-openapi';
import { Id, Name, Timestamps } from '@mak/shared/entities';
import { DomainError } from '@mak/shared/errors';
import { newId } from '@mak/shared/ids';
import { ACTIONS, type Action, RESOURCES, SCOPES } from '@mak/shared/permissions';
import { rolePermissions, roles, users } from '@mak/shared/schema';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.ts';
import { requireAuth } from '../../middleware/authenticate.ts';
import { createRouter } from '../../openapi.ts';
import { type Queryable, type Tx, writeTx } from '../../platform/db.ts';
import { errorResponses } from '../records/define-resource.ts';
import { serializeRow } from '../records/serialize.ts';

const Grant = z.strictObject({ resource: z.enum(RESOURCES), action: z.enum(ACTIONS), scope: z.enum(SCOPES) });
const Grants = z
  .array(Grant)
  .max(RESOURCES.length * ACTIONS.length)
  .refine(
    (gs) => new Set(gs.map((g) => `${g.resource}:${g.action}`)).size === gs.length,
    'a permission is listed twice',
  );
const RoleCreate = z.strictObject({
  id: Id.optional(),
  key: z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, 'latin lower case, digits, - and _'),
  name: Name,
  permissions: Grants,
});
const RolePatch = z
  .strictObject({ name: Name, permissions: Grants, version: z.number().int().min(1) })
  .partial();
const Role = z
  .object({
    id: Id,
    key: z.string(),
    name: z.string(),
    builtin: z.boolean(),
    permissions: z.array(Grant),
    ...Timestamps,
  })
  .openapi('Role');
const IdParam = z.object({ id: z.uuid() });
const security: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];
const json = <T extends z.ZodTypeAny>(schema: T) => ({
  description: 'OK',
  content: { 'application/json': { schema } },
});

type RoleRow = z.infer<typeof Role>;

async function loadRoles(db: Queryable, id?: string): Promise<RoleRow[]> {
  const rows = await db
    .select()
    .from(roles)
    .where(and(isNull(roles.deletedAt), id ? eq(roles.id, id) : undefined))
    .orderBy(asc(roles.key));
  const grants = await db.select().from(rolePermissions);
  return rows.map((r) => ({
    ...serializeRow(r),
    permissions: grants
      .filter((g) => g.roleId === r.id)
      .map((g) => ({ resource: g.resource, action: g.action, scope: g.scope }) as z.infer<typeof Grant>),
  }));
}

/** Roles are reference data: anyone holding roles:read sees all of them; only roles:<write> may change them. */
function allowed(c: Context<AppEnv>, action: Action): string {
  const { principal, user } = requireAuth(c);
  if (principal.grants.get(`roles:${action}`) !== 'all')
    throw DomainError.forbidden(`Your role may not ${action} roles`);
  return user.id;
}

async function replaceGrants(tx: Tx, roleId: string, grants: z.infer<typeof Grants>) {
  await tx.delete(rolePermissions).where(eq(rolePermissions.roleId, roleId));
  if (grants.length)
    await tx.insert(rolePermissions).values(grants.map((g) => ({ id: newId(), roleId, ...g })));
}

export function roleRoutes() {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/roles',
      tags: ['Roles'],
      summary: 'List roles with their permissions',
      security,
      request: { query: z.strictObject({}) },
      responses: { 200: json(z.object({ items: z.array(Role) })), ...errorResponses },
    }),
    async (c) => {
      allowed(c, 'read');
      return c.json({ items: await loadRoles(c.var.deps.database.db) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/roles/{id}',
      tags: ['Roles'],
      summary: 'Get a role',
      security,
      request: { params: IdParam },
      responses: { 200: json(Role), ...errorResponses },
    }),
    async (c) => {
      allowed(c, 'read');
      const [role] = await loadRoles(c.var.deps.database.db, c.req.valid('param').id);
      if (!role) throw DomainError.notFound('role');
      return c.json(role, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/roles',
      tags: ['Roles'],
      summary: 'Define a role',
      security,
      request: { body: { required: true, content: { 'application/json': { schema: RoleCreate } } } },
      responses: { 201: json(Role), ...errorResponses },
    }),
    async (c) => {
      const actor = allowed(c, 'create');
      const { permissions, ...input } = c.req.valid('json');
      const id = input.id ?? newId();
      const role = await writeTx(c.var.deps.database.db, actor, async (tx) => {
        const [taken] = await tx.select({ id: roles.id }).from(roles).where(eq(roles.key, input.key));
        if (taken)
          throw new DomainError('conflict', 'A role with this key exists', {
            fields: [{ field: 'key', message: 'taken' }],
          });
        await tx.insert(roles).values({ ...input, id, builtin: false });
        await replaceGrants(tx, id, permissions);
        return (await loadRoles(tx, id))[0];
      });
      return c.json(role as RoleRow, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/roles/{id}',
      tags: ['Roles'],
      summary: 'Rename a role or replace its permissions',
      security,
      request: {
        params: IdParam,
        body: { required: true, content: { 'application/json': { schema: RolePatch } } },
      },
      responses: { 200: json(Role), ...errorResponses },
    }),
    async (c) => {
      const actor = allowed(c, 'update');
      const { id } = c.req.valid('param');
      const { permissions, version, name } = c.req.valid('json');
      const role = await writeTx(c.var.deps.database.db, actor, async (tx) => {
        const [existing] = await loadRoles(tx, id);
        if (!existing) throw DomainError.notFound('role');
        if (version !== undefined && version !== existing.version)
          throw new DomainError('conflict', 'The role was changed meanwhile', {
            details: { currentVersion: existing.version },
          });
        if (existing.key === 'admin' && permissions)
          throw DomainError.forbidden('The admin role always has every permission');
        if (name) await tx.update(roles).set({ name }).where(eq(roles.id, id));
        if (permissions) {
          await replaceGrants(tx, id, permissions);
          // Bump the role's version so clients holding it see the permission change.
          if (!name)
            await tx
              .update(roles)
              .set({ name: existing.name, updatedAt: new Date().toISOString() })
              .where(eq(roles.id, id));
        }
        return (await loadRoles(tx, id))[0];
      });
      return c.json(role as RoleRow, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/roles/{id}',
      tags: ['Roles'],
      summary: 'Delete a role nobody holds',
      security,
      request: { params: IdParam },
      responses: { 200: json(Role), ...errorResponses },
    }),
    async (c) => {
      const actor = allowed(c, 'delete');
      const { id } = c.req.valid('param');
      const role = await writeTx(c.var.deps.database.db, actor, async (tx) => {
        const [existing] = await loadRoles(tx, id);
        if (!existing) throw DomainError.notFound('role');
        if (existing.builtin) throw DomainError.forbidden('Built-in roles cannot be deleted');
        const [holder] = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.roleId, id), isNull(users.deletedAt)))
          .limit(1);
        if (holder) throw new DomainError('conflict', 'Users still hold this role; move them first');
        await tx.update(roles).set({ deletedAt: new Date().toISOString() }).where(eq(roles.id, id));
        return existing;
      });
      return c.json(role, 200);
    },
  );
  return app;
}
