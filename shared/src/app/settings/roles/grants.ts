import {
  ACTIONS,
  type Action,
  type PermissionGrant,
  RESOURCES,
  type RoleResource,
  SCOPES,
  type Scope,
} from '../../../permissions/catalog.ts';

/** A role's grants as the editor shows them: resource × action → scope, null where not granted. */
export type GrantMatrix = Record<RoleResource, Record<Action, Scope | null>>;

/** Reference data is readable by all or not at all (permissions/scope.ts): a narrower scope would match nothing. */
const ALL_ONLY: readonly RoleResource[] = ['pipelines', 'custom_fields', 'roles', 'teams', 'partners'];

/** The scopes that mean something for `resource`, narrowest first. */
export function scopesFor(resource: RoleResource): readonly Scope[] {
  if (ALL_ONLY.includes(resource)) return ['all'];
  // Segments have no partner column: `partner` would match none of them.
  if (resource === 'segments') return ['own', 'team', 'all'];
  return SCOPES;
}

export function emptyMatrix(): GrantMatrix {
  return Object.fromEntries(
    RESOURCES.map((r) => [r, Object.fromEntries(ACTIONS.map((a) => [a, null]))]),
  ) as GrantMatrix;
}

const isResource = (value: string): value is RoleResource => (RESOURCES as readonly string[]).includes(value);
const isAction = (value: string): value is Action => (ACTIONS as readonly string[]).includes(value);
const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);

/** Grants as the server lists them; entries naming an unknown resource, action or scope are left out. */
export function matrixFromGrants(
  grants: readonly { resource: string; action: string; scope: string }[],
): GrantMatrix {
  const matrix = emptyMatrix();
  for (const g of grants) {
    if (isResource(g.resource) && isAction(g.action) && isScope(g.scope))
      matrix[g.resource][g.action] = g.scope;
  }
  return matrix;
}

/** The matrix as the API's `permissions` list, in catalogue order. */
export function grantsFromMatrix(matrix: GrantMatrix): PermissionGrant[] {
  return RESOURCES.flatMap((resource) =>
    ACTIONS.flatMap((action) => {
      const scope = matrix[resource][action];
      return scope ? [{ resource, action, scope }] : [];
    }),
  );
}

export function setGrant(
  matrix: GrantMatrix,
  resource: RoleResource,
  action: Action,
  scope: Scope | null,
): GrantMatrix {
  return { ...matrix, [resource]: { ...matrix[resource], [action]: scope } };
}

export interface GrantChange {
  resource: RoleResource;
  action: Action;
  from: Scope | null;
  to: Scope | null;
}

/** Cells that differ between two matrices, in catalogue order. */
export function diffMatrices(before: GrantMatrix, after: GrantMatrix): GrantChange[] {
  return RESOURCES.flatMap((resource) =>
    ACTIONS.flatMap((action) => {
      const from = before[resource][action];
      const to = after[resource][action];
      return from === to ? [] : [{ resource, action, from, to }];
    }),
  );
}

/** Resources the role may write but not read: allowed by the server, but such a role cannot see what it writes. */
export function writesWithoutRead(matrix: GrantMatrix): RoleResource[] {
  return RESOURCES.filter((r) => !matrix[r].read && ACTIONS.some((a) => a !== 'read' && matrix[r][a]));
}

export interface RolePatchBody {
  name?: string;
  permissions?: PermissionGrant[];
  version: number;
}

/**
 * The body of `PATCH /api/roles/{id}` for an edit, or null when nothing changed. The permissions are sent whole
 * (the server replaces the set), and only when a cell changed; `version` guards against a concurrent edit.
 */
export function rolePatchBody(
  original: { name: string; version: number; matrix: GrantMatrix },
  edited: { name: string; matrix: GrantMatrix },
): RolePatchBody | null {
  const name = edited.name.trim();
  const body: RolePatchBody = { version: original.version };
  if (name !== original.name) body.name = name;
  if (diffMatrices(original.matrix, edited.matrix).length) body.permissions = grantsFromMatrix(edited.matrix);
  return body.name === undefined && body.permissions === undefined ? null : body;
}
