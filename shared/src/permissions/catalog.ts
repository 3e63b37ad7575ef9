/** Every permission is `resource:action` with a scope. The same strings name REST modules, shapes and audit rows. */
export const RESOURCES = [
  'clients',
  'contacts',
  'deals',
  'pipelines',
  'tasks',
  'notes',
  'segments',
  'custom_fields',
  'users',
  'roles',
  'teams',
  'partners',
  // The partner economy (issue 5): lead offers, the auction, money, referrals, payouts.
  'leads',
  'auctions',
  'ledger',
  'referrals',
  'payouts',
] as const;
/** A resource a role grants (or not): what the role editor and `role_permissions` name. */
export type RoleResource = (typeof RESOURCES)[number];

/**
 * Resources every signed-in user holds on their own rows and on nobody else's, whatever the role: no role grants
 * or withholds them, so they are not in RESOURCES (nor in the role editor). `sync_notices`: what a user must be told
 * about their own edits (an edit overwritten, a likely duplicate); dismissing one is an update.
 */
export const PERSONAL_RESOURCES = ['sync_notices'] as const;
export type PersonalResource = (typeof PERSONAL_RESOURCES)[number];

export type Resource = RoleResource | PersonalResource;

export function isPersonalResource(resource: string): resource is PersonalResource {
  return (PERSONAL_RESOURCES as readonly string[]).includes(resource);
}

export const ACTIONS = ['read', 'create', 'update', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

/** What a user may do with their personal resources' rows: read them and update them (rows are made by the server). */
export const PERSONAL_ACTIONS: readonly Action[] = ['read', 'update'];

/** Widest last: `all` ⊇ `team` ⊇ `own`; `partner` is the partner organisation's records. */
export const SCOPES = ['own', 'partner', 'team', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

export interface PermissionGrant {
  resource: RoleResource;
  action: Action;
  scope: Scope;
}

export const BUILTIN_ROLES = ['admin', 'manager', 'sales', 'partner'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

const CRM_RECORDS: RoleResource[] = ['clients', 'contacts', 'deals', 'tasks', 'notes'];

function grants(resources: RoleResource[], actions: readonly Action[], scope: Scope): PermissionGrant[] {
  return resources.flatMap((resource) => actions.map((action) => ({ resource, action, scope })));
}

/**
 * Defaults for the built-in roles. Sales reps work their own records and may not delete clients or deals
 * (a manager decides that); managers run their team's; partners see what is given to their organisation.
 */
export const DEFAULT_ROLE_GRANTS: Record<BuiltinRole, PermissionGrant[]> = {
  admin: grants([...RESOURCES], ACTIONS, 'all'),
  manager: [
    ...grants(CRM_RECORDS, ACTIONS, 'team'),
    ...grants(['pipelines', 'custom_fields', 'roles', 'teams', 'partners'], ['read'], 'all'),
    ...grants(['users'], ['read'], 'team'),
    ...grants(['segments'], ACTIONS, 'own'),
    ...grants(['leads', 'auctions'], ['read', 'create', 'update'], 'all'),
    ...grants(['ledger', 'referrals', 'payouts'], ['read'], 'all'),
  ],
  sales: [
    ...grants(['clients', 'contacts', 'deals'], ['read', 'create', 'update'], 'own'),
    ...grants(['tasks', 'notes'], ACTIONS, 'own'),
    ...grants(['pipelines', 'custom_fields', 'teams'], ['read'], 'all'),
    ...grants(['users'], ['read'], 'team'),
    ...grants(['segments'], ACTIONS, 'own'),
  ],
  partner: [
    ...grants(['clients', 'deals'], ['read', 'create', 'update'], 'partner'),
    ...grants(['contacts', 'notes'], ['read', 'create'], 'partner'),
    ...grants(['tasks'], ['read', 'create', 'update'], 'own'),
    ...grants(['pipelines', 'custom_fields'], ['read'], 'all'),
    ...grants(['users'], ['read'], 'own'),
    ...grants(['segments'], ACTIONS, 'own'),
    // Offers to the organisation (accept/decline), lots it may bid on, its own money, codes and payouts.
    ...grants(['leads'], ['read', 'update'], 'partner'),
    ...grants(['auctions', 'referrals', 'payouts'], ['read', 'create'], 'partner'),
    ...grants(['ledger'], ['read'], 'partner'),
  ],
};
