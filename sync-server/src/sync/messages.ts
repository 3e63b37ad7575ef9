import { at, compareOffsets, formatOffset, type Offset } from './offset.ts';

export type Values = Record<string, string | null>;

export interface Message {
  key?: string;
  value?: Values;
  old_value?: Values;
  headers: Record<string, unknown>;
}

/** One change-log row, with whether its old and new images pass the shape's where. */
export interface LogRow {
  seq: bigint;
  pos: number;
  xid: string;
  op: string;
  old: Values | null;
  new: Values | null;
  oldIn: boolean;
  newIn: boolean;
}

export interface ShapeView {
  schema: string;
  table: string;
  columns: readonly string[];
  keyColumns: readonly string[];
  pk: readonly string[];
  replica: 'default' | 'full';
}

const escapeRel = (name: string): string => name.replace(/\./g, '..').replace(/\//g, '//');

/** `"schema"."table"` as it starts every key (protocol §5.3). */
export const keyPrefix = (schema: string, table: string): string =>
  `"${escapeRel(schema)}"."${escapeRel(table)}"`;

export function rowKey(prefix: string, keyColumns: readonly string[], row: Values): string {
  const parts = keyColumns.map((c) => {
    const v = row[c];
    return v === null || v === undefined ? '_' : `"${v.replace(/\//g, '//')}"`;
  });
  return `${prefix}/${parts.join('/')}`;
}

export const upToDate = (lsn: bigint): Message => ({
  headers: { control: 'up-to-date', global_last_seen_lsn: lsn.toString() },
});

export const MUST_REFETCH: Message[] = [{ headers: { control: 'must-refetch' } }];

function pick(row: Values, columns: readonly string[]): Values {
  const out: Values = {};
  for (const c of columns) out[c] = row[c] ?? null;
  return out;
}

type Pending = { offset: Offset; message: Message };

/**
 * The shape's messages for log rows (protocol §5.1): a where move-in becomes an insert and a move-out a delete
 * (C12); an update carries the primary key plus the changed columns, or with replica=full the whole row plus
 * old_value; a primary-key change is a delete of the old key then an insert of the new one. Messages at or below
 * `after` are dropped; the last message of each transaction carries `last: true`. A truncate marker means the
 * shape is stale: the caller answers 409.
 */
export function changeMessages(rows: readonly LogRow[], view: ShapeView, after: Offset) {
  const prefix = keyPrefix(view.schema, view.table);
  const out: Pending[] = [];
  let truncated = false;
  for (const r of rows) {
    if (r.op === 'truncate') truncated = true;
    if (r.op !== 'insert' && r.op !== 'update' && r.op !== 'delete') continue;
    const base = {
      relation: [view.schema, view.table],
      lsn: r.seq.toString(),
      txids: [Number(BigInt(r.xid) & 0xffffffffn)],
    };
    const emit = (
      half: 0 | 1,
      operation: string,
      key: string,
      value: Values,
      extra: Partial<Message> = {},
      hdr = {},
    ) => {
      const op = BigInt(r.pos) * 2n + BigInt(half);
      const offset = at(r.seq, op);
      if (compareOffsets(offset, after) <= 0) return;
      const headers = { operation, ...base, op_position: Number(op), ...hdr };
      out.push({ offset, message: { key, value, ...extra, headers } });
    };
    const oldRow = r.old && r.oldIn && r.op !== 'insert' ? r.old : null;
    const newRow = r.new && r.newIn && r.op !== 'delete' ? r.new : null;
    const full = view.replica === 'full';
    if (oldRow && newRow) {
      const oldKey = rowKey(prefix, view.keyColumns, oldRow);
      const newKey = rowKey(prefix, view.keyColumns, newRow);
      if (oldKey !== newKey) {
        emit(
          0,
          'delete',
          oldKey,
          pick(oldRow, full ? view.columns : view.keyColumns),
          {},
          { key_change_to: newKey },
        );
        emit(1, 'insert', newKey, pick(newRow, view.columns), {}, { key_change_from: oldKey });
        continue;
      }
      const changed = view.columns.filter((c) => (oldRow[c] ?? null) !== (newRow[c] ?? null));
      if (changed.length === 0) continue;
      if (full) emit(0, 'update', newKey, pick(newRow, view.columns), { old_value: pick(oldRow, changed) });
      else emit(0, 'update', newKey, pick(newRow, [...new Set([...view.keyColumns, ...changed])]));
    } else if (newRow) {
      emit(0, 'insert', rowKey(prefix, view.keyColumns, newRow), pick(newRow, view.columns));
    } else if (oldRow) {
      emit(
        0,
        'delete',
        rowKey(prefix, view.keyColumns, oldRow),
        pick(oldRow, full ? view.columns : view.keyColumns),
      );
    }
  }
  out.forEach((p, i) => {
    const next = out[i + 1];
    const sameTx = next?.offset.kind === 'at' && p.offset.kind === 'at' && next.offset.tx === p.offset.tx;
    if (!sameTx) p.message.headers.last = true;
  });
  const lastOffset = out.at(-1)?.offset ?? null;
  return {
    messages: out.map((p) => p.message),
    lastOffset,
    lastOffsetText: lastOffset && formatOffset(lastOffset),
    truncated,
  };
}
