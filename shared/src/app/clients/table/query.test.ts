/// <reference types="node" />
// Node-only: the clients table's SQL against a real replica (PGlite with the local schema) holding 20,000 clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../ids.ts';
import type { Replica } from '../../../replica/open.ts';
import { type testMutators, testReplica } from '../../../replica/testing/replicas.ts';
import { type ColumnSpec, clientColumnSpecs } from './columns-spec.ts';
import {
  buildCountQuery,
  buildIdsQuery,
  buildWindowQuery,
  type ClientQuery,
  type ClientRow,
  EMPTY_QUERY,
  NO_OWNER,
} from './query.ts';

const N = 20_000;
const OWNERS = [newId(), newId(), newId()];
const SPECS: ColumnSpec[] = clientColumnSpecs([
  { key: 'budget', label: 'Бюджет', type: 'money', options: [] },
  { key: 'industry', label: 'Отрасль', type: 'select', options: ['Розница', 'Стройка', 'IT'] },
  { key: 'channels', label: 'Каналы', type: 'multiselect', options: ['mail', 'phone', 'tg'] },
  { key: 'vip', label: 'VIP', type: 'boolean', options: [] },
  { key: 'signed', label: 'Подписан', type: 'date', options: [] },
  { key: 'weird', label: 'Странный', type: 'no-such-type', options: [] },
]);

let replica: Replica<typeof testMutators>;
const deletedId = newId();
const localId = newId();

async function rows(q: { sql: string; params: unknown[] }) {
  return (await replica.pg.query<ClientRow>(q.sql, q.params)).rows;
}
async function count(query: ClientQuery) {
  const [row] = (await replica.pg.query<{ total: number }>(...spread(buildCountQuery(query, SPECS)))).rows;
  return row?.total ?? -1;
}
const spread = (q: { sql: string; params: unknown[] }) => [q.sql, q.params] as const;
async function ids(query: ClientQuery, limit = N + 10) {
  return (await rows(buildIdsQuery(query, SPECS, limit))).map((r) => r.id);
}
const q = (over: Partial<ClientQuery>): ClientQuery => ({ ...EMPTY_QUERY, ...over });
/** Ids in the order an independent, hand-written query gives. */
async function reference(orderAndWhere: string, params: unknown[] = []) {
  return (
    await replica.pg.query<{ id: string }>(`SELECT c.id FROM clients c ${orderAndWhere}`, params)
  ).rows.map((r) => r.id);
}

beforeAll(async () => {
  replica = await testReplica();
  const { pg } = replica;
  await pg.query(
    `INSERT INTO users_synced (id, email, name, role_id) VALUES
       ($1, 'b@x.ru', 'Борис', $4), ($2, 'a@x.ru', 'Анна', $4), ($3, 'v@x.ru', 'Вера', $4)`,
    [...OWNERS, newId()],
  );
  // Deterministic variety: four name stems, four statuses, three owners plus none, phones with the index in them.
  await pg.query(
    `INSERT INTO clients_synced (id, name, kind, status, owner_id, phones, emails, inn, tags, source, created_at,
                                 updated_at, custom)
     SELECT gen_random_uuid(),
            (ARRAY['ООО «Ромашка»','ИП Иванов','Альфа-Строй','Бета 100%'])[1 + i % 4] || ' ' || i,
            CASE WHEN i % 5 = 0 THEN 'company' ELSE 'person' END,
            (ARRAY['lead','prospect','customer','lost'])[1 + i % 4],
            CASE i % 4 WHEN 0 THEN $1::uuid WHEN 1 THEN $2::uuid WHEN 2 THEN $3::uuid ELSE NULL END,
            ARRAY['8 (912) ' || lpad(i::text, 7, '0')],
            ARRAY['client' || i || '@mail.ru'],
            CASE WHEN i % 7 = 0 THEN lpad(i::text, 10, '7') END,
            CASE WHEN i % 10 = 0 THEN ARRAY['важный'] ELSE '{}'::text[] END,
            CASE WHEN i % 3 = 0 THEN 'сайт' END,
            timestamptz '2024-01-01 12:00:00+00' + i * interval '1 hour',
            timestamptz '2025-01-01 12:00:00+00' - i * interval '1 minute',
            jsonb_strip_nulls(jsonb_build_object(
              'budget', CASE WHEN i % 2 = 0 THEN i % 1000 END,
              'industry', (ARRAY['Розница','Стройка','IT'])[1 + i % 3],
              'channels', CASE WHEN i % 6 = 0 THEN '["mail","tg"]'::jsonb ELSE '["phone"]'::jsonb END,
              'vip', i % 9 = 0,
              'signed', CASE WHEN i % 11 = 0 THEN to_char(date '2024-01-01' + (i % 365), 'YYYY-MM-DD') END))
       FROM generate_series(1, $4::int) AS i`,
    [...OWNERS, N],
  );
  // A client deleted here (soft delete not yet synced away) and one created here, not yet on the server.
  await pg.query(
    `INSERT INTO clients_synced (id, name, deleted_at) VALUES ($1, 'Удалённый Ромашка', now())`,
    [deletedId],
  );
  await pg.transaction(async (tx) => {
    await tx.query(`SELECT set_config('mak.mutation_id', $1, true)`, [newId()]);
    await tx.query(
      `INSERT INTO clients (id, name, phones) VALUES ($1, 'Новый локальный', '{"+7 999 000-11-22"}')`,
      [localId],
    );
  });
}, 120_000);
afterAll(() => replica?.close());

