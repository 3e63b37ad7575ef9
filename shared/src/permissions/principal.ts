import { type Action, isPersonalResource, PERSONAL_ACTIONS, type Resource, type Scope } from './catalog.ts';

/** Who is acting, with the grants of their role resolved. */
export interface Principal {
  userId: string;
  roleKey: string;
  teamId: string | null;
  partnerId: string | null;
  grants: ReadonlyMap<string, Scope>;
}

export const grantKey = (resource: Resource, action: Action): string => `${resource}:${action}`;

/**
 * The scope this principal holds for an action, or null when it may not do it at all. Personal resources
 * (catalog.ts) are `own` for every signed-in user, whatever the role's grants say.
 */
export function scopeFor(p: Principal, resource: Resource, action: Action): Scope | null {
  if (isPersonalResource(resource)) return PERSONAL_ACTIONS.includes(action) ? 'own' : null;
  const scope = p.grants.get(grantKey(resource, action)) ?? null;
  // Without a team, "team" narrows to the user's own records; without a partner org, "partner" grants nothing.
  if (scope === 'team' && !p.teamId) return 'own';
  if (scope === 'partner' && !p.partnerId) return null;
  return scope;
}
