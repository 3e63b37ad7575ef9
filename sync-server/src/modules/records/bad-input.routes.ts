import { type Body, fx, type Kind, type WriteRoute } from './bad-input.fixtures.ts';

/** The create and update routes as a table for bad-input*.api.test.ts: a valid body per route, the JSON type
 * of each of its fields, the required ones, a length-limited and a free text field, and the record a PATCH
 * hits. */

export interface Resource {
  name: string;
  table: string;
  marker: string;
  create: (i: number) => Body;
  createKinds: Record<string, Kind>;
  required: string[];
  patch: (i: number) => Body;
  patchKinds: Record<string, Kind>;
  limited?: [string, number];
  /** Where injection strings go on PATCH (on POST: the name-like field). */
  text: string;
  /** Key in fx.ids of the record PATCH targets. */
  target: string;
}

let serial = 0;
const n = () => ++serial;
const t = () => fx.tag;
const id = (k: string) => fx.ids[k] as string;
/** `kinds('a b c:arr')`: a and b are strings, c an array. */
const kinds = (spec: string): Record<string, Kind> =>
  Object.fromEntries(spec.split(/\s+/).map((f) => [f.split(':')[0], (f.split(':')[1] ?? 'str') as Kind]));

export const RESOURCES: Resource[] = [
  {
    name: 'clients',
    table: 'clients',
    marker: 'name',
    create: (i) => ({
      name: `Client ${t()} ${i}`,
      kind: 'company',
      status: 'lead',
      source: 'web',
      ownerId: fx.w.admin.id,
      partnerId: fx.w.partnerOrg,
      tags: ['vip'],
      phones: ['+7 (912) 345-67-89'],
      emails: ['info@example.ru'],
      inn: '7707083893',
      kpp: '773601001',
      ogrn: '1027700132195',
      legalName: 'ООО Ромашка',
      address: 'Москва, Тверская 1',
      website: 'https://example.ru',
      description: 'a good client',
      custom: { [fx.budget]: 100_000, [fx.size]: 'm' },
    }),
    createKinds: kinds(
      'name kind status source ownerId partnerId inn kpp ogrn legalName address website description ' +
        'tags:arr phones:arr emails:arr custom:rec',
    ),
    required: ['name'],
    patch: (i) => ({
      name: `Client ${t()} p${i}`,
      status: 'prospect',
      source: 'ads',
      tags: ['b2b'],
      phones: ['8 800 555-35-35'],
      emails: ['sales@example.ru'],
      inn: '500100732259',
      legalName: 'ИП Иванов',
      description: 'patched',
      custom: { [fx.budget]: 5 },
    }),
    patchKinds: kinds('name status inn tags:arr phones:arr emails:arr custom:rec version:num'),
    text: 'description',
    target: 'client',
  },
  {
    name: 'contacts',
    table: 'contacts',
    marker: 'name',
    create: (i) => ({
      clientId: id('client'),
      name: `Contact ${t()} ${i}`,
      position: 'CEO',
      phones: ['+7 900 000-00-00'],
      emails: ['c@example.ru'],
      custom: {},
    }),
    createKinds: kinds('clientId name position phones:arr emails:arr custom:rec'),
    required: ['clientId', 'name'],
    patch: (i) => ({
      name: `Contact ${t()} p${i}`,
      position: 'CTO',
      phones: ['+7 901 000-00-00'],
      emails: ['d@x.ru'],
    }),
    patchKinds: kinds('name position phones:arr emails:arr custom:rec version:num'),
    text: 'position',
    target: 'contact',
  },
  {
    name: 'deals',
    table: 'deals',
    marker: 'title',
    create: (i) => ({
      title: `Deal ${t()} ${i}`,
      clientId: id('client'),
      pipelineId: id('pipeline'),
      stageId: id('stage'),
      amount: 150_000,
      currency: 'RUB',
      ownerId: fx.w.admin.id,
      partnerId: null,
      expectedCloseDate: '2030-01-31',
      custom: {},
    }),
    createKinds: kinds(
      'title clientId pipelineId stageId currency ownerId partnerId expectedCloseDate amount:num custom:rec',
    ),
    required: ['title'],
    patch: (i) => ({
      title: `Deal ${t()} p${i}`,
      amount: 200_000,
      currency: 'USD',
      expectedCloseDate: '2031-02-28',
    }),
    patchKinds: kinds('title clientId stageId currency expectedCloseDate amount:num custom:rec version:num'),
    text: 'title',
    target: 'deal',
  },
  {
    name: 'pipelines',
    table: 'pipelines',
    marker: 'name',
    create: (i) => ({ name: `Pipe ${t()} ${i}`, position: 5, isDefault: false }),
    createKinds: kinds('name position:num isDefault:bool'),
    required: ['name'],
    patch: (i) => ({ name: `Pipe ${t()} p${i}`, position: 6, isDefault: false }),
    patchKinds: kinds('name position:num isDefault:bool version:num'),
    text: 'name',
    target: 'pipeline',
  },
  {
    name: 'stages',
    table: 'stages',
    marker: 'name',
    create: (i) => ({
      pipelineId: id('pipeline'),
      name: `Stage ${t()} ${i}`,
      position: 3,
      color: '#1e88e5',
      isWon: false,
      isLost: false,
    }),
    createKinds: kinds('pipelineId name color position:num isWon:bool isLost:bool'),
    required: ['pipelineId', 'name'],
    patch: (i) => ({
      name: `Stage ${t()} p${i}`,
      position: 4,
      color: '#00ff00',
      isWon: false,
      isLost: false,
    }),
    patchKinds: kinds('name color position:num isWon:bool isLost:bool version:num'),
    text: 'name',
    target: 'stage3',
  },
  {
    name: 'tasks',
    table: 'tasks',
    marker: 'title',
    create: (i) => ({
      title: `Task ${t()} ${i}`,
      description: 'call back',
      clientId: id('client'),
      dealId: id('deal'),
      assigneeId: fx.w.admin.id,
      dueAt: '2030-01-01T10:00:00+03:00',
      remindAt: '2030-01-01T06:00:00Z',
      done: false,
    }),
    createKinds: kinds('title description clientId dealId assigneeId dueAt remindAt done:bool'),
    required: ['title'],
    patch: (i) => ({
      title: `Task ${t()} p${i}`,
      description: 'again',
      dueAt: '2030-02-01T10:00:00Z',
      done: true,
    }),
    patchKinds: kinds('title description assigneeId dueAt done:bool version:num'),
    text: 'description',
    target: 'task',
  },
  {
    name: 'notes',
    table: 'notes',
    marker: 'body',
    create: (i) => ({ body: `Note ${t()} ${i}`, clientId: id('client'), dealId: id('deal') }),
    createKinds: kinds('body clientId dealId'),
    required: ['body'],
    patch: (i) => ({ body: `Note ${t()} p${i}` }),
    patchKinds: kinds('body version:num'),
    limited: ['body', 20_000],
    text: 'body',
    target: 'note',
  },
  {
    name: 'segments',
    table: 'segments',
    marker: 'name',
    create: (i) => ({
      name: `Seg ${t()} ${i}`,
      entity: 'clients',
      filters: { status: 'lead' },
      shared: false,
    }),
    createKinds: kinds('name entity filters:rec shared:bool'),
    required: ['name', 'entity'],
    patch: (i) => ({ name: `Seg ${t()} p${i}`, filters: { status: 'customer' }, shared: true }),
    patchKinds: kinds('name filters:rec shared:bool version:num'),
    text: 'name',
    target: 'segment',
  },
  {
    name: 'custom-fields',
    table: 'custom_fields',
    marker: 'key',
    create: (i) => ({
      entity: 'contacts',
      key: `k_${t()}_${i}`,
      label: `Field ${t()} ${i}`,
      type: 'text',
      options: [],
      required: false,
      position: 1,
    }),
    createKinds: kinds('entity key label type options:arr required:bool position:num'),
    required: ['entity', 'key', 'label', 'type'],
    patch: (i) => ({ label: `Field ${t()} p${i}`, options: ['a', 'b', 'c'], required: false, position: 2 }),
    patchKinds: kinds('label options:arr required:bool position:num version:num'),
    text: 'label',
    target: 'customField',
  },
  {
    name: 'users',
    table: 'users',
    marker: 'email',
    create: (i) => ({
      email: `u${i}.${t()}@test.mak`,
      name: `User ${t()} ${i}`,
      password: 'long-enough-pass',
      role: 'sales',
      teamId: fx.w.teamA,
      partnerId: null,
      locale: 'en',
    }),
    createKinds: kinds('email name password role teamId partnerId locale'),
    required: ['email', 'name', 'password', 'role'],
    patch: (i) => ({
      name: `User ${t()} p${i}`,
      role: 'sales',
      teamId: fx.w.teamB,
      locale: 'ru',
      isActive: true,
    }),
    patchKinds: kinds('name role teamId partnerId locale isActive:bool version:num'),
    text: 'name',
    target: 'user',
  },
  {
    name: 'roles',
    table: 'roles',
    marker: 'key',
    create: (i) => ({
      key: `r_${t()}_${i}`,
      name: `Role ${t()} ${i}`,
      permissions: [{ resource: 'clients', action: 'read', scope: 'own' }],
    }),
    createKinds: kinds('key name permissions:arr'),
    required: ['key', 'name', 'permissions'],
    patch: (i) => ({
      name: `Role ${t()} p${i}`,
      permissions: [{ resource: 'deals', action: 'read', scope: 'team' }],
    }),
    patchKinds: kinds('name permissions:arr version:num'),
    text: 'name',
    target: 'role',
  },
  {
    name: 'partners',
    table: 'partners',
    marker: 'name',
    create: (i) => ({ name: `Partner ${t()} ${i}`, inn: '7707083893' }),
    createKinds: kinds('name inn'),
    required: ['name'],
    patch: (i) => ({ name: `Partner ${t()} p${i}`, inn: '500100732259' }),
    patchKinds: kinds('name inn version:num'),
    text: 'name',
    target: 'partner',
  },
  {
    name: 'teams',
    table: 'teams',
    marker: 'name',
    create: (i) => ({ name: `Team ${t()} ${i}` }),
    createKinds: kinds('name'),
    required: ['name'],
    patch: (i) => ({ name: `Team ${t()} p${i}` }),
    patchKinds: kinds('name version:num'),
    text: 'name',
    target: 'team',
  },
];

