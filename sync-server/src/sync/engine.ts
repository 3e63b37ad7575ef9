import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Deps } from '../context.ts';
import type { Database } from '../platform/db.ts';
import { type Notifier, pgliteNotifier, postgresNotifier } from './notifier.ts';
import { type SqlClient, sqlClientOf } from './sql.ts';
import type { TableInfo } from './table-info.ts';

/** What /v1/shape needs beyond the request: raw SQL on the engine, the commit notifier, a table-info cache. */
export interface SyncEngine {
  sql: SqlClient;
  notifier: Notifier;
  /** Catalog reads keyed by `schema.table`, reused while the table's fingerprint is unchanged. */
  tableInfo: Map<string, TableInfo>;
  readonly closed: boolean;
  /** Ends held long polls (they answer at once) and the LISTEN connection. */
  close(): Promise<void>;
}

export function createSyncEngine(d: { database: Database; config: Config; logger: Logger }): SyncEngine {
  const sql = sqlClientOf(d.database);
  const notifier =
    d.config.database.kind === 'postgres'
      ? postgresNotifier(d.config.database.url, d.logger)
      : pgliteNotifier((d.database.db as unknown as { $client: PGlite }).$client);
  let closed = false;
  return {
    sql,
    notifier,
    tableInfo: new Map(),
    get closed() {
      return closed;
    },
    async close() {
      closed = true;
      await notifier.close();
    },
  };
}

const fallback = new WeakMap<Deps, SyncEngine>();

/** The server's engine (server.ts makes one per server); apps built without it get one made on first use. */
export function syncEngineOf(deps: Deps): SyncEngine {
  if (deps.sync) return deps.sync;
  let engine = fallback.get(deps);
  if (!engine) {
    engine = createSyncEngine(deps);
    fallback.set(deps, engine);
  }
  return engine;
}
