import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Database } from '../platform/db.ts';

export type Row = Record<string, unknown>;

/** Raw SQL with `$n` parameters on either engine. Values that must keep their text form are cast in the SQL. */
export interface SqlRunner {
  query<T = Row>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface TxOptions {
  /** REPEATABLE READ: every statement sees one snapshot (snapshot + its LSN, log + the global LSN). */
  repeatableRead?: boolean;
  readOnly?: boolean;
}

export interface SqlClient extends SqlRunner {
  kind: 'postgres' | 'pglite';
  transaction<T>(opts: TxOptions, fn: (q: SqlRunner) => Promise<T>): Promise<T>;
}

function beginOptions(opts: TxOptions): string {
  const parts = [
    opts.repeatableRead ? 'ISOLATION LEVEL REPEATABLE READ' : '',
    opts.readOnly ? 'READ ONLY' : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/** The engine's own client behind drizzle: the node-postgres pool or the PGlite instance. */
export function sqlClientOf(database: Database): SqlClient {
  const raw = (database.db as unknown as { $client: unknown }).$client;
  return database.kind === 'postgres' ? poolClient(raw as pg.Pool) : pgliteClient(raw as PGlite);
}

function poolClient(pool: pg.Pool): SqlClient {
  return {
    kind: 'postgres',
    async query<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async transaction<T>(opts: TxOptions, fn: (q: SqlRunner) => Promise<T>) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query(`BEGIN ${beginOptions(opts)}`);
        const result = await fn({
          query: async <R>(t: string, p: unknown[] = []) => (await client.query(t, p)).rows as R[],
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw err;
      } finally {
        client.release(broken);
      }
    },
  };
}

function pgliteClient(db: PGlite): SqlClient {
  return {
    kind: 'pglite',
    async query<T>(text: string, params: unknown[] = []) {
      return (await db.query(text, params)).rows as T[];
    },
    transaction<T>(opts: TxOptions, fn: (q: SqlRunner) => Promise<T>) {
      // One connection: a transaction has the database to itself, so REPEATABLE READ only documents intent.
      return db.transaction(async (tx) => {
        const options = beginOptions(opts);
        if (options) await tx.query(`SET TRANSACTION ${options}`);
        return fn({ query: async <R>(t: string, p: unknown[] = []) => (await tx.query(t, p)).rows as R[] });
      });
    },
  };
}

/** Postgres SQLSTATE of an error from either driver (drizzle wraps it in `cause`). */
export function sqlState(err: unknown): string | null {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code =
    typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : null;
  return code && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const quoteLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** Protocol §5.2 display settings, for the rest of the current transaction. */
export const DISPLAY_SETTINGS_SQL =
  "SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, DMY', true), " +
  "set_config('IntervalStyle', 'iso_8601', true), set_config('bytea_output', 'hex', true), " +
  "set_config('extra_float_digits', '1', true)";