/** The name-like field of a create body: where injection strings and the 300-character limit are tried. */
export const nameField = (r: Resource) =>
  ['name', 'title', 'label', 'body'].find((k) => k in r.createKinds) ?? r.text;

export const WRITE_ROUTES: WriteRoute[] = [
  ...RESOURCES.flatMap((r): WriteRoute[] => [
    {
      label: `POST /api/${r.name}`,
      method: 'POST',
      path: () => `/api/${r.name}`,
      table: r.table,
      marker: r.marker,
      body: () => r.create(n()),
      kinds: r.createKinds,
      required: r.required,
      limited: r.limited ?? [nameField(r), 300],
      text: nameField(r),
    },
    {
      label: `PATCH /api/${r.name}/{id}`,
      method: 'PATCH',
      path: () => `/api/${r.name}/${id(r.target)}`,
      body: () => r.patch(n()),
      kinds: r.patchKinds,
      required: [],
      limited: r.limited ?? [nameField(r), 300],
      text: r.text,
      target: () => id(r.target),
      reread: () => `/api/${r.name}/${id(r.target)}`,
    },
  ]),
  {
    label: 'POST /api/auth/login',
    method: 'POST',
    path: () => '/api/auth/login',
    body: () => ({ email: `nobody.${t()}@test.mak`, password: 'not-the-password', totp: '123456' }),
    kinds: kinds('email password totp'),
    required: ['email', 'password'],
    limited: ['email', 254],
    text: 'password',
    anonymous: true,
  },
  {
    label: 'POST /api/auth/password',
    method: 'POST',
    path: () => '/api/auth/password',
    // A wrong current password: should validation ever let a case through, the handler still changes nothing.
    body: () => ({ currentPassword: 'wrong-current-pw', newPassword: 'brand-new-pass-1' }),
    kinds: kinds('currentPassword newPassword'),
    required: ['currentPassword', 'newPassword'],
    limited: ['currentPassword', 200],
    text: 'newPassword',
    target: () => fx.w.admin.id,
    reread: () => `/api/users/${fx.w.admin.id}`,
  },
  {
    label: 'POST /api/auth/2fa/enable',
    method: 'POST',
    path: () => '/api/auth/2fa/enable',
    body: () => ({ code: '123456' }),
    kinds: kinds('code'),
    required: ['code'],
    limited: ['code', 6],
    text: 'code',
    target: () => fx.w.admin.id,
    reread: () => `/api/users/${fx.w.admin.id}`,
  },
];

export function route(label: string): WriteRoute {
  const found = WRITE_ROUTES.find((r) => r.label === label);
  if (!found) throw new Error(`no route ${label}`);
  return found;
}

/** The PATCH route of `name` aimed at another record of the fixtures (fx.ids[key]). */
export const patchOn = (name: string, key: string): WriteRoute => ({
  ...route(`PATCH /api/${name}/{id}`),
  path: () => `/api/${name}/${fx.ids[key]}`,
  target: () => fx.ids[key] as string,
  reread: () => `/api/${name}/${fx.ids[key]}`,
});
