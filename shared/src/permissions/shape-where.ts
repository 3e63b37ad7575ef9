import { isPersonalResource, type Resource, type Scope } from './catalog.ts';
import type { Principal } from './principal.ts';

/**
 * The read scope of scope.ts as a sync-shape `where` string with `$n` parameters (Electric shape protocol).
 * scope.ts's subqueries (my team's members, the clients/deals I can see) are expanded to literal id lists here:
 * a shape's where must be a pure function of the row, so that moving into or out of it is decided by the row
 * alone. The server recomputes the lists on every request and whenever users/clients/deals change during a long
 * poll; a different list makes a different shape definition, so the client gets a 409 and refetches.
 * Keep in step with scopePredicate: sync-server/src/sync/user-shapes.api.test.ts compares both for every role.
 */
export interface ShapeWhere {
  where: string;
  params: string[];
}

export type ShapeFact = 'teamMemberIds' | 'clientIds' | 'dealIds';
export type ShapeFacts = Partial<Record<ShapeFact, readonly string[]>>;

/** The id lists shapeWhere needs for `resource` read under `scope`. */
export function shapeFactsNeeded(resource: Resource, scope: Scope): ShapeFact[] {
  if (scope === 'all') return [];
  const team: ShapeFact[] = scope === 'team' ? ['teamMemberIds'] : [];
  switch (resource) {
    case 'clients':
    case 'deals':
    case 'segments':
      return team;
    case 'contacts':
      return ['clientIds'];
    case 'tasks':
      return scope === 'partner' ? ['clientIds', 'dealIds'] : team;
    case 'notes':
      return [...team, 'clientIds', 'dealIds'];
    default:
      return [];
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidArray(ids: readonly string[] | undefined, fact: ShapeFact): string {
  if (!ids) throw new Error(`shapeWhere needs ${fact}`);
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid in ${fact}: ${id}`);
  return `{${[...ids].sort().join(',')}}`;
}

/** The where (with `deleted_at IS NULL`: soft-deleted rows are never in a user's shape) and its parameters. */
export function shapeWhere(resource: Resource, scope: Scope, p: Principal, facts: ShapeFacts): ShapeWhere {
  const params: string[] = [];
  const param = (value: string, cast: string): string => {
    let i = params.indexOf(value);
    if (i < 0) i = params.push(value) - 1;
    return `$${i + 1}::${cast}`;
  };
  const ids = (fact: ShapeFact) => param(uuidArray(facts[fact], fact), 'uuid[]');

  const byOwner = (owner: string, partner: string | null): string => {
    switch (scope) {
      case 'all':
        return 'true';
      case 'team':
        return `${owner} = ANY (${ids('teamMemberIds')})`;
      case 'own':
        return `${owner} = ${param(p.userId, 'uuid')}`;
      case 'partner':
        return partner && p.partnerId ? `${partner} = ${param(p.partnerId, 'uuid')}` : 'false';
    }
  };

  const predicate = (): string => {
    // A personal resource's rows are their user's alone (sync_notices.user_id), whatever the scope.
    if (isPersonalResource(resource)) return `user_id = ${param(p.userId, 'uuid')}`;
    if (scope === 'all') return 'true';
    switch (resource) {
      case 'clients':
      case 'deals':
        return byOwner('owner_id', 'partner_id');
      case 'contacts':
        return `client_id = ANY (${ids('clientIds')})`;
      case 'tasks':
        if (scope === 'partner')
          return `(client_id = ANY (${ids('clientIds')}) OR deal_id = ANY (${ids('dealIds')}))`;
        return `(${byOwner('assignee_id', null)} OR ${byOwner('created_by', null)})`;
      case 'notes': {
        const author = scope === 'partner' ? 'false' : byOwner('author_id', null);
        return `(${author} OR client_id = ANY (${ids('clientIds')}) OR deal_id = ANY (${ids('dealIds')}))`;
      }
      case 'segments':
        return `(${byOwner('owner_id', null)} OR shared)`;
      case 'users':
        if (scope === 'own') return `id = ${param(p.userId, 'uuid')}`;
        if (scope === 'team') return p.teamId ? `team_id = ${param(p.teamId, 'uuid')}` : 'false';
        return p.partnerId ? `partner_id = ${param(p.partnerId, 'uuid')}` : 'false';
      default:
        // Reference data (pipelines, custom fields, roles, teams, partners) is readable by all or not at all.
        return 'false';
    }
  };

  return { where: `deleted_at IS NULL AND ${predicate()}`, params };
}
