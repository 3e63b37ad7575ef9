import { is, SQL } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { getTableConfig, PgDialect, type PgTable } from 'drizzle-orm/pg-core';

/** One column of a synced table, in SQL terms (snake_case, as the server's migrations spell it). */
export interface LocalColumn {
  name: string;
  /** The SQL type as drizzle declares it: `uuid`, `text[]`, `timestamp with time zone`, … */
  sqlType: string;
  notNull: boolean;
  /** The server's default as an SQL expression, or null. */
  defaultSql: string | null;
  /** Kept only by the server (secrets, login bookkeeping): never in a shape, so nullable here. */
  serverOnly: boolean;
}

export interface LocalIndex {
  name: string;
  method: string;
  columns: string[];
}

export interface LocalTable {
  name: string;
  columns: LocalColumn[];
  indexes: LocalIndex[];
}

/**
 * Columns the server keeps to itself. The shape for `users` must not carry them (ASVS 14.3.3), but drizzle's
 * `users` table names them, so they exist locally as nullable columns that sync never fills.
 */
const SERVER_ONLY: Record<string, readonly string[]> = {
  users: [
    'password_hash',
    'totp_secret',
    'totp_pending_secret',
    'totp_last_step',
    'failed_login_count',
    'locked_until',
    'password_changed_at',
  ],
};

const dialect = new PgDialect({ casing: 'snake_case' });

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
export const quoteLiteral = (value: string): string => `'${value.replaceAll("'", "''")}'`;

function defaultSql(value: unknown, sqlType: string): string | null {
  if (value === undefined || value === null) return null;
  if (is(value, SQL)) return dialect.sqlToQuery(value).sql;
  if (typeof value === 'string') return quoteLiteral(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (sqlType === 'jsonb' || sqlType === 'json') return `${quoteLiteral(JSON.stringify(value))}::${sqlType}`;
  throw new Error(`local schema: cannot render the default ${JSON.stringify(value)} of a ${sqlType} column`);
}

/** Reads a drizzle table definition: the one source of both the server's migrations and the local replica. */
export function describeTable(table: PgTable): LocalTable {
  const config = getTableConfig(table);
  const serverOnly = SERVER_ONLY[config.name] ?? [];
  const columns = config.columns.map((col): LocalColumn => {
    const name = toSnakeCase(col.name);
    const sqlType = col.getSQLType();
    return {
      name,
      sqlType,
      notNull: col.notNull && !serverOnly.includes(name),
      defaultSql: serverOnly.includes(name) ? null : defaultSql(col.default, sqlType),
      serverOnly: serverOnly.includes(name),
    };
  });
  const id = columns[0];
  if (id?.name !== 'id' || id.sqlType !== 'uuid') {
    throw new Error(`local schema: ${config.name} must start with the sync columns (id uuid first)`);
  }
  const indexes: LocalIndex[] = [];
  for (const index of config.indexes) {
    const parts = index.config.columns;
    // Expression indexes (lower(email)) are the server's business; plain column lists help local queries.
    if (parts.some((c) => is(c, SQL) || !c || !('name' in c) || typeof c.name !== 'string')) continue;
    const names = parts.map((c) => toSnakeCase((c as { name: string }).name));
    if (names.some((n) => serverOnly.includes(n))) continue;
    indexes.push({
      name: index.config.name ?? `${config.name}_${names.join('_')}_idx`,
      method: index.config.method ?? 'btree',
      columns: names,
    });
  }
  return { name: config.name, columns, indexes };
}
