import type { ShapeDefinition } from './definition.ts';
import { keyPrefix } from './messages.ts';
import { quoteLiteral, type SqlRunner } from './sql.ts';
import type { TableInfo } from './table-info.ts';

/** Rows per snapshot response (the client prefetches the next two chunks in parallel). */
export const CHUNK_ROWS = 1000;

/** Columns whose values make up a row's key: the primary key, or every column sorted by name (protocol §5.3). */
export function keyColumns(info: TableInfo, columns: readonly string[]): string[] {
  return info.pk.length ? info.pk : [...columns].sort();
}

/** SQL for a row's key from its rendered value object `v`; the same rule as messages.ts rowKey. */
function keyExpr(info: TableInfo, columns: readonly string[], prefixParam: string): string {
  const parts = keyColumns(info, columns).map(
    (c) => `coalesce('"' || replace(v ->> ${quoteLiteral(c)}, '/', '//') || '"', '_')`,
  );
  return `${prefixParam} || '/' || ${parts.join(` || '/' || `)}`;
}

/**
 * Renders the shape's snapshot once, inside the caller's REPEATABLE READ transaction, as JSON message arrays of
 * CHUNK_ROWS rows: chunk n is the body served at offset 0_n, so every (handle, offset) answers the same bytes (C25).
 * Values are `col::text` under the display settings the caller set (protocol §5.2), exactly as the capture
 * triggers render them (the same sync_row_json_expr builds both).
 */
export async function writeSnapshot(
  q: SqlRunner,
  handle: string,
  def: ShapeDefinition,
  info: TableInfo,
  columns: readonly string[],
): Promise<{ chunks: number; rows: number }> {
  const [built] = await q.query<{ expr: string }>(
    `SELECT sync_row_json_expr($1::regclass, $2::text[], 't') AS expr`,
    [info.qualified, columns],
  );
  const n = def.params.length;
  const [p1, p2, p3, p4] = [n + 1, n + 2, n + 3, n + 4].map((i) => `$${i}`);
  const sql = `
    WITH rows AS (
      SELECT row_number() OVER (ORDER BY k) - 1 AS n, k, v
      FROM (SELECT ${keyExpr(info, columns, `${p4}::text`)} AS k, v
            FROM (SELECT ${built?.expr} AS v FROM ${info.qualified} AS t WHERE (${def.where ?? 'true'})) r) s
    ), ins AS (
      INSERT INTO sync_snapshot_chunks (handle, chunk, row_count, body)
      SELECT ${p1}::text, n / ${p2}::int, count(*),
             '[' || string_agg(jsonb_build_object('key', k, 'value', v, 'headers', ${p3}::jsonb)::text, ',' ORDER BY n) || ']'
      FROM rows GROUP BY n / ${p2}::int
      RETURNING row_count
    )
    SELECT count(*)::int AS chunks, coalesce(sum(row_count), 0)::int AS rows FROM ins`;
  const headers = JSON.stringify({ operation: 'insert', relation: [info.schema, info.table] });
  const [stats] = await q.query<{ chunks: number; rows: number }>(sql, [
    ...def.params,
    handle,
    CHUNK_ROWS,
    headers,
    keyPrefix(info.schema, info.table),
  ]);
  return { chunks: Number(stats?.chunks ?? 0), rows: Number(stats?.rows ?? 0) };
}

/** The stored body of chunk `n`, or null when the shape was rotated (its chunks are freed then). */
export async function readChunk(q: SqlRunner, handle: string, n: number): Promise<string | null> {
  const [row] = await q.query<{ body: string }>(
    'SELECT body FROM sync_snapshot_chunks WHERE handle = $1 AND chunk = $2',
    [handle, n],
  );
  return row?.body ?? null;
}
