import { type Attempt, fx, MISSING_ID, type WriteRoute } from './bad-input.fixtures.ts';
import { patchOn, route, WRITE_ROUTES } from './bad-input.routes.ts';

/** The hand-written rows of bad-input-2.api.test.ts: references to missing records, domain rules and
 * 401/403/409. Each row is (case, route, attempt); the attempt's body is the route's valid one plus a
 * change. */

export type Row = [string, () => WriteRoute, () => Attempt];

/** Rows of (case, route, attempt): the attempt adds to the route's valid body and names the expected fields.
 */
const refuse = (
  label: string,
  cases: [string, () => Record<string, unknown>, number, (() => string[]) | string[]][],
): Row[] =>
  cases.map(([name, patch, status, fields]) => [
    `${label}: ${name}`,
    () => route(label),
    () => ({
      body: { ...route(label).body(), ...patch() },
      status,
      fields: typeof fields === 'function' ? fields() : fields,
    }),
  ]);
const ids = () => fx.ids;
const tagged = (k: string) => `${k}_${fx.tag}`;

export const REFERENCE_CASES: Row[] = [
  ...refuse('POST /api/deals', [
    ['random pipelineId', () => ({ pipelineId: MISSING_ID }), 400, ['pipelineId']],
    ['random stageId', () => ({ stageId: MISSING_ID }), 400, ['stageId']],
    ['random stageId, no pipeline', () => ({ pipelineId: undefined, stageId: MISSING_ID }), 400, ['stageId']],
    ['stage of another pipeline', () => ({ stageId: ids().stage2 }), 400, ['stageId']],
    ['random clientId', () => ({ clientId: MISSING_ID }), 400, ['clientId']],
    ['deleted client', () => ({ clientId: ids().deletedClient }), 400, ['clientId']],
    ['random ownerId', () => ({ ownerId: MISSING_ID }), 400, ['ownerId']],
    ['random partnerId', () => ({ partnerId: MISSING_ID }), 400, ['partnerId']],
  ]),
  ...refuse('PATCH /api/deals/{id}', [
    ['random stageId', () => ({ stageId: MISSING_ID }), 400, ['stageId']],
    ['random pipelineId', () => ({ pipelineId: MISSING_ID }), 400, ['pipelineId']],
    [
      'stage of another pipeline',
      () => ({ pipelineId: ids().pipeline, stageId: ids().stage2 }),
      400,
      ['stageId'],
    ],
    ['random clientId', () => ({ clientId: MISSING_ID }), 400, ['clientId']],
    ['random ownerId', () => ({ ownerId: MISSING_ID }), 400, ['ownerId']],
  ]),
  ...refuse('POST /api/contacts', [
    ['random clientId', () => ({ clientId: MISSING_ID }), 400, ['clientId']],
    ['deleted client', () => ({ clientId: ids().deletedClient }), 400, ['clientId']],
  ]),
  ...refuse('POST /api/stages', [
    ['random pipelineId', () => ({ pipelineId: MISSING_ID }), 400, ['pipelineId']],
  ]),
  ...refuse('POST /api/tasks', [
    ['random clientId', () => ({ clientId: MISSING_ID }), 400, ['clientId']],
    ['deleted client', () => ({ clientId: ids().deletedClient }), 400, ['clientId']],
    ['random dealId', () => ({ dealId: MISSING_ID }), 400, ['dealId']],
    ['random assigneeId', () => ({ assigneeId: MISSING_ID }), 400, ['assigneeId']],
  ]),
  ...refuse('PATCH /api/tasks/{id}', [
    ['random clientId', () => ({ clientId: MISSING_ID }), 400, ['clientId']],
    ['random dealId', () => ({ dealId: MISSING_ID }), 400, ['dealId']],
    ['random assigneeId', () => ({ assigneeId: MISSING_ID }), 400, ['assigneeId']],
  ]),
  ...refuse('POST /api/notes', [
    ['random clientId', () => ({ clientId: MISSING_ID }), 400, ['clientId']],
    ['random dealId', () => ({ dealId: MISSING_ID }), 400, ['dealId']],
    ['neither client nor deal', () => ({ clientId: null, dealId: null }), 400, ['clientId']],
  ]),
  ...refuse('POST /api/clients', [
    ['random ownerId', () => ({ ownerId: MISSING_ID }), 400, ['ownerId']],
    ['random partnerId', () => ({ partnerId: MISSING_ID }), 400, ['partnerId']],
  ]),
  ...refuse('PATCH /api/clients/{id}', [
    ['random ownerId', () => ({ ownerId: MISSING_ID }), 400, ['ownerId']],
    ['random partnerId', () => ({ partnerId: MISSING_ID }), 400, ['partnerId']],
  ]),
  ...refuse('POST /api/users', [
    ['random teamId', () => ({ teamId: MISSING_ID }), 400, ['teamId']],
    ['random partnerId', () => ({ partnerId: MISSING_ID }), 400, ['partnerId']],
    ['unknown role', () => ({ role: 'nope' }), 400, ['role']],
  ]),
  ...refuse('PATCH /api/users/{id}', [
    ['random teamId', () => ({ teamId: MISSING_ID }), 400, ['teamId']],
    ['unknown role', () => ({ role: 'nope' }), 400, ['role']],
  ]),
];

