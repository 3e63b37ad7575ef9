import type { PGliteInterface, Transaction } from '@electric-sql/pglite';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  auctionListings,
  auctionLots,
  auctionStandings,
  clients,
  commissions,
  contacts,
  customFields,
  deals,
  leadOffers,
  ledgerEntries,
  ledgerPostings,
  notes,
  partners,
  payoutRequests,
  pipelines,
  referralAttributions,
  referralCodes,
  rolePermissions,
  roles,
  segments,
  stages,
  syncNotices,
  tasks,
  teams,
  users,
} from '../schema/index.ts';
import { BOOKKEEPING_SQL, OVERLAY_FUNCTIONS, overlayFunctionsSql } from './local-schema/bookkeeping.ts';
import { describeTable, type LocalTable, quoteIdent as q } from './local-schema/columns.ts';
import { overlayObjects, overlaySql } from './local-schema/overlay.ts';
import { SEARCH_FUNCTIONS_SQL } from './local-schema/search.ts';

/** Every table a client syncs, in the order its DDL is created. Shapes name these tables. */
export const SYNCED_TABLES: readonly PgTable[] = [
  teams,
  partners,
  roles,
  rolePermissions,
  users,
  clients,
  contacts,
  pipelines,
  stages,
  deals,
  tasks,
  notes,
  segments,
  customFields,
  syncNotices,
  // The partner economy: a partner's shapes hold only its own rows (or the public listing); lots are staff-only.
  auctionListings,
  auctionStandings,
  auctionLots,
  leadOffers,
  ledgerEntries,
  ledgerPostings,
  payoutRequests,
  referralCodes,
  referralAttributions,
  commissions,
];

export interface LocalSchema {
  /** Hash of the generated DDL: a replica built from another version is rebuilt on open. */
  version: string;
  tables: LocalTable[];
  sql: string;
}

/** 53-bit string hash (cyrb53): enough to notice that the generated DDL changed; no node:crypto in shared. */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

let built: LocalSchema | null = null;

/** The replica's DDL, generated from the drizzle definitions the server's migrations come from. */
export function localSchema(): LocalSchema {
  if (built) return built;
  const tables = SYNCED_TABLES.map(describeTable);
  const sql = [
    SEARCH_FUNCTIONS_SQL,
    ...tables.map(overlaySql),
    overlayFunctionsSql(tables.map((t) => t.name)),
  ].join('\n');
  built = { version: hash(sql), tables, sql };
  return built;
}

interface StoredSchema {
  version: string;
  tables: string[];
}

const SCHEMA_KEY = 'local_schema';

/**
 * Creates the replica's tables, or rebuilds them when the generated DDL changed since this data dir was made.
 * A rebuild keeps the outbox and the overlay rows (their common columns), empties the synced tables and forgets
 * the shape subscriptions, so the next sync fetches everything again in the new layout.
 */
export async function applyLocalSchema(pg: PGliteInterface): Promise<{ rebuilt: boolean }> {
  const schema = localSchema();
  await pg.exec(BOOKKEEPING_SQL);
  const stored = await pg.query<{ value: StoredSchema }>('SELECT value FROM mak_sync_state WHERE key = $1', [
    SCHEMA_KEY,
  ]);
  const previous = stored.rows[0]?.value;
  if (previous?.version === schema.version) return { rebuilt: false };
  await pg.transaction(async (tx) => {
    const names = [...new Set([...(previous?.tables ?? []), ...schema.tables.map((t) => t.name)])];
    const kept = await keepOverlays(tx, names);
    for (const name of names) await dropTable(tx, name);
    for (const fn of OVERLAY_FUNCTIONS) await tx.exec(`DROP FUNCTION IF EXISTS ${q(fn)}(uuid[])`);
    await tx.exec(schema.sql);
    for (const table of schema.tables) await restoreOverlay(tx, table, kept.get(table.name));
    const electric = await tx.query<{ t: string | null }>(
      `SELECT to_regclass('electric.subscriptions_metadata') AS t`,
    );
    if (electric.rows[0]?.t) await tx.exec('DELETE FROM electric.subscriptions_metadata');
    await tx.query(`DELETE FROM mak_sync_state WHERE key = 'subscription'`);
    const value: StoredSchema = { version: schema.version, tables: schema.tables.map((t) => t.name) };
    await tx.query(
      `INSERT INTO mak_sync_state (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [SCHEMA_KEY, value],
    );
  });
  return { rebuilt: true };
}

/** Copies each existing overlay table aside; returns table → its column names. */
async function keepOverlays(tx: Transaction, names: string[]): Promise<Map<string, string[]>> {
  const kept = new Map<string, string[]>();
  for (const name of names) {
    const cols = await tx.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
      [`${name}_local`],
    );
    if (cols.rows.length === 0) continue;
    await tx.exec(
      `CREATE TEMP TABLE ${q(`keep_${name}`)} ON COMMIT DROP AS SELECT * FROM ${q(`${name}_local`)}`,
    );
    kept.set(
      name,
      cols.rows.map((r) => r.column_name),
    );
  }
  return kept;
}

async function dropTable(tx: Transaction, name: string): Promise<void> {
  const objects = overlayObjects(name);
  await tx.exec(`DROP VIEW IF EXISTS ${q(objects.view)} CASCADE`);
  for (const table of objects.tables) await tx.exec(`DROP TABLE IF EXISTS ${q(table)} CASCADE`);
  for (const fn of objects.functions) await tx.exec(`DROP FUNCTION IF EXISTS ${q(fn)}() CASCADE`);
}

/** Puts kept overlay rows back; a column whose type no longer converts loses its overlay, never the outbox. */
async function restoreOverlay(
  tx: Transaction,
  table: LocalTable,
  oldColumns: string[] | undefined,
): Promise<void> {
  if (!oldColumns) return;
  const current = [
    ...table.columns.map((c) => c.name),
    'changed_columns',
    'is_deleted',
    'is_new',
    'mutation_id',
  ];
  const common = current.filter((c) => oldColumns.includes(c)).map(q);
  await tx.exec('SAVEPOINT mak_restore');
  try {
    await tx.exec(
      `INSERT INTO ${q(`${table.name}_local`)} (${common.join(', ')})
       SELECT ${common.join(', ')} FROM ${q(`keep_${table.name}`)}`,
    );
    await tx.exec('RELEASE SAVEPOINT mak_restore');
  } catch {
    // The overlay is only the optimistic view of pending outbox entries, which stay and are still pushed; their
    // effect shows once the server's rows sync back.
    await tx.exec('ROLLBACK TO SAVEPOINT mak_restore');
  }
}
