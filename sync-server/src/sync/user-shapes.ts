import {
  type Principal,
  type Resource,
  type Scope,
  type ShapeFacts,
  scopeFor,
  scopePredicate,
  shapeFactsNeeded,
  shapeWhere,
} from '@mak/shared/permissions';
import { clients, deals, users } from '@mak/shared/schema';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv, AuthState } from '../context.ts';
import { SESSION_COOKIE } from '../middleware/authenticate.ts';
import { validateSessionToken } from '../modules/auth/sessions.ts';
import type { Db } from '../platform/db.ts';
import type { ShapeDefinition } from './definition.ts';
import {
  ECONOMY_SHAPES,
  type EconomyShape,
  economyShapeAllowed,
  economyShapeWhere,
} from './economy-shapes.ts';
import { forbidden, invalid, ShapeError } from './errors.ts';
import type { ShapeParams } from './params.ts';

export interface UserShapeSpec {
  table: string;
  /** The permission that governs it (stages belong to pipelines, as in the REST API). */
  resource: Resource;
  /** An explicit column list (users: never password or 2FA bookkeeping, even if a column is added later). */
  columns?: string[];
  omit: string[];
  /** Partner-economy shapes (economy-shapes.ts) have their own where and audience. */
  economy?: EconomyShape;
}

const SEARCH = ['search', 'search_text'];
const plain = (table: string, resource: Resource, omit: string[] = []): UserShapeSpec => ({
  table,
  resource,
  omit,
});

/** The shapes a signed-in user may ask for by name (`table=<name>`). The server sets their table, columns, where. */
export const USER_SHAPES: Record<string, UserShapeSpec> = {
  clients: plain('clients', 'clients', SEARCH),
  contacts: plain('contacts', 'contacts', SEARCH),
  deals: plain('deals', 'deals', SEARCH),
  tasks: plain('tasks', 'tasks', SEARCH),
  notes: plain('notes', 'notes', SEARCH),
  pipelines: plain('pipelines', 'pipelines'),
  stages: plain('stages', 'pipelines'),
  segments: plain('segments', 'segments'),
  custom_fields: plain('custom_fields', 'custom_fields'),
  teams: plain('teams', 'teams'),
  roles: plain('roles', 'roles'),
  partners: plain('partners', 'partners'),
  // Every signed-in user's own notices (a personal resource: whatever the role, only `user_id = me`).
  sync_notices: plain('sync_notices', 'sync_notices'),
  users: {
    table: 'users',
    resource: 'users',
    columns: [
      'id',
      'created_at',
      'updated_at',
      'version',
      'last_mutation_id',
      'email',
      'name',
      'role_id',
      'team_id',
    ].concat(['partner_id', 'locale', 'is_active', 'deleted_at']),
    omit: [],
  },
  ...Object.fromEntries(
    Object.entries(ECONOMY_SHAPES).map(([name, e]) => [
      name,
      { table: e.table, resource: e.resource, omit: [], economy: e },
    ]),
  ),
};

/** The named shapes `p` may read, with the scope that applies. */
export function userShapesOf(p: Principal): { name: string; spec: UserShapeSpec; scope: Scope }[] {
  return Object.entries(USER_SHAPES).flatMap(([name, spec]) => {
    const scope = scopeFor(p, spec.resource, 'read');
    if (spec.economy && !economyShapeAllowed(spec.economy, scope, p)) return [];
    return scope ? [{ name, spec, scope }] : [];
  });
}

async function ids(rows: Promise<{ id: string }[]>): Promise<string[]> {
  return (await rows).map((r) => r.id);
}

/** scope.ts's subqueries, evaluated now: the id lists shapeWhere turns into literal `= ANY($n)` filters. */
async function factsFor(db: Db, resource: Resource, scope: Scope, p: Principal): Promise<ShapeFacts> {
  const facts: ShapeFacts = {};
  for (const fact of shapeFactsNeeded(resource, scope)) {
    if (fact === 'teamMemberIds') {
      facts.teamMemberIds = await ids(
        db
          .select({ id: users.id })
          .from(users)
          .where(eq(users.teamId, p.teamId ?? '')),
      );
    } else if (fact === 'clientIds') {
      facts.clientIds = await ids(
        db
          .select({ id: clients.id })
          .from(clients)
          .where(scopePredicate('clients', 'read', scope, p)),
      );
    } else {
      facts.dealIds = await ids(
        db
          .select({ id: deals.id })
          .from(deals)
          .where(scopePredicate('deals', 'read', scope, p)),
      );
    }
  }
  return facts;
}

async function build(db: Db, name: string, p: Principal, refresh: () => Promise<ShapeDefinition>) {
  const spec = USER_SHAPES[name];
  if (!spec)
    throw invalid('table', `no shape named ${JSON.stringify(name)}; GET /api/sync/shapes lists yours`);
  const scope = scopeFor(p, spec.resource, 'read');
  if (!scope) throw forbidden(`Your role may not read ${name}`);
  if (spec.economy) {
    if (!economyShapeAllowed(spec.economy, scope, p)) throw forbidden(`Your role may not read ${name}`);
    const e = await economyShapeWhere(db, spec.economy, scope, p);
    return {
      schema: 'public',
      table: spec.table,
      where: e.where,
      params: e.params,
      columns: null,
      omit: [],
      replica: 'default',
      audience: 'user',
      dependsOn: ['public.users', 'public.roles', 'public.role_permissions', ...e.dependsOn],
      refresh,
    } satisfies ShapeDefinition;
  }
  const facts = await factsFor(db, spec.resource, scope, p);
  const { where, params } = shapeWhere(spec.resource, scope, p, facts);
  const needs = shapeFactsNeeded(spec.resource, scope);
  const dependsOn = ['public.users', 'public.roles', 'public.role_permissions'];
  if (needs.includes('clientIds')) dependsOn.push('public.clients');
  if (needs.includes('dealIds')) dependsOn.push('public.deals');
  const definition: ShapeDefinition = {
    schema: 'public',
    table: spec.table,
    where,
    params,
    columns: spec.columns ?? null,
    omit: spec.omit,
    replica: 'default',
    audience: 'user',
    dependsOn,
    refresh,
  };
  return definition;
}

/**
 * A signed-in user's named shape. `where`, `params` and `columns` from the query are refused: nothing a client
 * sends can widen (or otherwise change) what the server decided; `replica` is ignored.
 */
export async function userShapeDefinition(
  c: Context<AppEnv>,
  auth: AuthState,
  p: ShapeParams,
): Promise<ShapeDefinition> {
  for (const [field, given] of [
    ['where', p.where],
    ['params', p.params],
    ['columns', p.columns],
  ] as const) {
    if (given !== null) throw invalid(field, 'is set by the server for your shapes; leave it out');
  }
  if (!p.table) throw invalid('table', "can't be blank");
  const name = p.table;
  const { database, config } = c.var.deps;
  const header = c.req.header('authorization');
  const token = header?.toLowerCase().startsWith('bearer ')
    ? header.slice(7).trim()
    : getCookie(c, SESSION_COOKIE);
  // Re-resolving re-reads the session, so a role or team change also reaches a held long poll.
  const refresh = async (): Promise<ShapeDefinition> => {
    const session = token ? await validateSessionToken(database.db, token, config.sessionDays) : null;
    if (!session) throw new ShapeError(401, { message: 'Session ended' });
    return build(database.db, name, session.principal, refresh);
  };
  return build(database.db, name, auth.principal, refresh);
}