export const DOMAIN_CASES: Row[] = [
  ...refuse('POST /api/clients', [
    ['INN with wrong check digits (10)', () => ({ inn: '7707083890' }), 400, ['inn']],
    ['INN with wrong check digits (12)', () => ({ inn: '500100732250' }), 400, ['inn']],
    ['INN of 11 digits', () => ({ inn: '77070838931' }), 400, ['inn']],
    ['KPP of 8 digits', () => ({ kpp: '77360100' }), 400, ['kpp']],
    ['OGRN of 12 digits', () => ({ ogrn: '102770013219' }), 400, ['ogrn']],
    ['a phone with letters', () => ({ phones: ['+7 9I2 ABC-DE-FG'] }), 400, ['phones.0']],
    ['a second phone with letters', () => ({ phones: ['+7 912 345-67-89', 'call me'] }), 400, ['phones.1']],
    ['a phone of 3 digits', () => ({ phones: ['123'] }), 400, ['phones.0']],
    ['an invalid e-mail', () => ({ emails: ['not-an-email'] }), 400, ['emails.0']],
    ['a second invalid e-mail', () => ({ emails: ['a@b.ru', 'x@'] }), 400, ['emails.1']],
    ['an empty tag', () => ({ tags: ['  '] }), 400, ['tags.0']],
    ['kind robot', () => ({ kind: 'robot' }), 400, ['kind']],
    ['status weird', () => ({ status: 'weird' }), 400, ['status']],
    [
      'money custom field as text',
      () => ({ custom: { [fx.budget]: 'a lot' } }),
      400,
      () => [`custom.${fx.budget}`],
    ],
    [
      'money custom field as a float',
      () => ({ custom: { [fx.budget]: 10.5 } }),
      400,
      () => [`custom.${fx.budget}`],
    ],
    [
      'select custom field off its options',
      () => ({ custom: { [fx.size]: 'huge' } }),
      400,
      () => [`custom.${fx.size}`],
    ],
    [
      'select custom field as a number',
      () => ({ custom: { [fx.size]: 3 } }),
      400,
      () => [`custom.${fx.size}`],
    ],
    [
      'an unknown custom key',
      () => ({ custom: { [tagged('nope')]: 1 } }),
      400,
      () => [`custom.${tagged('nope')}`],
    ],
  ]),
  ...refuse('PATCH /api/clients/{id}', [
    ['INN with wrong check digits', () => ({ inn: '7707083890' }), 400, ['inn']],
    ['a phone with letters', () => ({ phones: ['abc'] }), 400, ['phones.0']],
    ['an invalid e-mail', () => ({ emails: ['@x'] }), 400, ['emails.0']],
    [
      'money custom field as a float',
      () => ({ custom: { [fx.budget]: 10.5 } }),
      400,
      () => [`custom.${fx.budget}`],
    ],
    [
      'an unknown custom key',
      () => ({ custom: { [tagged('nope')]: 'x' } }),
      400,
      () => [`custom.${tagged('nope')}`],
    ],
  ]),
  ...refuse('POST /api/contacts', [
    ['a phone with letters', () => ({ phones: ['phone: 123-45'] }), 400, ['phones.0']],
    ['an invalid e-mail', () => ({ emails: ['a@@b.ru'] }), 400, ['emails.0']],
    [
      'an unknown custom key',
      () => ({ custom: { [tagged('nope')]: 1 } }),
      400,
      () => [`custom.${tagged('nope')}`],
    ],
  ]),
  ...refuse('POST /api/deals', [
    ['amount 10.5', () => ({ amount: 10.5 }), 400, ['amount']],
    ['amount -1', () => ({ amount: -1 }), 400, ['amount']],
    ['amount 1e16', () => ({ amount: 1e16 }), 400, ['amount']],
    ['currency XXX', () => ({ currency: 'XXX' }), 400, ['currency']],
    ['expectedCloseDate 2030-02-30', () => ({ expectedCloseDate: '2030-02-30' }), 400, ['expectedCloseDate']],
    ['expectedCloseDate 31.01.2030', () => ({ expectedCloseDate: '31.01.2030' }), 400, ['expectedCloseDate']],
    [
      'select custom field off its options',
      () => ({ custom: { [`cfp_${fx.tag}`]: 'z' } }),
      400,
      () => [`custom.cfp_${fx.tag}`],
    ],
  ]),
  ...refuse('PATCH /api/deals/{id}', [['amount 10.5', () => ({ amount: 10.5 }), 400, ['amount']]]),
  ...refuse('POST /api/stages', [
    ['both isWon and isLost', () => ({ isWon: true, isLost: true }), 400, ['isLost']],
    ['color red', () => ({ color: 'red' }), 400, ['color']],
    ['position -1', () => ({ position: -1 }), 400, ['position']],
    ['position 1.5', () => ({ position: 1.5 }), 400, ['position']],
  ]),
  ...refuse('PATCH /api/stages/{id}', [
    ['both isWon and isLost', () => ({ isWon: true, isLost: true }), 400, ['isLost']],
  ]),
  ...refuse('POST /api/pipelines', [['position 10001', () => ({ position: 10_001 }), 400, ['position']]]),
  ...refuse('POST /api/tasks', [
    ['dueAt tomorrow', () => ({ dueAt: 'tomorrow' }), 400, ['dueAt']],
    ['dueAt without an offset', () => ({ dueAt: '2030-01-01T10:00:00' }), 400, ['dueAt']],
    ['remindAt a date only', () => ({ remindAt: '2030-01-01' }), 400, ['remindAt']],
  ]),
  ...refuse('POST /api/notes', [['an empty body', () => ({ body: '' }), 400, ['body']]]),
  ...refuse('POST /api/segments', [
    ['entity weird', () => ({ entity: 'weird' }), 400, ['entity']],
    ['a nested filter object', () => ({ filters: { status: { $ne: 'lead' } } }), 400, ['filters.status']],
  ]),
  ...refuse('POST /api/custom-fields', [
    ['a select without options', () => ({ type: 'select', options: [] }), 400, ['options']],
    ['key with spaces', () => ({ key: 'Bad Key' }), 400, ['key']],
    ['type nope', () => ({ type: 'nope' }), 400, ['type']],
    ['entity tasks', () => ({ entity: 'tasks' }), 400, ['entity']],
    ['a key that exists', () => ({ entity: 'clients', key: fx.budget }), 409, []],
  ]),
  ...refuse('PATCH /api/custom-fields/{id}', [
    ['a select left without options', () => ({ options: [] }), 400, ['options']],
  ]),
  ...refuse('POST /api/users', [
    ['e-mail without @', () => ({ email: 'nope' }), 400, ['email']],
    ['password of 5 characters', () => ({ password: 'short' }), 400, ['password']],
    ['locale de', () => ({ locale: 'de' }), 400, ['locale']],
    ['an e-mail that exists', () => ({ email: fx.w.salesA1.email.toUpperCase() }), 409, ['email']],
  ]),
  ...refuse('POST /api/roles', [
    [
      'an unknown resource',
      () => ({ permissions: [{ resource: 'nope', action: 'read', scope: 'all' }] }),
      400,
      ['permissions.0.resource'],
    ],
    [
      'a grant listed twice',
      () => ({
        permissions: [
          { resource: 'deals', action: 'read', scope: 'all' },
          { resource: 'deals', action: 'read', scope: 'own' },
        ],
      }),
      400,
      ['permissions'],
    ],
    [
      'an extra key in a grant',
      () => ({ permissions: [{ resource: 'deals', action: 'read', scope: 'all', x: 1 }] }),
      400,
      ['permissions.0.x'],
    ],
    ['key Admin!', () => ({ key: 'Admin!' }), 400, ['key']],
    ['a key that exists', () => ({ key: `r_${fx.tag}_main` }), 409, ['key']],
  ]),
  ...refuse('POST /api/teams', [['a blank name', () => ({ name: '   ' }), 400, ['name']]]),
  ...refuse('POST /api/partners', [
    ['INN with wrong check digits', () => ({ inn: '7707083894' }), 400, ['inn']],
  ]),
  ...refuse('PATCH /api/partners/{id}', [['INN with letters', () => ({ inn: '77070838AB' }), 400, ['inn']]]),
  ...refuse('POST /api/auth/login', [
    ['e-mail without @', () => ({ email: 'admin' }), 400, ['email']],
    ['an empty password', () => ({ password: '' }), 400, ['password']],
  ]),
  ...refuse('POST /api/auth/password', [
    ['a new password of 5 characters', () => ({ newPassword: 'short' }), 400, ['newPassword']],
  ]),
  ...refuse('POST /api/auth/2fa/enable', [
    ['letters', () => ({ code: 'abcdef' }), 400, ['code']],
    ['five digits', () => ({ code: '12345' }), 400, ['code']],
  ]),
  [
    `PATCH a won stage with isLost`,
    () => patchOn('stages', 'wonStage'),
    () => ({ body: { isLost: true }, status: 400, fields: ['isLost'] }),
  ],
  [
    `PATCH myself to another role`,
    () => patchOn('users', 'me'),
    () => ({ body: { role: 'sales' }, status: 403 }),
  ],
];

