import { definitionHash, type ShapeDefinition } from './definition.ts';
import { invalid, ShapeError } from './errors.ts';
import { writeSnapshot } from './snapshot.ts';
import { DISPLAY_SETTINGS_SQL, type SqlClient, type SqlRunner, sqlState } from './sql.ts';
import { capturedColumns, loadTableInfo, schemaHeader, type TableInfo } from './table-info.ts';
import { checkWhere } from './where.ts';

/** A row of sync_shapes: a handle and the definition, snapshot LSN and snapshot size it stands for. */
export interface ShapeRecord {
  handle: string;
  defHash: string;
  schema: string;
  table: string;
  where: string | null;
  params: string[];
  columns: string[];
  replica: 'default' | 'full';
  fingerprint: string;
  schemaHeader: string;
  snapshotLsn: bigint;
  chunkCount: number;
  rowCount: number;
  rotated: boolean;
}

type ShapeRow = {
  handle: string;
  def_hash: string;
  schema_name: string;
  table_name: string;
  where_sql: string | null;
  params: string[];
  columns: string[];
  replica: 'default' | 'full';
  fingerprint: string;
  schema_header: string;
  snapshot_lsn: string;
  chunk_count: number;
  row_count: number;
  rotated: boolean;
};

const SELECT_SHAPE = `SELECT handle, def_hash, schema_name, table_name, where_sql, params, columns, replica, fingerprint,
  schema_header, snapshot_lsn::text AS snapshot_lsn, chunk_count, row_count, rotated_at IS NOT NULL AS rotated FROM sync_shapes`;

const toRecord = (r: ShapeRow): ShapeRecord => ({
  handle: r.handle,
  defHash: r.def_hash,
  schema: r.schema_name,
  table: r.table_name,
  where: r.where_sql,
  params: r.params,
  columns: r.columns,
  replica: r.replica,
  fingerprint: r.fingerprint,
  schemaHeader: r.schema_header,
  snapshotLsn: BigInt(r.snapshot_lsn),
  chunkCount: r.chunk_count,
  rowCount: r.row_count,
  rotated: r.rotated,
});

export async function lookupHandle(q: SqlRunner, handle: string): Promise<ShapeRecord | null> {
  if (handle.length > 200) return null;
  const [row] = await q.query<ShapeRow>(`${SELECT_SHAPE} WHERE handle = $1`, [handle]);
  return row ? toRecord(row) : null;
}

/** Ends one shape (handle) or all shapes of a table; their clients get 409 and refetch. */
export async function rotateShapes(
  q: SqlRunner,
  schema: string,
  table: string,
  handle: string | null,
  reason: string,
) {
  const [row] = await q.query<{ n: number }>('SELECT sync_rotate_shapes($1, $2, $3, $4) AS n', [
    schema,
    table,
    handle,
    reason,
  ]);
  return Number(row?.n ?? 0);
}

/** Table info with change capture installed for the table's current columns (first request for a table, DDL). */
export async function ensureCaptured(sql: SqlClient, schema: string, table: string): Promise<TableInfo> {
  const info = await loadTableInfo(sql, schema, table);
  if (info.capturedFingerprint === info.fingerprint) return info;
  try {
    await sql.transaction({}, (q) => q.query('SELECT sync_install_capture($1::regclass)', [info.qualified]));
  } catch (err) {
    if (sqlState(err)?.startsWith('42'))
      throw invalid('table', `change capture cannot be installed: ${(err as Error).message}`);
    throw err;
  }
  return loadTableInfo(sql, schema, table);
}

/** The shape's columns in table order, checked against the table (400 for unknown, secret, or missing PK). */
export function resolveColumns(def: ShapeDefinition, info: TableInfo): string[] {
  const captured = new Set(capturedColumns(info));
  if (def.columns) {
    for (const c of def.columns) {
      if (!info.columns.some((col) => col.name === c))
        throw invalid('columns', `unknown column ${JSON.stringify(c)}`);
      if (!captured.has(c)) throw invalid('columns', `column ${JSON.stringify(c)} is not synced`);
    }
    const missing = info.pk.filter((c) => !def.columns?.includes(c));
    if (missing.length) throw invalid('columns', `must include the primary key (${missing.join(', ')})`);
  }
  const wanted = new Set(def.columns ?? captured);
  for (const c of def.omit) if (!info.pk.includes(c)) wanted.delete(c);
  return info.columns.map((c) => c.name).filter((c) => wanted.has(c) && captured.has(c));
}

