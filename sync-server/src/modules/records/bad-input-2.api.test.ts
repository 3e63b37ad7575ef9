import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db.ts';
import { DOMAIN_CASES, REFERENCE_CASES, type Row, STATUS_CASES } from './bad-input.cases.ts';
import {
  admin,
  expectError,
  fx,
  INJECTIONS,
  MISSING_ID,
  rejected,
  seen,
  setup,
  teardown,
} from './bad-input.fixtures.ts';
import { nameField, RESOURCES, route } from './bad-input.routes.ts';

/**
 * Bad input, part 2: injection and markup strings are data (stored and returned verbatim), bad path and query
 * parameters, references to records that do not exist, domain rules (INN, phones, e-mails, money, custom
 * fields, stage outcome), and 401 / 403 / 409 (rows in bad-input.cases.ts). Every refusal is checked for the
 * error shape and for having written nothing; the last test asserts the server never answered 5xx. Part 1:
 * bad-input.api.test.ts.
 */

beforeAll(async () => {
  await setup();
});
afterAll(() => teardown());

let generated = 0;

describe('injection and markup strings are stored verbatim', () => {
  const made = new Map<string, string>();
  const rows = RESOURCES.flatMap((r) =>
    INJECTIONS.flatMap(
      (s) =>
        [
          [`POST /api/${r.name} ${nameField(r)} = ${s}`, r, nameField(r), s, 'POST'],
          [`PATCH /api/${r.name}/{id} ${r.text} = ${s}`, r, r.text, s, 'PATCH'],
        ] as const,
    ),
  );
  generated += rows.length;
  it.each(rows)('%s', async (_name, r, field, s, method) => {
    const path = method === 'POST' ? `/api/${r.name}` : `/api/${r.name}/${fx.ids[r.target]}`;
    const body =
      method === 'POST' ? { ...r.create(Math.floor(Math.random() * 1e9)), [field]: s } : { [field]: s };
    const res = await admin(method, path, body);
    expect(res.status, JSON.stringify(res.body)).toBe(method === 'POST' ? 201 : 200);
    const again = await admin('GET', `/api/${r.name}/${res.body.id}`);
    expect(again.body[field]).toBe(s);
    if (r.name === 'clients' && method === 'POST') made.set(s, res.body.id);
  });

  const clientFields = ['name', 'source', 'legalName', 'address', 'website', 'description'];
  generated += INJECTIONS.length * 2 + 1;
  it.each(INJECTIONS)('every text field of a client = %s', async (s) => {
    const res = await admin('POST', '/api/clients', {
      ...Object.fromEntries(clientFields.map((f) => [f, s])),
      tags: [s],
    });
    expect(res.status).toBe(201);
    const { body } = await admin('GET', `/api/clients/${res.body.id}`);
    for (const f of clientFields) expect(body[f]).toBe(s);
    expect(body.tags).toEqual([s]);
  });
  it.each(INJECTIONS)('searching clients for %s is a search, not SQL', async (s) => {
    const res = await admin(
      'GET',
      `/api/clients?ownerId=${fx.w.admin.id}&limit=200&q=${encodeURIComponent(s)}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toContain(made.get(s));
  });
  it('the tables still exist afterwards', async () => {
    for (const r of RESOURCES) expect((await admin('GET', `/api/${r.name}`)).status).toBe(200);
    const [row] = rowsOf<{ n: string }>(
      await fx.server.database.db.execute(sql`select count(*) as n from clients`),
    );
    expect(Number(row?.n)).toBeGreaterThan(INJECTIONS.length);
  });
});

describe('path parameters', () => {
  const ops = (name: string) =>
    [
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ...(name === 'roles' ? [] : [['POST', '/restore'] as const, ['GET', '/history'] as const]),
    ] as const;
  const BAD_IDS = ['not-a-uuid', "1' or '1'='1", '01900000-0000-7000-8000-00000000000g'];
  const rows = RESOURCES.flatMap((r) =>
    ops(r.name).flatMap(([method, suffix]) => [
      ...BAD_IDS.map(
        (bad) =>
          [
            `${method} /api/${r.name}/${bad}${suffix} → 400 id`,
            r.name,
            method,
            `${encodeURIComponent(bad)}${suffix}`,
            400,
          ] as const,
      ),
      [
        `${method} /api/${r.name}/<unknown uuid>${suffix} → 404`,
        r.name,
        method,
        `${MISSING_ID}${suffix}`,
        404,
      ] as const,
    ]),
  );
  generated += rows.length;
  it.each(rows)('%s', async (_name, name, method, tail, status) => {
    // Guarded like a PATCH of the fixture record: whatever the method, it must stay as it was.
    const write = route(`PATCH /api/${name}/{id}`);
    const res = await rejected(
      { ...write, method: method as 'PATCH' },
      {
        path: `/api/${name}/${tail}`,
        body: method === 'PATCH' ? write.body() : undefined,
        status,
        fields: status === 400 ? ['id'] : [],
      },
    );
    if (status === 404) expect(res.body.code).toBe('not_found');
  });
});

describe('query strings', () => {
  /** A sort of each list whose key is not text, so a forged cursor key cannot be cast. */
  const typedSort: Record<string, string> = {
    clients: 'created_at',
    contacts: 'created_at',
    deals: 'amount',
    pipelines: 'position',
    stages: 'position',
    tasks: 'due_at',
    notes: 'created_at',
    segments: 'created_at',
    'custom-fields': 'position',
    users: 'created_at',
  };
  const searchable = ['clients', 'contacts', 'deals', 'tasks', 'notes'];
  const forged = Buffer.from(JSON.stringify({ k: 'zzz', id: MISSING_ID })).toString('base64url');
  const specific: Record<string, [string, string][]> = {
    clients: [
      ['status=weird', 'status'],
      ['kind=robot', 'kind'],
      ['ownerId=nope', 'ownerId'],
      ['partnerId=1', 'partnerId'],
      [`tag=${'t'.repeat(51)}`, 'tag'],
    ],
    contacts: [['clientId=nope', 'clientId']],
    deals: [
      ['currency=XXX', 'currency'],
      ['amountMin=abc', 'amountMin'],
      ['amountMax=-5', 'amountMax'],
      ['stageId=1', 'stageId'],
      ['pipelineId=x', 'pipelineId'],
    ],
    stages: [['pipelineId=nope', 'pipelineId']],
    tasks: [
      ['done=maybe', 'done'],
      ['dueBefore=tomorrow', 'dueBefore'],
      ['dueFrom=2030-13-01', 'dueFrom'],
      ['assigneeId=me', 'assigneeId'],
    ],
    notes: [
      ['clientId=x', 'clientId'],
      ['dealId=y', 'dealId'],
    ],
    segments: [['entity=weird', 'entity']],
    'custom-fields': [['entity=tasks', 'entity']],
    users: [
      ['teamId=nope', 'teamId'],
      ['roleId=admin', 'roleId'],
    ],
  };
  const common: [string, string][] = [
    ['limit=0', 'limit'],
    ['limit=1000', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['sort=nope', 'sort'],
    ['sort=-nope', 'sort'],
    ['cursor=garbage', 'cursor'],
    ['deleted=maybe', 'deleted'],
    ['unknownParam=1', 'unknownParam'],
    [`q=${'q'.repeat(201)}`, 'q'],
  ];
  const rows: [string, string][] = [
    ...RESOURCES.filter((r) => r.name !== 'roles').flatMap((r) =>
      [
        ...common,
        ...(typedSort[r.name]
          ? [[`sort=${typedSort[r.name]}&cursor=${forged}`, 'cursor'] as [string, string]]
          : []),
        // A NUL cannot reach the database; lists without search columns refuse q outright.
        (searchable.includes(r.name) ? ['q=a%00b', 'q'] : ['q=x', 'q']) as [string, string],
        ...(specific[r.name] ?? []),
      ].map(([qs, field]): [string, string] => [`/api/${r.name}?${qs}`, field]),
    ),
    ['/api/roles?unknownParam=1', 'unknownParam'],
  ];
  generated += rows.length + 1;
  it.each(rows)('GET %s → 400', async (path, field) => {
    expectError(await admin('GET', path), 400, [field]);
  });
  it('well-formed parameters are accepted (control)', async () => {
    for (const [name, sort] of Object.entries(typedSort)) {
      const query = `limit=1&sort=-${sort}&deleted=include`;
      const res = await admin('GET', `/api/${name}?${query}`);
      expect(res.status, name).toBe(200);
      if (res.body.nextCursor) {
        expect((await admin('GET', `/api/${name}?${query}&cursor=${res.body.nextCursor}`)).status).toBe(200);
      }
    }
  });
});

const table = (title: string, rows: Row[]) => {
  generated += rows.length;
  describe(title, () => {
    it.each(rows)('%s', async (_name, r, attempt) => {
      await rejected(r(), attempt());
    });
  });
};
table('references to records that do not exist', REFERENCE_CASES);
table('domain rules', DOMAIN_CASES);
table('401, 403 and 409', STATUS_CASES);

describe('the whole file', () => {
  it('ran the generated cases and the server never answered 5xx', () => {
    expect(generated).toBeGreaterThan(300);
    expect(seen.filter((s) => s.status >= 500)).toEqual([]);
    expect(seen.length).toBeGreaterThan(generated);
  });
});
