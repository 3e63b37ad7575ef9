import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeWorld, type World } from '../../testing/world.ts';

// biome-ignore lint/suspicious/noExplicitAny: rows as the API answers them
type Row = any;
type Compare = (a: Row, b: Row) => number;

let server: TestServer;
let w: World;
let clients: Row[] = [];
let deals: Row[] = [];
let tasks: Row[] = [];
let salesA2Clients: Row[] = [];
const pipe: { p1: string; p2: string; s1: string; s2: string; s3: string; t1: string } = {
  p1: '',
  p2: '',
  s1: '',
  s2: '',
  s3: '',
  t1: '',
};

const NAMES = [
  'Иванов Иван',
  'иванов иван',
  'Ёлкин Пётр',
  'Елкин Петр',
  'Абрамова Анна',
  'ООО «Альфа»',
  'ООО Альфа',
  'Яковлев Ян',
  'Zebra LLC',
  'alpha ltd',
  'Бета-Групп',
  'Бета Групп',
  'Сидоров С. С.',
  '  Щукин',
  'Эдельвейс',
  '1С-Партнёр',
  'Юрьев',
  'Ярцева Яна',
  'Орлов',
  'орлова',
];
const STATUSES = ['lead', 'prospect', 'customer', 'lost'] as const;
const SOURCES = ['сайт', 'звонок', 'выставка'];

/** A timestamptz as the API prints it ('2026-01-02 03:04:05.12+00') → a key that sorts like the instant. */
function tsKey(ts: string | null): string {
  if (ts === null) return '~'; // after every digit: NULLs sort as infinity
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}(?::?\d{2})?)$/.exec(ts);
  if (!m) throw new Error(`not a timestamp: ${ts}`);
  const [, day, time, frac = '', zone = 'Z'] = m;
  const offset = zone.length === 3 ? `${zone}:00` : zone;
  const ms = Date.parse(`${day}T${time}${offset}`);
  return `${String(ms).padStart(16, '0')}${frac.padEnd(6, '0')}`;
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
/** Ascending by key then id, as the API orders; `desc` flips both like ORDER BY key DESC, id DESC. */
const by =
  (key: (r: Row) => string | number, desc = false): Compare =>
  (a, b) => {
    const c = cmp(key(a), key(b)) || cmp(a.id, b.id);
    return desc ? -c : c;
  };
const ids = (rows: Row[]) => rows.map((r) => r.id as string);
const sortedIds = (rows: Row[], compare: Compare) => ids([...rows].sort(compare));

