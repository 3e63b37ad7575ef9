import type { LocalColumn } from '../local-schema/columns.ts';

/**
 * A tiny in-memory Electric shape server for tests (electric-protocol.md §3–§6): per table a handle, a snapshot
 * served in chunks at offsets `0_<n>`, then a commit-ordered change log at `<lsn>_<op>`, `up-to-date` with a string
 * `global_last_seen_lsn` shared by all tables, long polls held until a commit, and 409 must-refetch on rotation.
 * Values travel as Postgres text (§5.2). Not a conformance reference: just enough for pglite-sync 0.6.1.
 */

export type TextRow = Record<string, string | null>;
type Op = 'insert' | 'update' | 'delete';
interface Change {
  lsn: bigint;
  op: number;
  last: boolean;
  kind: Op;
  value: TextRow;
  txid: number;
}
interface Table {
  /** Text values of the server's column defaults: an insert carries the full row, as Electric's do. */
  defaults: TextRow;
  schema: Record<string, { type: string; dims?: number; not_null?: boolean; pk_index?: number }>;
  rows: Map<string, TextRow>;
  log: Change[];
  handle: string;
  snapshot: { rows: TextRow[]; lsn: bigint } | null;
}

export interface ShapeResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'int4',
  bigint: 'int8',
  boolean: 'bool',
  'timestamp with time zone': 'timestamptz',
};

