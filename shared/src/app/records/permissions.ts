import { useCallback } from 'react';
import { useSession } from '../common/index.ts';

/**
 * Whether the user may do `action` on one record owned by `ownerId`: an `own` scope covers only their records,
 * wider scopes are left to the server (it re-checks every write and explains a refusal).
 */
export function useCanOn(resource: string, action: string): (ownerId: string | null | undefined) => boolean {
  const session = useSession();
  return useCallback(
    (ownerId) => {
      const grant = session?.user.permissions.find((p) => p.resource === resource && p.action === action);
      if (!grant) return false;
      return grant.scope !== 'own' || ownerId === session?.user.id;
    },
    [session, resource, action],
  );
}