/** Follows nextCursor from the first page to the last; checks page sizes on the way. */
async function walk(path: string, token: string, limit = 7): Promise<Row[]> {
  const out: Row[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 200; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const url = `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await server.api(url, { token });
    expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(200);
    if (res.body.nextCursor) expect(res.body.items).toHaveLength(limit);
    else expect(res.body.items.length).toBeLessThanOrEqual(limit);
    out.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) return out;
  }
  throw new Error(`${path}: pagination never ends`);
}

/** One unpaginated page: the database's own order (and collation) for text sorts. */
async function single(path: string, token: string): Promise<Row[]> {
  const sep = path.includes('?') ? '&' : '?';
  const res = await server.api(`${path}${sep}limit=200`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.nextCursor).toBeNull();
  return res.body.items;
}

async function create(path: string, token: string, body: unknown): Promise<Row> {
  const res = await server.api(path, { method: 'POST', token, body });
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}

async function inBatches<T>(n: number, fn: (i: number) => Promise<T>, size = 8): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += size) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, j) => fn(i + j)))));
  }
  return out;
}

beforeAll(async () => {
  server = await startTestServer();
  w = await makeWorld(server.database.db);
  const admin = w.admin.token;
  const sales = w.salesA1.token;

  clients = await inBatches(120, (i) =>
    create('/api/clients', sales, {
      name: i < 90 ? `${NAMES[i % NAMES.length]} ${i}` : NAMES[i % 10],
      status: STATUSES[(i * 7) % 4],
      kind: i % 3 === 0 ? 'company' : 'person',
      tags: [...(i % 5 === 0 ? ['vip'] : []), ...(i % 7 === 0 ? ['b2b'] : []), `t${w.tag}`],
      phones: [`+7 900 ${String(1_000_000 + i).slice(1)}`],
      emails: [`c${i}.${w.tag}@example.ru`],
      source: i % 6 === 0 ? null : SOURCES[i % 3],
    }),
  );
  // Edits in a different order than creation, so updated_at order differs from created_at order.
  for (const i of [117, 3, 64, 12, 99, 0, 45]) {
    const res = await server.api(`/api/clients/${clients[i].id}`, {
      method: 'PATCH',
      token: sales,
      body: { description: `edited ${i}` },
    });
    expect(res.status).toBe(200);
    clients[i] = res.body;
  }
  salesA2Clients = await inBatches(3, (i) => create('/api/clients', w.salesA2.token, { name: `Чужой ${i}` }));

  const p1 = await create('/api/pipelines', admin, { name: `Продажи ${w.tag}`, position: 900 });
  const p2 = await create('/api/pipelines', admin, { name: `Партнёры ${w.tag}`, position: 901 });
  pipe.p1 = p1.id;
  pipe.p2 = p2.id;
  pipe.s1 = (await create('/api/stages', admin, { pipelineId: p1.id, name: 'Новая', position: 0 })).id;
  pipe.s2 = (await create('/api/stages', admin, { pipelineId: p1.id, name: 'Переговоры', position: 1 })).id;
  pipe.s3 = (
    await create('/api/stages', admin, { pipelineId: p1.id, name: 'Успех', position: 2, isWon: true })
  ).id;
  pipe.t1 = (await create('/api/stages', admin, { pipelineId: p2.id, name: 'Заявка', position: 0 })).id;
  const stagesOf = [pipe.s1, pipe.s2, pipe.s3];
  deals = await inBatches(40, (i) =>
    create('/api/deals', sales, {
      title: `Сделка ${NAMES[i % NAMES.length]}`,
      clientId: clients[i].id,
      ...(i % 5 === 4
        ? { pipelineId: pipe.p2, stageId: pipe.t1 }
        : { pipelineId: pipe.p1, stageId: stagesOf[i % 3] }),
      amount: (i % 6) * 150_000_00,
      currency: ['RUB', 'RUB', 'USD', 'EUR'][i % 4],
      expectedCloseDate: i % 4 === 1 ? null : `2026-0${1 + (i % 9)}-${String(10 + (i % 3)).padStart(2, '0')}`,
    }),
  );
  tasks = await inBatches(24, (i) =>
    create('/api/tasks', sales, {
      title: `Позвонить ${i}`,
      clientId: clients[i].id,
      dueAt: i % 3 === 0 ? null : `2026-05-${String(1 + (i % 8)).padStart(2, '0')}T09:00:00Z`,
      done: i % 4 === 0,
      ...(i % 5 === 0 ? { assigneeId: w.salesA2.id } : {}),
    }),
  );
});
afterAll(() => server?.stop());

describe('keyset pagination walks every record exactly once, in order', () => {
  const clientSorts: [string, Compare | 'db'][] = [
    ['name', 'db'],
    ['-name', 'db'],
    ['created_at', by((r) => tsKey(r.createdAt))],
    ['-created_at', by((r) => tsKey(r.createdAt), true)],
    ['updated_at', by((r) => tsKey(r.updatedAt))],
    ['status', by((r) => r.status)],
    ['-status', by((r) => r.status, true)],
  ];
  it.each(clientSorts)('clients sort=%s', async (sort, compare) => {
    const walked = await walk(`/api/clients?sort=${sort}`, w.salesA1.token);
    expect(new Set(ids(walked)).size).toBe(walked.length);
    expect([...ids(walked)].sort()).toEqual([...ids(clients)].sort());
    if (compare === 'db') {
      const whole = await single(`/api/clients?sort=${sort}`, w.salesA1.token);
      expect(ids(walked)).toEqual(ids(whole));
      // Equal names (rows 90+ share ten names) are ordered by id, in the sort's direction.
      for (let i = 1; i < walked.length; i++) {
        if (walked[i].name !== walked[i - 1].name) continue;
        expect(cmp(walked[i - 1].id, walked[i].id)).toBe(sort.startsWith('-') ? 1 : -1);
      }
    } else {
      expect(ids(walked)).toEqual(sortedIds(clients, compare));
    }
  });

  const dealSorts: [string, Compare | 'db'][] = [
    ['amount', by((r) => r.amount)],
    ['-amount', by((r) => r.amount, true)],
    ['expected_close_date', by((r) => r.expectedCloseDate ?? '9999-12-31')],
    ['-expected_close_date', by((r) => r.expectedCloseDate ?? '9999-12-31', true)],
    ['created_at', by((r) => tsKey(r.createdAt))],
    ['title', 'db'],
    ['-title', 'db'],
  ];
  it.each(dealSorts)('deals sort=%s', async (sort, compare) => {
    const walked = await walk(`/api/deals?sort=${sort}`, w.salesA1.token);
    expect([...ids(walked)].sort()).toEqual([...ids(deals)].sort());
    const expected =
      compare === 'db'
        ? ids(await single(`/api/deals?sort=${sort}`, w.salesA1.token))
        : sortedIds(deals, compare);
    expect(ids(walked)).toEqual(expected);
  });

  it('deals without an expected close date come last ascending and first descending', async () => {
    const asc = await walk('/api/deals?sort=expected_close_date', w.salesA1.token, 5);
    const nulls = deals.filter((d) => d.expectedCloseDate === null).length;
    expect(nulls).toBeGreaterThan(0);
    expect(asc.slice(-nulls).every((d) => d.expectedCloseDate === null)).toBe(true);
    const desc = await walk('/api/deals?sort=-expected_close_date', w.salesA1.token, 5);
    expect(desc.slice(0, nulls).every((d) => d.expectedCloseDate === null)).toBe(true);
  });

  it.each([
    ['due_at', by((r) => tsKey(r.dueAt))],
    ['-due_at', by((r) => tsKey(r.dueAt), true)],
    ['created_at', by((r) => tsKey(r.createdAt))],
  ] as [string, Compare][])('tasks sort=%s (open-ended due dates last)', async (sort, compare) => {
    const walked = await walk(`/api/tasks?sort=${sort}`, w.salesA1.token);
    expect(ids(walked)).toEqual(sortedIds(tasks, compare));
    if (sort === 'due_at') expect(walked.at(-1)?.dueAt).toBeNull();
  });

  it('every page size walks the same list', async () => {
    const reference = ids(await single('/api/clients?sort=name', w.salesA1.token));
    for (const limit of [1, 13, 119, 120, 200]) {
      expect(ids(await walk('/api/clients?sort=name', w.salesA1.token, limit))).toEqual(reference);
    }
  });

  it('rejects an unknown sort, a forged or mismatched cursor and a limit over 200', async () => {
    const t = w.salesA1.token;
    expect((await server.api('/api/clients?sort=email', { token: t })).body).toMatchObject({
      code: 'validation',
    });
    expect((await server.api('/api/clients?cursor=bm9wZQ', { token: t })).status).toBe(400);
    expect((await server.api('/api/clients?limit=201', { token: t })).status).toBe(400);
    expect((await server.api('/api/clients?status=unknown', { token: t })).status).toBe(400);
    // A cursor issued for one sort, replayed on another whose key type differs: 400, never a 500.
    const byName = await server.api('/api/clients?sort=name&limit=2', { token: t });
    const byAmount = await server.api('/api/deals?sort=amount&limit=2', { token: t });
    for (const [path, cursor] of [
      ['/api/clients?sort=created_at', byName.body.nextCursor],
      ['/api/deals?sort=expected_close_date', byAmount.body.nextCursor],
      ['/api/tasks?sort=due_at', byName.body.nextCursor],
    ]) {
      const res = await server.api(`${path}&cursor=${cursor}`, { token: t });
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.code).toBe('validation');
    }
  });
});

describe('filters', () => {
  const clientFilters: [string, (c: Row) => boolean][] = [
    ['status=lead', (c) => c.status === 'lead'],
    ['status=lead,customer', (c) => ['lead', 'customer'].includes(c.status)],
    ['kind=company', (c) => c.kind === 'company'],
    ['kind=person,company', () => true],
    ['tag=vip', (c) => c.tags.includes('vip')],
    [
      'tag=b2b&status=customer,lost',
      (c) => c.tags.includes('b2b') && ['customer', 'lost'].includes(c.status),
    ],
    [`source=${encodeURIComponent('сайт')}`, (c) => c.source === 'сайт'],
    ['status=prospect&kind=company&sort=name', (c) => c.status === 'prospect' && c.kind === 'company'],
  ];
  it.each(clientFilters)('clients ?%s', async (query, keep) => {
    const expected = clients.filter(keep);
    expect(expected.length).toBeGreaterThan(0);
    const walked = await walk(`/api/clients?${query}`, w.salesA1.token, 4);
    expect([...ids(walked)].sort()).toEqual([...ids(expected)].sort());
  });

  it('ownerId picks one owner within the caller scope and nothing outside it', async () => {
    const mgr = w.managerA.token;
    const a1 = await walk(`/api/clients?ownerId=${w.salesA1.id}`, mgr, 50);
    expect([...ids(a1)].sort()).toEqual([...ids(clients)].sort());
    const a2 = await walk(`/api/clients?ownerId=${w.salesA2.id}`, mgr);
    expect([...ids(a2)].sort()).toEqual([...ids(salesA2Clients)].sort());
    expect((await single(`/api/clients?ownerId=${w.salesA2.id}`, w.salesA1.token)).length).toBe(0);
    expect((await single(`/api/clients?ownerId=${w.salesA1.id}`, w.managerB.token)).length).toBe(0);
  });

  const dealFilters: [() => string, (d: Row) => boolean][] = [
    [() => `pipelineId=${pipe.p2}`, (d) => d.pipelineId === pipe.p2],
    [() => `stageId=${pipe.s2}`, (d) => d.stageId === pipe.s2],
    [() => `pipelineId=${pipe.p1}&stageId=${pipe.s3}`, (d) => d.stageId === pipe.s3],
    [() => 'amountMin=30000000', (d) => d.amount >= 300_000_00],
    [() => 'amountMax=15000000', (d) => d.amount <= 150_000_00],
    [() => 'amountMin=15000000&amountMax=45000000', (d) => d.amount >= 150_000_00 && d.amount <= 450_000_00],
    [() => 'currency=USD', (d) => d.currency === 'USD'],
    [() => 'currency=USD,EUR&sort=-amount', (d) => ['USD', 'EUR'].includes(d.currency)],
  ];
  it.each(dealFilters)('deals ?%s', async (query, keep) => {
    const expected = deals.filter(keep);
    expect(expected.length).toBeGreaterThan(0);
    const walked = await walk(`/api/deals?${query()}`, w.salesA1.token, 4);
    expect([...ids(walked)].sort()).toEqual([...ids(expected)].sort());
  });

  it('a won stage closes its deals', () => {
    for (const d of deals) expect(d.closedAt === null).toBe(d.stageId !== pipe.s3);
  });

  const taskFilters: [() => string, (t: Row) => boolean][] = [
    [() => 'done=true', (t) => t.done],
    [() => 'done=false&sort=-due_at', (t) => !t.done],
    [() => `assigneeId=${w.salesA2.id}`, (t) => t.assigneeId === w.salesA2.id],
    [() => `assigneeId=${w.salesA1.id}&done=false`, (t) => t.assigneeId === w.salesA1.id && !t.done],
    [
      () => `dueBefore=${encodeURIComponent('2026-05-04T09:00:00Z')}`,
      (t) => t.dueAt !== null && tsKey(t.dueAt) < tsKey('2026-05-04 09:00:00+00'),
    ],
    [
      () => `dueBefore=${encodeURIComponent('2026-05-04T12:00:00+03:00')}&done=false`,
      (t) => !t.done && /2026-05-0[1-3]/.test(t.dueAt),
    ],
  ];
  it.each(taskFilters)('tasks ?%s', async (query, keep) => {
    const expected = tasks.filter(keep);
    expect(expected.length).toBeGreaterThan(0);
    const walked = await walk(`/api/tasks?${query()}`, w.salesA1.token, 3);
    expect([...ids(walked)].sort()).toEqual([...ids(expected)].sort());
  });
});

describe('deleted=exclude|include|only', () => {
  it('hides soft-deleted records by default, shows them on request, and restores them', async () => {
    const gone = [5, 17, 33, 64, 118].map((i) => clients[i].id as string);
    for (const id of gone) {
      expect(
        (await server.api(`/api/clients/${id}`, { method: 'DELETE', token: w.managerA.token })).status,
      ).toBe(200);
    }
    const t = w.salesA1.token;
    const all = ids(clients).sort();
    const kept = all.filter((id) => !gone.includes(id));
    expect(ids(await walk('/api/clients', t)).sort()).toEqual(kept);
    expect(ids(await walk('/api/clients?deleted=exclude&sort=name', t)).sort()).toEqual(kept);
    expect(ids(await walk('/api/clients?deleted=include&sort=name', t)).sort()).toEqual(all);
    const only = await walk('/api/clients?deleted=only&sort=created_at', t, 2);
    expect(ids(only)).toEqual(
      sortedIds(
        clients.filter((c) => gone.includes(c.id)),
        by((r) => tsKey(r.createdAt)),
      ),
    );
    expect(only.every((c) => c.deletedAt !== null)).toBe(true);
    // Filters apply to deleted rows as well.
    const vipGone = clients.filter((c) => gone.includes(c.id) && c.tags.includes('vip'));
    expect(ids(await walk('/api/clients?deleted=only&tag=vip', t)).sort()).toEqual(ids(vipGone).sort());

    expect(
      (await server.api(`/api/clients/${gone[0]}/restore`, { method: 'POST', token: w.managerA.token }))
        .status,
    ).toBe(200);
    expect(ids(await walk('/api/clients?deleted=only', t)).sort()).toEqual(gone.slice(1).sort());
    expect((await walk('/api/clients', t)).length).toBe(kept.length + 1);
    expect((await server.api('/api/clients?deleted=maybe', { token: t })).status).toBe(400);
  });
});
