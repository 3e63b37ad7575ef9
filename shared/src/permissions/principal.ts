import type { Action, Resource, Scope } from './catalog.ts';

/** Who is acting, with the grants of their role resolved. */
export interface Principal {
  userId: string;
  roleKey: string;
  teamId: string | null;
  partnerId: string | null;
  grants: ReadonlyMap<string, Scope>;
}

export const grantKey = (resource: Resource, action: Action): string => `${resource}:${action}`;

/** The scope this principal holds for an action, or null when it may not do it at all. */
export function scopeFor(p: Principal, resource: Resource, action: Action): Scope | null {
  const scope = p.grants.get(grantKey(resource, action)) ?? null;
  // Without a team, "team" narrows to the user's own records; without a partner org, "partner" grants nothing.
  if (scope === 'team' && !p.teamId) return 'own';
  if (scope === 'partner' && !p.partnerId) return null;
  return scope;
}