/** Postgres checks the where against the table, with its parameters, without reading a row. */
async function checkWhereInDb(sql: SqlClient, def: ShapeDefinition, info: TableInfo): Promise<void> {
  if (def.where === null) return;
  const excluded = new Set(info.excluded ?? []);
  for (const name of checkWhere(def.where).names) {
    if (excluded.has(name))
      throw invalid('where', `column ${JSON.stringify(name)} cannot be used in a where`);
  }
  try {
    await sql.transaction({ readOnly: true }, (q) =>
      q.query(`SELECT 1 FROM ${info.qualified} AS t WHERE (${def.where}) LIMIT 0`, def.params),
    );
  } catch (err) {
    if (sqlState(err)) throw invalid('where', (err as Error).message);
    throw err;
  }
}

async function createShape(
  sql: SqlClient,
  def: ShapeDefinition,
  hash: string,
  info: TableInfo,
  columns: string[],
) {
  return sql.transaction({ repeatableRead: true }, async (q) => {
    await q.query(DISPLAY_SETTINGS_SQL);
    // G0 in the same snapshot as the rows: every transaction up to it is in the snapshot, later ones are not.
    const [g] = await q.query<{ lsn: string; seq: string }>(
      `SELECT coalesce(max(tx_seq), 0)::text AS lsn, nextval('sync_handle_seq')::text AS seq FROM sync_change_log`,
    );
    const handle = `${hash.slice(0, 8)}-${Date.now()}-${g?.seq}`;
    await q.query(
      `INSERT INTO sync_shapes (handle, def_hash, schema_name, table_name, where_sql, params, columns, replica,
         fingerprint, schema_header, snapshot_lsn, chunk_count, row_count)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::text[], $8, $9, $10, $11::bigint, 0, 0)`,
      [
        handle,
        hash,
        def.schema,
        def.table,
        def.where,
        JSON.stringify(def.params),
        columns,
        def.replica,
        info.fingerprint,
        schemaHeader(info, columns),
        g?.lsn ?? '0',
      ],
    );
    const stats = await writeSnapshot(q, handle, def, info, columns).catch((err: unknown) => {
      // A where that parses but fails on some row (a bad cast, division by zero) is the caller's error.
      if (sqlState(err)?.startsWith('22')) throw invalid('where', (err as Error).message);
      throw err;
    });
    await q.query('UPDATE sync_shapes SET chunk_count = $2, row_count = $3 WHERE handle = $1', [
      handle,
      stats.chunks,
      stats.rows,
    ]);
    const [row] = await q.query<ShapeRow>(`${SELECT_SHAPE} WHERE handle = $1`, [handle]);
    return toRecord(row as ShapeRow);
  });
}

export interface ActiveShape {
  record: ShapeRecord;
  info: TableInfo;
}

/** The live shape for a definition, created (capture installed, snapshot taken) when there is none. */
export async function activeShape(sql: SqlClient, def: ShapeDefinition): Promise<ActiveShape> {
  const info = await ensureCaptured(sql, def.schema, def.table);
  const columns = resolveColumns(def, info);
  const hash = definitionHash(def);
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await sql.query<ShapeRow>(`${SELECT_SHAPE} WHERE def_hash = $1 AND rotated_at IS NULL`, [
      hash,
    ]);
    if (row && row.fingerprint === info.fingerprint) return { record: toRecord(row), info };
    if (row)
      await sql.transaction({}, (q) => rotateShapes(q, def.schema, def.table, row.handle, 'schema change'));
    await checkWhereInDb(sql, def, info);
    try {
      return { record: await createShape(sql, def, hash, info, columns), info };
    } catch (err) {
      // Another request created it first (unique active def_hash): use theirs.
      if (sqlState(err) !== '23505' && sqlState(err) !== '40001') throw err;
    }
  }
  throw new ShapeError(503, { message: 'Shape is being recreated; retry' }, { 'retry-after': '1' });
}
