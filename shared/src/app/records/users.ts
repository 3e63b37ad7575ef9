import { useMemo } from 'react';
import { useLiveQuery } from '../common/index.ts';

export interface UserOption {
  id: string;
  name: string;
  is_active: boolean;
}

const USERS_SQL = `SELECT id, name, is_active FROM users WHERE deleted_at IS NULL ORDER BY name, id`;

/** The users this replica can see (a few hundred at most), with a lookup by id for names in lists. */
export function useUsers(): { users: UserOption[]; byId: Map<string, UserOption>; loading: boolean } {
  const { rows, loading } = useLiveQuery<UserOption>(USERS_SQL);
  const byId = useMemo(() => new Map(rows.map((u) => [u.id, u])), [rows]);
  return { users: rows, byId, loading };
}
