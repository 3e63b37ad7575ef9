import { PGlite } from '@electric-sql/pglite';
import { electricSync } from '@electric-sql/pglite-sync';
import { newId } from '@mak/shared/ids';
import { makeWorld, type World } from '../testing/world.ts';
import { quoteIdent } from './sql.ts';
import type { ShapeServer } from './test-kit.ts';

/** Records owned across a world's users, so every scope (own, team, partner, all) has something to see. */
export interface Seeded {
  w: World;
  c: Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5' | 'c6' | 'c7', string>;
  ct: Record<'ct1' | 'ct2' | 'ct3' | 'ct4', string>;
  d: Record<'d1' | 'd2' | 'd3', string>;
  /** Sync notices: two of salesA1's (one dismissed, still synced), a deleted one, managerA's, the partner's. */
  n: Record<'a1' | 'a1Dismissed' | 'a1Deleted' | 'mgrA' | 'partner', string>;
}

export async function seedWorld(s: ShapeServer): Promise<Seeded> {
  const w = await makeWorld(s.database.db);
  const id = () => newId();
  const c = { c1: id(), c2: id(), c3: id(), c4: id(), c5: id(), c6: id(), c7: id() };
  const ct = { ct1: id(), ct2: id(), ct3: id(), ct4: id() };
  const d = { d1: id(), d2: id(), d3: id() };
  const [p, st] = [id(), id()];
  const q = (sql: string, params: unknown[]) => s.sql.query(sql, params);
  const client = (cid: string, name: string, owner: string | null, partner: string | null, deleted = false) =>
    q(`INSERT INTO clients (id, name, owner_id, partner_id, deleted_at) VALUES ($1, $2, $3, $4, $5)`, [
      cid,
      `${name} ${w.tag}`,
      owner,
      partner,
      deleted ? new Date().toISOString() : null,
    ]);
  await client(c.c1, 'A1 first', w.salesA1.id, null);
  await client(c.c2, 'A1 second', w.salesA1.id, null);
  await client(c.c3, 'A1 deleted', w.salesA1.id, null, true);
  await client(c.c4, 'A2 client', w.salesA2.id, null);
  await client(c.c5, 'B1 client', w.salesB1.id, null);
  await client(c.c6, 'partner lead', null, w.partnerOrg);
  await client(c.c7, 'A1 via partner', w.salesA1.id, w.partnerOrg);
  for (const [k, owner] of [
    ['ct1', c.c1],
    ['ct2', c.c4],
    ['ct3', c.c5],
    ['ct4', c.c6],
  ] as const) {
    await q('INSERT INTO contacts (id, client_id, name) VALUES ($1, $2, $3)', [
      ct[k],
      owner,
      `${k} ${w.tag}`,
    ]);
  }
  await q('INSERT INTO pipelines (id, name) VALUES ($1, $2)', [p, `Pipeline ${w.tag}`]);
  await q('INSERT INTO stages (id, pipeline_id, name) VALUES ($1, $2, $3)', [st, p, 'New']);
  const deal = (did: string, owner: string | null, partner: string | null, cid: string | null) =>
    q(
      'INSERT INTO deals (id, title, pipeline_id, stage_id, owner_id, partner_id, client_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [did, `deal ${w.tag}`, p, st, owner, partner, cid],
    );
  await deal(d.d1, w.salesA1.id, null, c.c1);
  await deal(d.d2, w.salesB1.id, null, c.c5);
  await deal(d.d3, null, w.partnerOrg, null);
  const task = (assignee: string | null, creator: string | null, cid: string | null, did: string | null) =>
    q(
      'INSERT INTO tasks (id, title, assignee_id, created_by, client_id, deal_id) VALUES ($1, $2, $3, $4, $5, $6)',
      [id(), `task ${w.tag}`, assignee, creator, cid, did],
    );
  await task(w.salesA1.id, null, null, null);
  await task(null, w.salesA2.id, null, null);
  await task(w.salesB1.id, null, c.c6, null);
  await task(null, null, null, d.d3);
  const note = (author: string | null, cid: string | null, did: string | null) =>
    q('INSERT INTO notes (id, body, author_id, client_id, deal_id) VALUES ($1, $2, $3, $4, $5)', [
      id(),
      `note ${w.tag}`,
      author,
      cid,
      did,
    ]);
  await note(w.salesA1.id, null, null);
  await note(w.salesB1.id, c.c4, null);
  await note(null, null, d.d3);
  const segment = (owner: string, shared: boolean) =>
    q('INSERT INTO segments (id, name, entity, owner_id, shared) VALUES ($1, $2, $3, $4, $5)', [
      id(),
      `seg ${w.tag}`,
      'clients',
      owner,
      shared,
    ]);
  await segment(w.salesA1.id, false);
  await segment(w.salesB1.id, true);
  await segment(w.salesA2.id, false);
  const n = { a1: id(), a1Dismissed: id(), a1Deleted: id(), mgrA: id(), partner: id() };
  const notice = (nid: string, user: string, about: string, dismissed = false, deleted = false) =>
    q(
      `INSERT INTO sync_notices (id, user_id, kind, entity, entity_id, field, payload, dismissed_at, deleted_at)
       VALUES ($1, $2, 'overwritten', 'clients', $3, 'name', '{}', $4, $5)`,
      [
        nid,
        user,
        about,
        dismissed ? new Date().toISOString() : null,
        deleted ? new Date().toISOString() : null,
      ],
    );
  await notice(n.a1, w.salesA1.id, c.c1);
  await notice(n.a1Dismissed, w.salesA1.id, c.c2, true);
  await notice(n.a1Deleted, w.salesA1.id, c.c2, false, true);
  await notice(n.mgrA, w.managerA.id, c.c1);
  await notice(n.partner, w.partner.id, c.c6);
  return { w, c, ct, d, n };
}

/** An in-memory PGlite with pglite-sync and local copies of `tables` (columns and types as on the server). */
const syncedPGlite = () => PGlite.create({ extensions: { electric: electricSync() } });
export type Replica = Awaited<ReturnType<typeof syncedPGlite>>;

export async function replicaOf(s: ShapeServer, tables: Record<string, string[]>): Promise<Replica> {
  const pg = await syncedPGlite();
  for (const [table, columns] of Object.entries(tables)) {
    const cols = await s.sql.query<{ name: string; type: string }>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
       WHERE attrelid = $1::regclass AND attname = ANY ($2::text[]) ORDER BY attnum`,
      [table, columns],
    );
    const body = cols
      .map((c) => `${quoteIdent(c.name)} ${c.type}${c.name === 'id' ? ' PRIMARY KEY' : ''}`)
      .join(', ');
    await pg.exec(`CREATE TABLE ${quoteIdent(table)} (${body})`);
  }
  return pg;
}

export const idsIn = async (pg: PGlite, table: string): Promise<string[]> =>
  (await pg.query<{ id: string }>(`SELECT id FROM ${quoteIdent(table)} ORDER BY id`)).rows.map((r) => r.id);