const records = WRITE_ROUTES.filter((r) => !r.label.startsWith('POST /api/auth'));
export const STATUS_CASES: Row[] = [
  ...records.map(
    (r): Row => [
      `${r.label} without a session → 401`,
      () => r,
      () => ({ body: r.body(), token: undefined, status: 401 }),
    ],
  ),
  ...records.map(
    (r): Row => [
      `${r.label} with a made-up token → 401`,
      () => r,
      () => ({ body: r.body(), token: 'x'.repeat(43), status: 401 }),
    ],
  ),
  ...['POST /api/auth/password', 'POST /api/auth/2fa/enable'].map(
    (l): Row => [
      `${l} without a session → 401`,
      () => route(l),
      () => ({ body: route(l).body(), token: undefined, status: 401 }),
    ],
  ),
  ...records
    .filter((r) => /users|roles|teams|partners|custom-fields|pipelines|stages/.test(r.label))
    .map(
      (r): Row => [
        `${r.label} as a sales rep → 403`,
        () => r,
        () => ({ body: r.body(), token: fx.w.salesA1.token, status: 403 }),
      ],
    )
    // A sales rep sees only the team's users: PATCH one of them (403), an invisible one is 404 like any
    // other.
    .map(
      (row): Row =>
        row[0].startsWith('PATCH /api/users') ? [row[0], () => patchOn('users', 'salesA2'), row[2]] : row,
    ),
  [
    `PATCH a user outside the team as a sales rep → 404`,
    () => route('PATCH /api/users/{id}'),
    () => ({ body: { name: 'x' }, token: fx.w.salesA1.token, status: 404 }),
  ],
  [
    `PATCH another's client as a sales rep → 404`,
    () => route('PATCH /api/clients/{id}'),
    () => ({ body: { name: 'x' }, token: fx.w.salesA1.token, status: 404 }),
  ],
  ...records
    .filter((r) => r.method === 'PATCH')
    .flatMap((r): Row[] => [
      [
        `${r.label} with a stale body version → 409`,
        () => r,
        () => ({ body: { ...r.body(), version: 999 }, status: 409 }),
      ],
      ...(r.label.includes('/roles/')
        ? []
        : ([
            [
              `${r.label} with a stale If-Match → 409`,
              () => r,
              () => ({ body: r.body(), headers: { 'if-match': '"999"' }, status: 409 }),
            ],
            [
              `${r.label} with If-Match garbage → 400`,
              () => r,
              () => ({ body: r.body(), headers: { 'if-match': 'abc' }, status: 400, fields: ['if-match'] }),
            ],
          ] as Row[])),
    ]),
];