/** A JS value in Postgres text form, as Electric sends it. */
export function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (Array.isArray(value))
    return `{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export const encodeRow = (row: Record<string, unknown>): TextRow =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toText(v)]));

/** A column default (as drizzle renders it) in text form; only the simple ones the schema uses. */
function textDefault(sql: string | null): string | null {
  if (sql === null) return null;
  if (sql === 'now()') return new Date().toISOString();
  if (sql === 'true' || sql === 'false') return sql[0] ?? null;
  if (/^-?\d+$/.test(sql)) return sql;
  const literal = /^'((?:[^']|'')*)'(::[\w ]+(\[\])?)?$/.exec(sql);
  return literal ? (literal[1] ?? '').replaceAll("''", "'") : null;
}

let handles = 0;

export class FakeShapeLog {
  private lsn = 1_000n;
  private txid = 700;
  private readonly tables = new Map<string, Table>();
  private readonly waiters = new Set<() => void>();
  /** Rows per snapshot chunk. */
  chunkSize = 100;
  /** How long a live request with nothing new is held. */
  holdMs = 300;

  addTable(name: string, columns: LocalColumn[]): void {
    const schema: Table['schema'] = {};
    columns.forEach((c, i) => {
      const array = c.sqlType.endsWith('[]');
      const base = array ? c.sqlType.slice(0, -2) : c.sqlType;
      schema[c.name] = {
        type: TYPE_NAMES[base] ?? base,
        ...(array ? { dims: 1 } : {}),
        ...(c.notNull ? { not_null: true } : {}),
        ...(i === 0 ? { pk_index: 0 } : {}),
      };
    });
    const defaults = Object.fromEntries(columns.map((c) => [c.name, textDefault(c.defaultSql)]));
    this.tables.set(name, {
      defaults,
      schema,
      rows: new Map(),
      log: [],
      handle: `h${++handles}-${Date.now()}`,
      snapshot: null,
    });
  }

  private table(name: string): Table {
    const t = this.tables.get(name);
    if (!t) throw new Error(`fake shape log: no table ${name}`);
    return t;
  }

  /** One server transaction: each write gets the same lsn, in order. Returns its txid. */
  commit(writes: Array<{ table: string; op: Op; row: Record<string, unknown> }>): number {
    this.lsn += 10n;
    this.txid += 1;
    const byTable = new Map<string, Change[]>();
    writes.forEach((w, op) => {
      const t = this.table(w.table);
      const value = w.op === 'insert' ? { ...t.defaults, ...encodeRow(w.row) } : encodeRow(w.row);
      const id = value.id as string;
      if (w.op === 'delete') t.rows.delete(id);
      else t.rows.set(id, { ...(t.rows.get(id) ?? {}), ...value });
      const change = {
        lsn: this.lsn,
        op,
        last: false,
        kind: w.op,
        value: w.op === 'delete' ? { id } : value,
        txid: this.txid,
      };
      t.log.push(change);
      byTable.set(w.table, [...(byTable.get(w.table) ?? []), change]);
    });
    for (const changes of byTable.values()) {
      const last = changes[changes.length - 1];
      if (last) last.last = true;
    }
    for (const wake of this.waiters) wake();
    return this.txid;
  }

  /** The shape is invalidated (TRUNCATE, schema change): a new handle, and clients holding the old one get 409. */
  rotate(name: string): void {
    const t = this.table(name);
    t.handle = `h${++handles}-${Date.now()}`;
    t.snapshot = null;
    t.log = [];
    for (const wake of this.waiters) wake();
  }

  rowsOf(name: string): TextRow[] {
    return [...this.table(name).rows.values()];
  }

  async respond(url: URL, signal: AbortSignal): Promise<ShapeResponse> {
    const name = url.searchParams.get('table') ?? '';
    const t = this.tables.get(name);
    if (!t)
      return {
        status: 400,
        headers: {},
        body: { message: 'Invalid request', errors: { table: ['unknown'] } },
      };
    const offset = url.searchParams.get('offset') ?? '';
    const live = url.searchParams.get('live') === 'true';
    if (offset !== '-1' && url.searchParams.get('handle') !== t.handle) {
      return {
        status: 409,
        headers: { 'electric-handle': t.handle },
        body: [{ headers: { control: 'must-refetch' } }],
      };
    }
    if (!t.snapshot) {
      t.snapshot = {
        rows: [...t.rows.values()].sort((a, b) => String(a.id).localeCompare(String(b.id))),
        lsn: this.lsn,
      };
    }
    const relation = ['public', name];
    const key = (id: string | null) => `"public"."${name}"/"${id}"`;
    const [tx = '0', op = '0'] = offset === '-1' ? ['0', '0'] : offset.split('_');
    const headers: Record<string, string> = { 'electric-handle': t.handle };
    if (!live) headers['electric-schema'] = JSON.stringify(t.schema);
    if (tx === '0' && Number(op) < t.snapshot.rows.length) {
      const from = Number(op);
      const rows = t.snapshot.rows.slice(from, from + this.chunkSize);
      headers['electric-offset'] = `0_${from + rows.length}`;
      const body = rows.map((value) => ({
        key: key(value.id ?? null),
        value,
        headers: { operation: 'insert', relation },
      }));
      // Electric never answers offset=-1 as up to date; neither do we, even for an empty or one-chunk snapshot.
      return { status: 200, headers, body };
    }
    const after: [bigint, number] =
      tx === '0'
        ? [t.snapshot.lsn, Number.POSITIVE_INFINITY]
        : [BigInt(tx), op === 'inf' ? Number.POSITIVE_INFINITY : Number(op)];
    const since = () => t.log.filter((c) => c.lsn > after[0] || (c.lsn === after[0] && c.op > after[1]));
    const handle = t.handle;
    if (live && since().length === 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, this.holdMs);
        this.waiters.add(done);
        signal.addEventListener('abort', done, { once: true });
      });
      if (t.handle !== handle) {
        return {
          status: 409,
          headers: { 'electric-handle': t.handle },
          body: [{ headers: { control: 'must-refetch' } }],
        };
      }
    }
    const changes = since();
    const lastChange = changes[changes.length - 1];
    headers['electric-offset'] = lastChange
      ? `${lastChange.lsn}_${lastChange.op}`
      : tx === '0'
        ? `${t.snapshot.lsn}_inf`
        : offset;
    headers['electric-up-to-date'] = '';
    if (live) headers['electric-cursor'] = String(Date.now());
    const body: unknown[] = changes.map((c) => ({
      key: key(c.value.id ?? null),
      value: c.value,
      headers: {
        operation: c.kind,
        relation,
        lsn: String(c.lsn),
        op_position: c.op,
        txids: [c.txid],
        ...(c.last ? { last: true } : {}),
      },
    }));
    body.push({ headers: { control: 'up-to-date', global_last_seen_lsn: String(this.lsn) } });
    return { status: 200, headers, body };
  }
}
