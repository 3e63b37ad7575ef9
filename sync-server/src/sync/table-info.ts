import { invalid } from './errors.ts';
import { quoteIdent, type SqlRunner } from './sql.ts';

export interface ColumnInfo {
  name: string;
  /** pg typname; for arrays the element's (protocol §5.4). */
  type: string;
  dims: number;
  notNull: boolean;
  /** format_type(): usable in a cast, e.g. `character varying(255)`. */
  sqlType: string;
  typmod: number;
}

export interface TableInfo {
  schema: string;
  table: string;
  /** `"schema"."table"` */
  qualified: string;
  columns: ColumnInfo[];
  pk: string[];
  fingerprint: string;
  /** Columns change capture leaves out (secrets); null when capture is not installed yet. */
  excluded: string[] | null;
  capturedFingerprint: string | null;
}

/** Our own bookkeeping tables are never shapes. */
const OWN_TABLES = new Set([
  'sync_change_log',
  'sync_sequencer',
  'sync_captured',
  'sync_shapes',
  'sync_snapshot_chunks',
]);
const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema', 'pg_toast', 'drizzle']);

type CatalogRow = {
  attname: string;
  typname: string;
  elem: string | null;
  attndims: number;
  attnotnull: boolean;
  sql_type: string;
  atttypmod: number;
};

/** Columns, primary key and fingerprint of a table, read from the catalog (400 when there is no such table). */
export async function loadTableInfo(q: SqlRunner, schema: string, table: string): Promise<TableInfo> {
  if (SYSTEM_SCHEMAS.has(schema) || (OWN_TABLES.has(table) && schema === 'public')) {
    throw invalid('table', `${schema}.${table} cannot be synced`);
  }
  const qualified = `${quoteIdent(schema)}.${quoteIdent(table)}`;
  const [rel] = await q.query<{ oid: string }>(
    `SELECT c.oid::text AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')`,
    [schema, table],
  );
  if (!rel) throw invalid('table', `Table ${JSON.stringify(`${schema}.${table}`)} does not exist`);
  const cols = await q.query<CatalogRow>(
    `SELECT a.attname, t.typname, et.typname AS elem, a.attndims, a.attnotnull,
            format_type(a.atttypid, a.atttypmod) AS sql_type, a.atttypmod
     FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
     LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
     WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [rel.oid],
  );
  const pk = await q.query<{ attname: string }>(
    `SELECT a.attname FROM pg_index i, unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attnum = k.attnum
     WHERE i.indrelid = $1::oid AND i.indisprimary AND a.attrelid = i.indrelid ORDER BY k.ord`,
    [rel.oid],
  );
  const [fp] = await q.query<{ fingerprint: string; captured: string | null; excluded: string[] | null }>(
    `SELECT sync_table_fingerprint($1::oid) AS fingerprint, c.fingerprint AS captured, c.excluded
     FROM (SELECT 1) one LEFT JOIN sync_captured c ON c.schema_name = $2 AND c.table_name = $3`,
    [rel.oid, schema, table],
  );
  return {
    schema,
    table,
    qualified,
    columns: cols.map((c) => ({
      name: c.attname,
      type: c.elem ?? c.typname,
      dims: c.elem ? Math.max(c.attndims, 1) : 0,
      notNull: c.attnotnull,
      sqlType: c.sql_type,
      typmod: c.atttypmod,
    })),
    pk: pk.map((p) => p.attname),
    fingerprint: fp?.fingerprint ?? '',
    excluded: fp?.excluded ?? null,
    capturedFingerprint: fp?.captured ?? null,
  };
}

/** The `electric-schema` header (protocol §5.4) for the shape's columns. */
export function schemaHeader(info: TableInfo, columns: readonly string[]): string {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of columns) {
    const c = info.columns.find((col) => col.name === name);
    if (!c) continue;
    const entry: Record<string, unknown> = { type: c.type };
    if (c.dims > 0) entry.dims = c.dims;
    const pkIndex = info.pk.indexOf(name);
    if (pkIndex >= 0) entry.pk_index = pkIndex;
    if (c.notNull || pkIndex >= 0) entry.not_null = true;
    if (c.typmod >= 4 && c.dims === 0) {
      if (c.type === 'varchar') entry.max_length = c.typmod - 4;
      if (c.type === 'bpchar') entry.length = c.typmod - 4;
      if (c.type === 'numeric') {
        entry.precision = ((c.typmod - 4) >> 16) & 0xffff;
        entry.scale = (c.typmod - 4) & 0xffff;
      }
    }
    out[name] = entry;
  }
  return JSON.stringify(out);
}

/** Columns a shape may carry: captured ones (secrets excluded). */
export function capturedColumns(info: TableInfo): string[] {
  const excluded = new Set(info.excluded ?? []);
  return info.columns.map((c) => c.name).filter((n) => !excluded.has(n));
}
