import { useCallback, useEffect, useState } from 'react';
import type { PermissionGrant } from '../../../permissions/catalog.ts';
import { useFailureText, useOffline, useServer } from '../common/use-server.ts';

/** A role as `GET /api/roles` answers it. */
export interface RoleInfo {
  id: string;
  key: string;
  name: string;
  builtin: boolean;
  version: number;
  permissions: PermissionGrant[];
}

const isRole = (r: unknown): r is RoleInfo => {
  const o = r as Partial<RoleInfo> | null;
  return (
    typeof o?.id === 'string' &&
    typeof o.key === 'string' &&
    typeof o.name === 'string' &&
    typeof o.version === 'number' &&
    Array.isArray(o.permissions)
  );
};

/** Roles with their grants: only the server has the grants (role_permissions is not in any shape). */
export function useRoles() {
  const server = useServer();
  const { describe } = useFailureText();
  const offline = useOffline();
  const [roles, setRoles] = useState<RoleInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const res = await server<{ items: unknown[] }>({ method: 'GET', path: '/api/roles' });
    if (!res.ok) return setError(describe(res.failure));
    setRoles(Array.isArray(res.body?.items) ? res.body.items.filter(isRole) : []);
    setError(null);
  }, [server, describe]);
  // Loads on open, and again when the server is back after being unreachable.
  useEffect(() => {
    if (!offline) void reload();
  }, [reload, offline]);
  return { roles, error, reload };
}
