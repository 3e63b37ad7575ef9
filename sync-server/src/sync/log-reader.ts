import type { LogRow, Values } from './messages.ts';
import { quoteIdent, quoteLiteral, type SqlRunner } from './sql.ts';
import type { TableInfo } from './table-info.ts';

/** Log rows per response; a transaction is never split (C24), so one larger transaction is read whole. */
export const LOG_BATCH = 5000;

export interface LogFilter {
  schema: string;
  table: string;
  where: string | null;
  params: readonly string[];
}

/**
 * `(SELECT (<where>) FROM (SELECT (img->>'col')::type AS col, …) AS t)`: the shape's where evaluated on a row image.
 * Images hold text values, and casting text back through each column's input function restores the typed row;
 * columns the log leaves out (secrets) read as NULL.
 */
function whereOnImage(filter: LogFilter, info: TableInfo, image: string): string {
  if (filter.where === null) return `(${image} IS NOT NULL)`;
  const excluded = new Set(info.excluded ?? []);
  const columns = info.columns.map((c) =>
    excluded.has(c.name)
      ? `NULL::${c.sqlType} AS ${quoteIdent(c.name)}`
      : `(${image} ->> ${quoteLiteral(c.name)})::${c.sqlType} AS ${quoteIdent(c.name)}`,
  );
  return `CASE WHEN ${image} IS NULL THEN false ELSE coalesce((SELECT (${filter.where}) FROM (SELECT ${columns.join(', ')}) AS t), false) END`;
}

type Raw = {
  seq: string;
  op_pos: number;
  xid: string;
  op: string;
  old_row: Values | null;
  new_row: Values | null;
  old_in: boolean;
  new_in: boolean;
};

const toRow = (r: Raw): LogRow => ({
  seq: BigInt(r.seq),
  pos: Number(r.op_pos),
  xid: r.xid,
  op: r.op,
  old: r.old_row,
  new: r.new_row,
  oldIn: r.old_in === true,
  newIn: r.new_in === true,
});

export interface LogRead {
  rows: LogRow[];
  /** Everything up to `upTo` was read: the response may end with up-to-date. */
  complete: boolean;
}

/**
 * The table's log rows after (afterSeq, afterOp) up to the global LSN `upTo`, whole transactions only, with the
 * where evaluated on both images. Run it in the same REPEATABLE READ snapshot `upTo` was read in.
 */
export async function readLog(
  q: SqlRunner,
  filter: LogFilter,
  info: TableInfo,
  afterSeq: bigint,
  afterOp: bigint,
  upTo: bigint,
): Promise<LogRead> {
  const n = filter.params.length;
  const p = (i: number) => `$${n + i}`;
  const select = `SELECT c.tx_seq::text AS seq, c.op_pos, c.tx_id::text AS xid, c.op, c.old_row, c.new_row,
      ${whereOnImage(filter, info, 'c.old_row')} AS old_in, ${whereOnImage(filter, info, 'c.new_row')} AS new_in
    FROM sync_change_log c WHERE c.table_name = ${p(1)} AND c.schema_name = ${p(2)} AND c.tx_seq <= ${p(3)}::bigint`;
  const rows = (
    await q.query<Raw>(
      `${select} AND (c.tx_seq > ${p(4)}::bigint OR (c.tx_seq = ${p(4)}::bigint AND c.op_pos::bigint * 2 + 1 > ${p(5)}::bigint))
       ORDER BY c.tx_seq, c.op_pos LIMIT ${p(6)}::int`,
      [
        ...filter.params,
        filter.table,
        filter.schema,
        upTo.toString(),
        afterSeq.toString(),
        afterOp.toString(),
        LOG_BATCH,
      ],
    )
  ).map(toRow);
  if (rows.length < LOG_BATCH) return { rows, complete: true };
  const lastSeq = (rows.at(-1) as LogRow).seq;
  const firstSeq = (rows[0] as LogRow).seq;
  if (firstSeq !== lastSeq) return { rows: rows.filter((r) => r.seq !== lastSeq), complete: false };
  // One transaction larger than a batch: send all of it.
  const rest = (
    await q.query<Raw>(
      `${select} AND c.tx_seq = ${p(4)}::bigint AND c.op_pos > ${p(5)}::int ORDER BY c.op_pos`,
      [
        ...filter.params,
        filter.table,
        filter.schema,
        upTo.toString(),
        lastSeq.toString(),
        (rows.at(-1) as LogRow).pos,
      ],
    )
  ).map(toRow);
  return { rows: [...rows, ...rest], complete: false };
}

/** The global LSN: the highest tx_seq visible in the current snapshot (C17). */
export async function globalLsn(q: SqlRunner): Promise<bigint> {
  const [row] = await q.query<{ lsn: string }>(
    'SELECT coalesce(max(tx_seq), 0)::text AS lsn FROM sync_change_log',
  );
  return BigInt(row?.lsn ?? '0');
}
