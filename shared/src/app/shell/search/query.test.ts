/// <reference types="node" />
// Node-only: runs under vitest on Node against a real replica (PGlite with the local schema); the app never imports it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../ids.ts';
import type { Replica } from '../../../replica/open.ts';
import { type testMutators, testReplica } from '../../../replica/testing/replicas.ts';
import {
  buildSearchQuery,
  MAX_LIVE_PARAMS,
  normaliseQuery,
  type SearchHit,
  type SearchKind,
} from './query.ts';

const ids = {
  romashka: newId(),
  ivanov: newId(),
  deletedClient: newId(),
  localClient: newId(),
  deal: newId(),
  stage: newId(),
  contact: newId(),
  task: newId(),
};

describe('global search over the replica', () => {
  let replica: Replica<typeof testMutators>;

  const search = async (text: string, kinds?: SearchKind[], perKind?: number): Promise<SearchHit[]> => {
    const query = buildSearchQuery(text, { kinds, perKind });
    if (!query) return [];
    return (await replica.pg.query<SearchHit>(query.sql, query.params)).rows;
  };
  const idsOf = (hits: SearchHit[]) => hits.map((h) => h.id);

  beforeAll(async () => {
    replica = await testReplica();
    const { pg } = replica;
    const client = `INSERT INTO clients_synced (id, name, legal_name, inn, phones, emails, deleted_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)`;
    await pg.query(client, [
      ids.romashka,
      'ООО «Ромашка»',
      'Общество с ограниченной ответственностью Ромашка',
      '7707083893',
      ['8 (912) 345-67-89'],
      ['Info@Romashka.ru'],
      null,
    ]);
    await pg.query(client, [ids.ivanov, 'Пётр Иванов', null, null, [], ['petr@ivanov.ru'], null]);
    await pg.query(client, [ids.deletedClient, 'Ромашка удалённая', null, null, [], [], new Date()]);
    for (let i = 0; i < 12; i++) {
      await pg.query(client, [newId(), `Лютик ${i}`, null, null, [], [], null]);
    }
    await pg.query(`INSERT INTO stages_synced (id, pipeline_id, name) VALUES ($1, $2, 'Переговоры')`, [
      ids.stage,
      newId(),
    ]);
    await pg.query(
      `INSERT INTO deals_synced (id, title, client_id, pipeline_id, stage_id) VALUES ($1, $2, $3, $4, $5)`,
      [ids.deal, 'Поставка оборудования', ids.romashka, newId(), ids.stage],
    );
    await pg.query(
      `INSERT INTO contacts_synced (id, client_id, name, position, phones, emails) VALUES ($1, $2, $3, $4, $5, $6)`,
      [ids.contact, ids.romashka, 'Анна Смирнова', 'Главный бухгалтер', ['+7 900 111-22-33'], []],
    );
    await pg.query(
      `INSERT INTO tasks_synced (id, title, description, client_id, deal_id) VALUES ($1, $2, $3, $4, $5)`,
      [ids.task, 'Позвонить по поставке', 'Обсудить сроки оборудования', ids.romashka, ids.deal],
    );
    // A client made on this device and not yet sent: search finds it before the server has seen it.
    await pg.transaction(async (tx) => {
      await tx.query(`SELECT set_config('mak.mutation_id', $1, true)`, [newId()]);
      await tx.query(`INSERT INTO clients (id, name, phones) VALUES ($1, 'Василёк офлайн', $2)`, [
        ids.localClient,
        ['+7 (495) 765-43-21'],
      ]);
    });
  });
  afterAll(() => replica.close());

  it('normalises the text and refuses what is too short', () => {
    expect(normaliseQuery('  a ')).toBeNull();
    expect(normaliseQuery('  ab   cd ')).toBe('ab cd');
    expect(normaliseQuery('x'.repeat(500))?.length).toBe(100);
    expect(buildSearchQuery('р')).toBeNull();
    expect(buildSearchQuery('ромашка', { kinds: [] })).toBeNull();
  });

  it('finds clients by name with Russian morphology, and never a deleted one', async () => {
    const hits = await search('ромашку', ['client']);
    expect(idsOf(hits)).toEqual([ids.romashka]);
    expect(hits[0]).toMatchObject({ kind: 'client', title: 'ООО «Ромашка»', client_id: ids.romashka });
    expect(hits[0]?.subtitle).toContain('7707083893');
  });

  it('finds clients by phone whatever the formatting, by e-mail and by INN', async () => {
    expect(idsOf(await search('8 912 345-67-89', ['client']))).toEqual([ids.romashka]);
    expect(idsOf(await search('345 67', ['client']))).toEqual([ids.romashka]);
    expect(idsOf(await search('info@romashka', ['client']))).toEqual([ids.romashka]);
    expect(idsOf(await search('7707083893', ['client']))).toEqual([ids.romashka]);
  });

  it('keeps every % out of the SQL text: a live query inlines its values with format(), which reads %', () => {
    for (const text of ['ромашка', '100%', '8 912 345-67-89', 'a_b\\%']) {
      const query = buildSearchQuery(text);
      expect(query?.sql).not.toContain('%');
      expect(query?.params.length).toBeGreaterThan(0);
      expect(query?.params.length).toBeLessThanOrEqual(MAX_LIVE_PARAMS);
    }
  });

  it('runs as a live query, as the search dialog runs it', async () => {
    const query = buildSearchQuery('8 912 345-67-89');
    if (!query) throw new Error('no query');
    let stop: (() => Promise<void>) | undefined;
    const rows = await new Promise<SearchHit[]>((resolve, reject) => {
      stop = replica.watch<SearchHit>(query.sql, query.params, resolve, reject);
    });
    await stop?.();
    expect(idsOf(rows)).toEqual([ids.romashka]);
  });

  it('finds rows written locally and not yet synced', async () => {
    expect(idsOf(await search('василёк', ['client']))).toEqual([ids.localClient]);
    expect(idsOf(await search('765-43-21', ['client']))).toEqual([ids.localClient]);
  });

  it('groups hits by kind in the order asked, with what each needs to be opened', async () => {
    const hits = await search('оборудования');
    expect(hits.map((h) => [h.kind, h.id])).toEqual([
      ['deal', ids.deal],
      ['task', ids.task],
    ]);
    expect(hits[0]).toMatchObject({ deal_id: ids.deal, client_id: ids.romashka });
    expect(hits[0]?.subtitle).toBe('ООО «Ромашка» · Переговоры');
    expect(hits[1]).toMatchObject({
      deal_id: ids.deal,
      client_id: ids.romashka,
      subtitle: 'Поставка оборудования',
    });

    const contact = await search('смирнова');
    expect(contact).toHaveLength(1);
    expect(contact[0]).toMatchObject({ kind: 'contact', client_id: ids.romashka });
    expect(contact[0]?.subtitle).toBe('Главный бухгалтер · ООО «Ромашка»');

    const reordered = await search('поставка', ['task', 'deal']);
    expect(reordered.map((h) => h.kind)).toEqual(['task', 'deal']);
  });

  it('limits each kind and ranks a title prefix first', async () => {
    const hits = await search('лютик', ['client'], 5);
    expect(hits).toHaveLength(5);
    expect(hits.every((h) => h.title.startsWith('Лютик'))).toBe(true);
    const exact = await search('Лютик 7', ['client']);
    expect(exact[0]?.title).toBe('Лютик 7');
  });

  it('treats LIKE wildcards, quotes and tsquery syntax as plain text', async () => {
    for (const text of ['%%', "'; DROP TABLE clients; --", '_ _', 'a & | ! (', '\\\\']) {
      await expect(search(text)).resolves.toBeInstanceOf(Array);
    }
    expect(await search('%%')).toEqual([]);
    expect((await replica.pg.query('SELECT count(*)::int AS n FROM clients')).rows).toEqual([{ n: 16 }]);
  });
});
