import type { PGliteInterface } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { newId } from '../ids.ts';
import { applyLocalSchema, localSchema } from './local-schema.ts';
import type { Replica } from './open.ts';
import { type testMutators, testReplica } from './testing/replicas.ts';

/** What pglite-sync does: one transaction, flagged as sync, writing X_synced. */
async function syncApply(pg: PGliteInterface, statements: Array<[string, unknown[]]>): Promise<void> {
  await pg.transaction(async (tx) => {
    await tx.exec('SET LOCAL electric.syncing = true');
    for (const [text, params] of statements) await tx.query(text, params);
  });
}

const syncedClient = (id: string, name: string, lastMutationId: string | null = null, status = 'lead') =>
  [
    'INSERT INTO clients_synced (id, name, status, last_mutation_id) VALUES ($1, $2, $3, $4)',
    [id, name, status, lastMutationId],
  ] as [string, unknown[]];

type ClientRow = { id: string; name: string; status: string; version: number };

describe('local schema generated from the drizzle tables', () => {
  it('has X_synced with the server columns, X_local with the overlay columns, and the view X', async () => {
    const replica = await testReplica();
    try {
      const cols = async (table: string) =>
        (
          await replica.pg.query<{ column_name: string; data_type: string }>(
            `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
            [table],
          )
        ).rows.map((r) => r.column_name);
      for (const table of localSchema().tables) {
        const names = table.columns.map((c) => c.name);
        expect(await cols(`${table.name}_synced`)).toEqual(names);
        expect(await cols(table.name)).toEqual(names);
        expect(await cols(`${table.name}_local`)).toEqual([
          ...names,
          'changed_columns',
          'is_deleted',
          'is_new',
          'mutation_id',
        ]);
      }
      expect(localSchema().tables.map((t) => t.name)).toEqual(
        expect.arrayContaining(['clients', 'deals', 'users', 'role_permissions', 'sync_notices']),
      );
      const users = localSchema().tables.find((t) => t.name === 'users');
      expect(users?.columns.find((c) => c.name === 'password_hash')).toMatchObject({
        notNull: false,
        serverOnly: true,
      });
    } finally {
      await replica.close();
    }
  });

  it('applies idempotently and rebuilds on a new version keeping the outbox and overlays', async () => {
    const replica = await testReplica();
    try {
      const { pg } = replica;
      expect(await applyLocalSchema(pg)).toEqual({ rebuilt: false });
      const synced = newId();
      await syncApply(pg, [syncedClient(synced, 'Synced')]);
      const { mutationId } = await replica.mutate('client.create', { name: 'Pending' });
      await pg.query(
        `UPDATE mak_sync_state SET value = jsonb_set(value, '{version}', '"old"') WHERE key = 'local_schema'`,
      );
      expect(await applyLocalSchema(pg)).toEqual({ rebuilt: true });
      const rows = await pg.query<{ name: string }>('SELECT name FROM clients ORDER BY name');
      expect(rows.rows.map((r) => r.name)).toEqual(['Pending']);
      const outbox = await pg.query<{ mutation_id: string }>('SELECT mutation_id FROM mak_outbox');
      expect(outbox.rows).toEqual([{ mutation_id: mutationId }]);
    } finally {
      await replica.close();
    }
  });
});

describe('the view over synced rows and the optimistic overlay', () => {
  let replica: Replica<typeof testMutators>;
  let pg: PGliteInterface;
  const byId = async (id: string) =>
    (await pg.query<ClientRow>('SELECT id, name, status, version FROM clients WHERE id = $1', [id])).rows[0];
  const overlay = async (id: string) =>
    (
      await pg.query<{ mutation_id: string; changed_columns: string[] }>(
        'SELECT * FROM clients_local WHERE id = $1',
        [id],
      )
    ).rows[0];

  beforeAll(async () => {
    replica = await testReplica();
    pg = replica.pg;
  });
  afterAll(() => replica.close());

  it('shows a locally created row until the synced row with its mutation id replaces it', async () => {
    const { mutationId } = await replica.mutate('client.create', { name: 'Local one' });
    const [args] = (
      await pg.query<{ args: { id: string } }>('SELECT args FROM mak_outbox WHERE mutation_id = $1', [
        mutationId,
      ])
    ).rows;
    const id = args?.args.id as string;
    expect(id).toBeTruthy();
    expect(await byId(id)).toMatchObject({ name: 'Local one' });
    expect(await overlay(id)).toMatchObject({ mutation_id: mutationId });
    await syncApply(pg, [syncedClient(id, 'Local one (server)', mutationId)]);
    expect(await overlay(id)).toBeUndefined();
    expect(await byId(id)).toMatchObject({ name: 'Local one (server)' });
  });

  it('merges per column: our pending edit wins, another user’s change to other fields shows, and stays until ours syncs', async () => {
    const id = newId();
    await syncApply(pg, [syncedClient(id, 'Original', null, 'lead')]);
    const { mutationId } = await replica.mutate('client.rename', { id, name: 'Renamed here' });
    expect(await byId(id)).toMatchObject({ name: 'Renamed here', status: 'lead', version: 2 });
    expect((await overlay(id))?.changed_columns).toEqual(expect.arrayContaining(['name']));

    // Someone else changes the status (and even the name) on the server; our edit is still pending.
    const other = newId();
    await syncApply(pg, [
      [
        'UPDATE clients_synced SET status = $2, name = $3, last_mutation_id = $4 WHERE id = $1',
        [id, 'customer', 'Theirs', other],
      ],
    ]);
    expect(await overlay(id)).toMatchObject({ mutation_id: mutationId });
    expect(await byId(id)).toMatchObject({ name: 'Renamed here', status: 'customer' });

    await syncApply(pg, [
      [
        'UPDATE clients_synced SET name = $2, last_mutation_id = $3 WHERE id = $1',
        [id, 'Renamed here', mutationId],
      ],
    ]);
    expect(await overlay(id)).toBeUndefined();
    expect(await byId(id)).toMatchObject({ name: 'Renamed here', status: 'customer' });
  });

  it('hides a locally deleted row; a synced delete drops an overlay only when its mutation is not pending', async () => {
    const id = newId();
    const kept = newId();
    await syncApply(pg, [syncedClient(id, 'To delete'), syncedClient(kept, 'Edited')]);
    const { mutationId } = await replica.mutate('client.purge', { id });
    expect(await byId(id)).toBeUndefined();
    expect(await overlay(id)).toMatchObject({ mutation_id: mutationId });

    await replica.mutate('client.rename', { id: kept, name: 'Edited offline' });
    await syncApply(pg, [['DELETE FROM clients_synced WHERE id = ANY($1)', [[id, kept]]]]);
    // Both mutations are pending: their overlays wait for the server's answer.
    expect(await overlay(id)).toBeDefined();
    expect(await byId(kept)).toMatchObject({ name: 'Edited offline' });

    await pg.query('DELETE FROM mak_outbox'); // answered
    const again = newId();
    await syncApply(pg, [syncedClient(again, 'Not ours')]);
    await pg.transaction(async (tx) => {
      await tx.query(`SELECT set_config('mak.mutation_id', $1, true)`, [newId()]);
      await tx.query('UPDATE clients SET name = $2 WHERE id = $1', [again, 'x']);
    });
    await syncApply(pg, [['DELETE FROM clients_synced WHERE id = $1', [again]]]);
    expect(await overlay(again)).toBeUndefined();
  });

  it('refuses writes outside mutate(), and a failing mutator leaves neither overlay nor outbox row', async () => {
    const id = newId();
    await syncApply(pg, [syncedClient(id, 'Guarded')]);
    await expect(pg.query(`UPDATE clients SET name = 'x' WHERE id = $1`, [id])).rejects.toThrow(
      /only inside mutate/,
    );
    const before = (await pg.query('SELECT * FROM mak_outbox')).rows.length;
    await expect(replica.mutate('client.broken', { id, name: 'Half' })).rejects.toThrow(/select 1 \/ 0/);
    expect(await overlay(id)).toBeUndefined();
    expect((await pg.query('SELECT * FROM mak_outbox')).rows.length).toBe(before);
    expect(await byId(id)).toMatchObject({ name: 'Guarded' });
  });

  it('keeps the server’s constraints: input validation, not-null and duplicate ids', async () => {
    await expect(replica.mutate('client.create', { name: '' })).rejects.toMatchObject({ code: 'validation' });
    const id = newId();
    await syncApply(pg, [syncedClient(id, 'Taken')]);
    const dup = replica.mutate('client.create', { id, name: 'Again' });
    await expect(dup).rejects.toBeInstanceOf(DomainError);
    await expect(dup).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      pg.transaction(async (tx) => {
        await tx.query(`SELECT set_config('mak.mutation_id', $1, true)`, [newId()]);
        await tx.query('INSERT INTO clients (id) VALUES ($1)', [newId()]);
      }),
    ).rejects.toThrow(/not-null/);
  });

  it('searches offline: synced and local rows get the search columns (Russian stems, trigrams, phone digits)', async () => {
    const synced = newId();
    await syncApply(pg, [
      [
        'INSERT INTO clients_synced (id, name, phones) VALUES ($1, $2, $3)',
        [synced, 'ООО Ромашка Продажи', ['8 (912) 345-67-89']],
      ],
    ]);
    await replica.mutate('client.create', { name: 'Василий Компаниец', phones: ['+7 999 000-11-22'] });
    const fts = await pg.query<{ name: string }>(
      `SELECT name FROM clients WHERE search @@ plainto_tsquery('russian', $1) ORDER BY name`,
      ['продажа'],
    );
    expect(fts.rows.map((r) => r.name)).toEqual(['ООО Ромашка Продажи']);
    const phone = await pg.query<{ name: string }>(
      `SELECT name FROM clients WHERE search_text LIKE '%' || $1 || '%'`,
      ['79123456789'],
    );
    expect(phone.rows.map((r) => r.name)).toEqual(['ООО Ромашка Продажи']);
    const fuzzy = await pg.query<{ name: string }>(
      `SELECT name FROM clients WHERE search_text % $1 ORDER BY similarity(search_text, $1) DESC LIMIT 1`,
      ['василий компанец'],
    );
    expect(fuzzy.rows.map((r) => r.name)).toEqual(['Василий Компаниец']);
  });
});
