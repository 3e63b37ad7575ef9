export interface UserRow {
  id: string;
  name: string;
  email: string;
  role_id: string;
  role_key: string | null;
  role_name: string | null;
  team_id: string | null;
  team_name: string | null;
  partner_id: string | null;
  partner_name: string | null;
  locale: string;
  is_active: boolean;
  version: number;
}

export interface Option {
  value: string;
  label: string;
}

/**
 * $1 = search text ('' for all), $2 and $3 = its ILIKE pattern, $4 = include deactivated; then limit and offset.
 * Live queries bind parameters in order of appearance (pglite's formatQuery), so each is used once, in order.
 */
const FILTER = `u.deleted_at is null
  and ($1 = '' or u.name ilike $2 or u.email ilike $3)
  and ($4::boolean or u.is_active)`;

export const userFilter = (q: string, inactive: boolean): unknown[] => [
  q,
  containsPattern(q),
  containsPattern(q),
  inactive,
];

export const USERS_SQL = `select u.id, u.name, u.email, u.role_id, r.key as role_key, r.name as role_name,
    u.team_id, t.name as team_name, u.partner_id, p.name as partner_name, u.locale, u.is_active, u.version
  from users u
  left join roles r on r.id = u.role_id
  left join teams t on t.id = u.team_id
  left join partners p on p.id = u.partner_id
  where ${FILTER}
  order by u.is_active desc, lower(u.name), u.id
  limit $5 offset $6`;

export const USERS_COUNT_SQL = `select count(*)::int as n from users u where ${FILTER}`;

export const ROLE_OPTIONS_SQL = `select key as value, name as label from roles where deleted_at is null order by name`;
export const TEAM_OPTIONS_SQL = `select id as value, name as label from teams where deleted_at is null order by name`;
export const PARTNER_OPTIONS_SQL = `select id as value, name as label from partners where deleted_at is null order by name`;

/** An ILIKE pattern matching `text` literally anywhere. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