describe('clients table SQL over the replica', () => {
  it('counts live clients, local ones included and deleted ones not', async () => {
    expect(await count(EMPTY_QUERY)).toBe(N + 1);
    const all = await ids(EMPTY_QUERY);
    expect(all).toHaveLength(N + 1);
    expect(all).toContain(localId);
    expect(all).not.toContain(deletedId);
  });

  it.each([
    ['name', false, 'ORDER BY name ASC, id ASC'],
    ['name', true, 'ORDER BY name DESC, id DESC'],
    ['created_at', true, 'ORDER BY created_at DESC, id DESC'],
    ['status', false, 'ORDER BY status ASC, id ASC'],
    ['inn', false, 'ORDER BY inn ASC NULLS LAST, id ASC'],
    ['phone', true, 'ORDER BY phones[1] DESC NULLS LAST, id DESC'],
  ])('sorts by %s (desc: %s): windows anywhere match the reference order', async (column, desc, order) => {
    const query = q({ sort: { column, desc } });
    const expected = await reference(`WHERE deleted_at IS NULL ${order}`);
    for (const offset of [0, 7_001, N - 400]) {
      const window = await rows(buildWindowQuery(query, SPECS, offset, 500, `t${offset}`));
      expect(window.every((r) => r.window_offset === offset && r.window_tag === `t${offset}`)).toBe(true);
      expect(window.map((r) => r.id)).toEqual(expected.slice(offset, offset + 500));
    }
  });

  it('windows tile the whole list without gaps or repeats', async () => {
    const query = q({ sort: { column: 'name', desc: false } });
    const got: string[] = [];
    for (let offset = 0; offset < N + 1; offset += 1000) {
      got.push(...(await rows(buildWindowQuery(query, SPECS, offset, 1000))).map((r) => r.id));
    }
    expect(got).toEqual(await ids(query));
    expect(new Set(got).size).toBe(N + 1);
  });

  it('sorts by owner name with unowned clients last', async () => {
    const got = await ids(q({ sort: { column: 'owner', desc: false } }));
    const expected = await reference(
      `LEFT JOIN users u ON u.id = c.owner_id WHERE c.deleted_at IS NULL ORDER BY u.name ASC NULLS LAST, c.id`,
    );
    expect(got).toEqual(expected);
    const [first] = await rows(buildWindowQuery(q({ sort: { column: 'owner', desc: false } }), SPECS, 0, 1));
    expect(first?.owner_id).toBe(OWNERS[1]); // Анна
  });

  it('sorts a money custom field as a number, not as text', async () => {
    const window = await rows(
      buildWindowQuery(q({ sort: { column: 'custom:budget', desc: true } }), SPECS, 0, 3),
    );
    expect(window.map((r) => r.custom.budget)).toEqual([998, 998, 998]);
    const asc = await rows(
      buildWindowQuery(q({ sort: { column: 'custom:budget', desc: false } }), SPECS, 0, 30),
    );
    const budgets = asc.map((r) => r.custom.budget as number);
    expect(budgets).toEqual([...budgets].sort((a, b) => a - b));
  });

  it('falls back to the default sort for unknown or unsortable columns', async () => {
    const expected = await ids(EMPTY_QUERY, 50);
    expect(await ids(q({ sort: { column: 'name; DROP TABLE clients', desc: false } }), 50)).toEqual(expected);
    expect(await ids(q({ sort: { column: 'tags', desc: false } }), 50)).toEqual(expected);
  });

  it('filters by select columns, ignoring values outside the options', async () => {
    expect(await count(q({ filters: { status: { kind: 'select', values: ['lead', 'lost'] } } }))).toBe(
      N / 2 + 1,
    );
    expect(await count(q({ filters: { status: { kind: 'select', values: ["lead' OR 1=1 --"] } } }))).toBe(
      N + 1,
    );
    expect(await count(q({ filters: { kind: { kind: 'select', values: ['company'] } } }))).toBe(N / 5);
    const owner0 = await count(q({ filters: { owner: { kind: 'select', values: [OWNERS[0] as string] } } }));
    expect(owner0).toBe(N / 4);
    const none = await count(q({ filters: { owner: { kind: 'select', values: [NO_OWNER] } } }));
    expect(none).toBe(N / 4 + 1);
    const both = await count(
      q({ filters: { owner: { kind: 'select', values: [NO_OWNER, OWNERS[1] as string] } } }),
    );
    expect(both).toBe(N / 2 + 1);
  });

  it('filters text columns by case-insensitive substring, % and _ taken literally', async () => {
    expect(await count(q({ filters: { name: { kind: 'text', value: 'ромашка' } } }))).toBe(N / 4);
    expect(await count(q({ filters: { name: { kind: 'text', value: '100%' } } }))).toBe(N / 4);
    expect(await count(q({ filters: { name: { kind: 'text', value: '%' } } }))).toBe(N / 4);
    expect(await count(q({ filters: { name: { kind: 'text', value: '_' } } }))).toBe(0);
    expect(await count(q({ filters: { email: { kind: 'text', value: 'CLIENT1999@' } } }))).toBe(1);
    expect(await count(q({ filters: { source: { kind: 'text', value: 'сайт' } } }))).toBe(Math.floor(N / 3));
    expect(await count(q({ filters: { tags: { kind: 'text', value: 'важн' } } }))).toBe(N / 10);
  });

  it('filters phones by their digits whatever the formatting', async () => {
    expect(await count(q({ filters: { phone: { kind: 'text', value: '+7 912 001-23-45' } } }))).toBe(1);
    expect(await count(q({ filters: { phone: { kind: 'text', value: '(999) 000' } } }))).toBe(1);
  });

  it('filters dates by range, both ends inclusive days', async () => {
    // created_at = 2024-01-01 12:00 UTC + i hours: 2 January (local) holds about 24 of them.
    const day = await count(
      q({ filters: { created_at: { kind: 'dateRange', from: '2024-01-02', to: '2024-01-02' } } }),
    );
    expect(day).toBeGreaterThanOrEqual(23);
    expect(day).toBeLessThanOrEqual(25);
    const open = await count(
      q({ filters: { created_at: { kind: 'dateRange', from: null, to: '2023-12-31' } } }),
    );
    expect(open).toBe(0);
    const bad = await count(q({ filters: { created_at: { kind: 'dateRange', from: "2024'", to: null } } }));
    expect(bad).toBe(N + 1);
  });

  it('filters custom fields by their type', async () => {
    const c = (filters: ClientQuery['filters']) => count(q({ filters }));
    expect(await c({ 'custom:industry': { kind: 'select', values: ['IT'] } })).toBe(Math.round(N / 3));
    expect(await c({ 'custom:industry': { kind: 'select', values: ['Космос'] } })).toBe(N + 1);
    expect(await c({ 'custom:channels': { kind: 'select', values: ['tg'] } })).toBe(Math.floor(N / 6));
    expect(await c({ 'custom:vip': { kind: 'boolean', value: true } })).toBe(Math.floor(N / 9));
    expect(await c({ 'custom:budget': { kind: 'numberRange', min: 990, max: null } })).toBe(N / 2 / 100);
    expect(await c({ 'custom:budget': { kind: 'numberRange', min: 10, max: 10 } })).toBe(N / 1000);
    const signed = await c({ 'custom:signed': { kind: 'dateRange', from: '2024-01-01', to: '2024-01-01' } });
    expect(signed).toBeGreaterThan(0);
    // A filter of the wrong kind for its column, or on a column that does not exist, narrows nothing.
    expect(await c({ 'custom:vip': { kind: 'text', value: 'x' } })).toBe(N + 1);
    expect(await c({ 'custom:weird': { kind: 'text', value: 'x' } })).toBe(N + 1);
    expect(await c({ 'custom:nope': { kind: 'text', value: 'x' } })).toBe(N + 1);
  });

  it('combines filters with AND and keeps window and count consistent', async () => {
    const query = q({
      filters: {
        status: { kind: 'select', values: ['lead'] },
        name: { kind: 'text', value: 'иванов' },
      },
      sort: { column: 'name', desc: false },
    });
    const total = await count(query);
    // status lead: i % 4 = 3 (1-based array), Иванов: i % 4 = 1: disjoint.
    expect(total).toBe(0);
    const query2 = q({
      filters: { status: { kind: 'select', values: ['prospect'] }, name: { kind: 'text', value: 'иванов' } },
    });
    expect(await count(query2)).toBe(N / 4);
    expect(await ids(query2)).toHaveLength(N / 4);
  });

  it('searches like the server: morphology, INN, e-mail, phone digits, typos', async () => {
    const found = async (search: string) => new Set(await ids(q({ search })));
    const one = async (where: string, value: string) =>
      (await reference(`WHERE ${where}`, [value]))[0] as string;
    const romashki = await found('Ромашки');
    expect(await count(q({ search: 'Ромашки' }))).toBe(romashki.size);
    const allRomashka = await reference(`WHERE deleted_at IS NULL AND name LIKE 'ООО «Ромашка»%'`);
    expect(allRomashka).toHaveLength(N / 4);
    expect(allRomashka.every((id) => romashki.has(id))).toBe(true);
    expect((await found('7777777777')).has(await one('inn = $1', '7777777777'))).toBe(true);
    expect(
      (await found('client12345@mail.ru')).has(await one('$1 = ANY(emails)', 'client12345@mail.ru')),
    ).toBe(true);
    expect((await found('8 912 001 23 45')).has(await one('$1 = ANY(phones)', '8 (912) 0012345'))).toBe(true);
    expect(await found('999 000 11')).toContain(localId);
    // Typos only when asked: the table falls back to fuzzy matching when the plain search finds nothing.
    expect(await found('Нвый локальный')).not.toContain(localId);
    expect(await ids(q({ search: 'Нвый локальный', fuzzy: true }))).toContain(localId);
    await count(q({ search: "'; DROP TABLE clients; --" }));
    expect(await count(EMPTY_QUERY)).toBe(N + 1);
  });

  it('clamps window bounds', async () => {
    const { params } = buildWindowQuery(EMPTY_QUERY, SPECS, -5, 1e9, 'x');
    // Each half of the view is cut at offset + limit, then the page is limit from offset.
    expect(params).toEqual([1000, 1000, 1000, 0, 0, 'x']);
    const tail = await rows(buildWindowQuery(EMPTY_QUERY, SPECS, N - 2, 100));
    expect(tail).toHaveLength(3);
  });

  it('numbers parameters in order of appearance, once each, and runs as live queries', async () => {
    const query = q({
      search: 'Нвый локальный',
      fuzzy: true,
      sort: { column: 'custom:budget', desc: true },
      filters: {
        phone: { kind: 'text', value: '999 000' },
        'custom:budget': { kind: 'numberRange', min: 0, max: 10 },
        owner: { kind: 'select', values: [NO_OWNER, OWNERS[0] as string] },
      },
    });
    const built = [
      buildWindowQuery(query, SPECS, 0, 50, 'live'),
      buildCountQuery(query, SPECS),
      buildWindowQuery(q({ sort: { column: 'owner', desc: false } }), SPECS, 10, 5, 'o'),
    ];
    for (const b of built) {
      const used = [...b.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
      expect(used).toEqual(used.map((_, i) => i + 1));
      expect(used).toHaveLength(b.params.length);
      expect(b.sql).not.toContain('%');
      const direct = (await replica.pg.query(b.sql, b.params)).rows;
      const live = await new Promise<unknown[]>((resolve, reject) => {
        const stop = replica.watch(
          b.sql,
          b.params,
          (r) => {
            resolve(r);
            void stop();
          },
          reject,
        );
      });
      expect(live).toEqual(direct);
    }
  });

  it('answers a deep window and a count fast enough to scroll', async () => {
    const timed = async (f: () => Promise<unknown>) => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };
    const deep = await timed(() =>
      rows(buildWindowQuery(q({ sort: { column: 'name', desc: true } }), SPECS, N - 200, 100)),
    );
    const total = await timed(() => count(EMPTY_QUERY));
    const searched = await timed(() => count(q({ search: 'ромашка' })));
    console.log(
      `20k clients: deep window ${deep.toFixed(1)} ms, count ${total.toFixed(1)} ms, search count ${searched.toFixed(1)} ms`,
    );
    expect(deep).toBeLessThan(2000);
  });
});
