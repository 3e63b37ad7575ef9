import { type SQL, sql } from 'drizzle-orm';
import { clients, deals, segments, syncNotices, tasks, users } from '../schema/index.ts';
import { type Action, isPersonalResource, type Resource, type Scope } from './catalog.ts';
import { type Principal, scopeFor } from './principal.ts';

const TRUE = sql`true`;
const FALSE = sql`false`;

const teamMembers = (teamId: string) =>
  sql`(select ${users.id} from ${users} where ${users.teamId} = ${teamId})`;

/** Ownership of a record by owner column: own → me, team → my team's members, partner → my organisation. */
function byOwner(owner: SQL | unknown, partner: SQL | unknown | null, scope: Scope, p: Principal): SQL {
  switch (scope) {
    case 'all':
      return TRUE;
    case 'team':
      return sql`${owner} in ${teamMembers(p.teamId as string)}`;
    case 'own':
      return sql`${owner} = ${p.userId}`;
    case 'partner':
      return partner ? sql`${partner} = ${p.partnerId}` : FALSE;
  }
}

function visibleClientIds(scope: Scope, p: Principal): SQL {
  return sql`(select ${clients.id} from ${clients} where ${byOwner(clients.ownerId, clients.partnerId, scope, p)})`;
}

function visibleDealIds(scope: Scope, p: Principal): SQL {
  return sql`(select ${deals.id} from ${deals} where ${byOwner(deals.ownerId, deals.partnerId, scope, p)})`;
}

/**
 * The row predicate for `resource` under `scope`: the one rule used by list/get queries, by the post-write check
 * of every create/update/delete, and (later) by sync shapes, so reads and writes can never disagree.
 * Column references are unqualified-safe because each predicate names its table's columns through drizzle.
 */
export function scopePredicate(resource: Resource, action: Action, scope: Scope, p: Principal): SQL {
  // A personal resource's rows are their user's alone, whatever scope is asked for.
  if (isPersonalResource(resource)) return sql`${syncNotices.userId} = ${p.userId}`;
  if (scope === 'all') return TRUE;
  switch (resource) {
    case 'clients':
      return byOwner(clients.ownerId, clients.partnerId, scope, p);
    case 'deals':
      return byOwner(deals.ownerId, deals.partnerId, scope, p);
    case 'contacts':
      return sql`client_id in ${visibleClientIds(scope, p)}`;
    case 'tasks': {
      if (scope === 'partner')
        return sql`(client_id in ${visibleClientIds(scope, p)} or deal_id in ${visibleDealIds(scope, p)})`;
      const mine = byOwner(tasks.assigneeId, null, scope, p);
      const created = byOwner(tasks.createdBy, null, scope, p);
      return sql`(${mine} or ${created})`;
    }
    case 'notes': {
      const author = scope === 'partner' ? FALSE : byOwner(sql`author_id`, null, scope, p);
      return sql`(${author} or client_id in ${visibleClientIds(scope, p)} or deal_id in ${visibleDealIds(scope, p)})`;
    }
    case 'segments': {
      const mine = byOwner(segments.ownerId, null, scope, p);
      return action === 'read' ? sql`(${mine} or ${segments.shared})` : mine;
    }
    case 'users':
      if (scope === 'own') return sql`${users.id} = ${p.userId}`;
      if (scope === 'team') return sql`${users.teamId} = ${p.teamId}`;
      return sql`${users.partnerId} = ${p.partnerId}`;
    default:
      // Reference data (pipelines, custom fields, roles, teams, partners) is either readable by all or not at all.
      return FALSE;
  }
}

/** The predicate for what `p` may do, or null when the role lacks the permission entirely. */
export function accessPredicate(p: Principal, resource: Resource, action: Action): SQL | null {
  const scope = scopeFor(p, resource, action);
  return scope ? scopePredicate(resource, action, scope, p) : null;
}
