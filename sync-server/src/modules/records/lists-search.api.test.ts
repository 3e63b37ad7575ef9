import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeWorld, type World } from '../../testing/world.ts';

// biome-ignore lint/suspicious/noExplicitAny: rows as the API answers them
type Row = any;

let server: TestServer;
let w: World;
const named: Record<string, Row> = {};
let daisies: Row[] = [];

const STATUSES = ['lead', 'prospect', 'customer', 'lost'] as const;

async function create(path: string, token: string, body: unknown): Promise<Row> {
  const res = await server.api(path, { method: 'POST', token, body });
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}

async function search(q: string, token = w.salesA1.token, extra = ''): Promise<Row[]> {
  const res = await server.api(`/api/clients?limit=200&q=${encodeURIComponent(q)}${extra}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}

const ids = (rows: Row[]) => rows.map((r) => r.id as string);

beforeAll(async () => {
  server = await startTestServer();
  w = await makeWorld(server.database.db);
  const t = w.salesA1.token;
  const people: [string, Record<string, unknown>][] = [
    ['siberia', { name: 'Продажи Сибири', kind: 'company' }],
    ['konst', { name: 'Константинопольский Андрей Петрович' }],
    ['phone', { name: 'Клиент с телефоном', phones: ['+7 (912) 345-67-89'] }],
    ['email', { name: 'Иван Петров', emails: ['ivan@example.ru'] }],
    ['inn', { name: 'ООО «Вектор»', kind: 'company', inn: '7707083893', legalName: 'Общество «Вектор»' }],
    ['noise1', { name: 'Северные ветры', phones: ['+7 495 111-22-33'], emails: ['info@veter.com'] }],
    ['noise2', { name: 'Макаров Олег', phones: ['8 (800) 555-35-35'] }],
    ['noise3', { name: 'Лесная поляна', emails: ['les@polyana.org'] }],
  ];
  for (const [key, body] of people) named[key] = await create('/api/clients', t, body);
  daisies = [];
  for (let i = 0; i < 15; i++) {
    daisies.push(await create('/api/clients', t, { name: `Ромашка ${i}`, status: STATUSES[i % 4] }));
  }
  // salesA2's own client with the same word: search must not mix the two scopes.
  await create('/api/clients', w.salesA2.token, { name: 'Продажи Урала' });
});
afterAll(() => server?.stop());

describe('search q', () => {
  it.each([
    ['продажа', 'siberia'],
    ['продажами', 'siberia'],
    ['ПРОДАЖИ', 'siberia'],
    ['сибирь', 'siberia'],
    ['Продажи Сибири', 'siberia'],
    ['константинопольский', 'konst'],
    ['КОНСТАНТИНОПОЛЬСКИЙ', 'konst'],
    // a letter dropped at the end (the stemmer forgives it) and in the middle (only trigram similarity does)
    ['Константинопольскй', 'konst'],
    ['Констнтинопольский', 'konst'],
    ['Константинопльский андрей', 'konst'],
    ['9123456789', 'phone'],
    ['8 912 345 67 89', 'phone'],
    ['+7 912 3456789', 'phone'],
    ['345-67-89', 'phone'],
    ['(912) 345', 'phone'],
    ['ivan@example.ru', 'email'],
    ['ivan@example', 'email'],
    ['example.ru', 'email'],
    ['IVAN@Example.RU', 'email'],
    ['7707083893', 'inn'],
    ['вектор', 'inn'],
  ])('%s finds %s', async (q, key) => {
    expect(ids(await search(q))).toContain(named[key].id);
  });

  it.each([
    ['9123456789', ['noise1', 'noise2']],
    ['ivan@example', ['noise1', 'noise3']],
    ['7707083893', ['siberia', 'phone', 'email']],
    ['константинопольский', ['siberia', 'noise1', 'noise2', 'noise3']],
  ])('%s does not drag in unrelated records', async (q, others) => {
    const found = ids(await search(q));
    for (const key of others) expect(found).not.toContain(named[key].id);
  });

  it('finds nothing for a word nobody has', async () => {
    expect(await search('Шпицберген')).toEqual([]);
    expect(await search('000000000000')).toEqual([]);
  });

  it('treats LIKE wildcards in q as plain characters', async () => {
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it('combines with filters and keyset pagination (q + status + cursor)', async () => {
    const expected = daisies.filter((d) => ['lead', 'customer'].includes(d.status));
    const walked: Row[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await server.api(
        `/api/clients?q=${encodeURIComponent('ромашка')}&status=lead,customer&sort=name&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: w.salesA1.token },
      );
      expect(res.status).toBe(200);
      walked.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(pages).toBe(Math.ceil(expected.length / 2));
    expect(new Set(ids(walked)).size).toBe(walked.length);
    expect([...ids(walked)].sort()).toEqual([...ids(expected)].sort());
    const whole = await search('ромашка', w.salesA1.token, '&status=lead,customer&sort=name');
    expect(ids(walked)).toEqual(ids(whole));
    // typo + filter: trigram matches still honour the filter
    const fuzzy = await search('ромашк', w.salesA1.token, '&status=lost');
    expect([...ids(fuzzy)].sort()).toEqual(ids(daisies.filter((d) => d.status === 'lost')).sort());
  });

  it('search respects soft delete', async () => {
    const target = daisies[14];
    expect(
      (await server.api(`/api/clients/${target.id}`, { method: 'DELETE', token: w.managerA.token })).status,
    ).toBe(200);
    expect(ids(await search('Ромашка 14'))).not.toContain(target.id);
    expect(ids(await search('Ромашка 14', w.salesA1.token, '&deleted=only'))).toEqual([target.id]);
  });

  it('never returns records outside the caller scope', async () => {
    for (const q of [
      'Константинопольский',
      'продажи',
      '9123456789',
      'ivan@example.ru',
      '7707083893',
      'ромашка',
    ]) {
      const mine = new Set(ids(Object.values(named)).concat(ids(daisies)));
      for (const user of [w.salesA2, w.salesB1, w.managerB, w.partner]) {
        const found = await search(q, user.token);
        expect(
          found.filter((r) => mine.has(r.id)),
          `${user.role} ${q}`,
        ).toEqual([]);
      }
    }
    // salesA2 finds only its own «Продажи Урала»; salesA1 never sees it.
    const a2 = await search('продажи', w.salesA2.token);
    expect(a2.map((r) => r.name)).toEqual(['Продажи Урала']);
    expect((await search('Урала')).length).toBe(0);
    // The team manager sees both sales reps' matches.
    const names = (await search('продажи', w.managerA.token)).map((r) => r.name).sort();
    expect(names).toEqual(['Продажи Сибири', 'Продажи Урала']);
  });

  it('searches deals and contacts too, and refuses q where there is no search', async () => {
    const t = w.salesA1.token;
    const contact = await create('/api/contacts', t, {
      clientId: named.siberia.id,
      name: 'Тимофеева Алёна',
      position: 'Главный бухгалтер',
      phones: ['8-913-000-11-22'],
    });
    for (const q of ['бухгалтера', '+7 913 000 11 22', 'тимофеева']) {
      const res = await server.api(`/api/contacts?q=${encodeURIComponent(q)}`, { token: t });
      expect(ids(res.body.items), q).toContain(contact.id);
    }
    expect(
      (await server.api(`/api/contacts?q=${encodeURIComponent('Тимофеева')}`, { token: w.salesA2.token }))
        .body.items,
    ).toEqual([]);
    expect((await server.api('/api/pipelines?q=x', { token: t })).status).toBe(400);
  });
});
