/// <reference types="node" />
// Node-only: this file runs under vitest on Node (temp dirs, migration files, a loopback server); nothing in the
// replica imports it.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import { quoteIdent as q } from './local-schema/columns.ts';
import { SEARCH_TABLES } from './local-schema/search.ts';
import type { Replica } from './open.ts';
import { type testMutators, testReplica } from './testing/replicas.ts';

const MIGRATIONS = new URL('../../../migrations/', import.meta.url);

/** The server's current definition of `fn`: the last migration that (re)creates it. */
function serverFunction(fn: string): string {
  const files = readdirSync(MIGRATIONS)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const statements = files.flatMap((f) =>
    readFileSync(new URL(f, MIGRATIONS), 'utf8').split('--> statement-breakpoint'),
  );
  const defines = new RegExp(`CREATE (OR REPLACE )?FUNCTION ${fn}\\(`);
  const found = statements.filter((s) => defines.test(s)).pop();
  if (!found) throw new Error(`no migration defines ${fn}`);
  return found;
}

const ROWS: Record<string, Record<string, unknown>[]> = {
  clients: [
    {
      name: 'ООО «Ромашка»',
      legal_name: 'Общество с ограниченной ответственностью Ромашка',
      inn: '7707083893',
      ogrn: '1027700132195',
      emails: ['Info@Romashka.ru', 'sales@romashka.ru'],
      phones: ['8 (912) 345-67-89', '+7 495 111-22-33'],
    },
    { name: 'Пётр Иванов', legal_name: null, inn: null, ogrn: null, emails: [], phones: [] },
  ],
  contacts: [
    {
      client_id: newId(),
      name: 'Анна Смирнова',
      position: 'Главный бухгалтер',
      emails: ['a@x.ru'],
      phones: ['89001112233'],
    },
    { client_id: newId(), name: 'John Smith', position: null, emails: [], phones: [] },
  ],
  deals: [{ title: 'Поставка оборудования', pipeline_id: newId(), stage_id: newId() }],
  tasks: [
    { title: 'Позвонить клиенту', description: 'Обсудить продления договоров' },
    { title: 'Без описания', description: null },
  ],
  notes: [{ body: 'Клиент просил перезвонить после праздников' }],
};

/**
 * Parity with the server: its mak_search_fill() and mak_phone_digits(), taken from the migrations, run on plain
 * tables in a scratch schema of the replica; the same rows go through the replica's synced trigger and its view.
 */
describe('offline search columns match the server’s', () => {
  let replica: Replica<typeof testMutators>;

  beforeAll(async () => {
    replica = await testReplica();
    const { pg } = replica;
    await pg.exec('CREATE SCHEMA srv; SET search_path TO srv, public;');
    await pg.exec(serverFunction('mak_phone_digits'));
    await pg.exec(serverFunction('mak_search_fill'));
    for (const t of SEARCH_TABLES) {
      await pg.exec(`CREATE TABLE srv.${q(t)} (LIKE public.${q(`${t}_synced`)} INCLUDING DEFAULTS)`);
      await pg.exec(
        `CREATE TRIGGER s BEFORE INSERT ON srv.${q(t)} FOR EACH ROW EXECUTE FUNCTION srv.mak_search_fill()`,
      );
    }
    await pg.exec('SET search_path TO public');
  });
  afterAll(() => replica.close());

  it.each(SEARCH_TABLES)(
    '%s: synced and locally written rows get exactly the server’s search_text and search',
    async (t) => {
      const { pg } = replica;
      for (const row of ROWS[t] ?? []) {
        const cols = Object.keys(row);
        const values = Object.values(row);
        const list = cols.map(q).join(', ');
        const params = (from: number) => cols.map((_, i) => `$${i + from}`).join(', ');
        const [server, synced, local] = [newId(), newId(), newId()];
        await pg.query(`INSERT INTO srv.${q(t)} (id, ${list}) VALUES ($1, ${params(2)})`, [
          server,
          ...values,
        ]);
        await pg.query(`INSERT INTO ${q(`${t}_synced`)} (id, ${list}) VALUES ($1, ${params(2)})`, [
          synced,
          ...values,
        ]);
        await pg.transaction(async (tx) => {
          await tx.query(`SELECT set_config('mak.mutation_id', $1, true)`, [newId()]);
          await tx.query(`INSERT INTO ${q(t)} (id, ${list}) VALUES ($1, ${params(2)})`, [local, ...values]);
        });
        const read = async (table: string, id: string) =>
          (
            await pg.query<{ st: string; sv: string }>(
              `SELECT search_text AS st, search::text AS sv FROM ${table} WHERE id = $1`,
              [id],
            )
          ).rows[0];
        const expected = await read(`srv.${q(t)}`, server);
        expect(expected?.sv).toBeTruthy();
        expect(await read(q(`${t}_synced`), synced)).toEqual(expected);
        expect(await read(q(t), local)).toEqual(expected);
      }
    },
  );
});
