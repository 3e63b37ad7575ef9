import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeWorld, type World } from '../../testing/world.ts';

/**
 * The RBAC matrix for reference data (pipelines, stages, custom fields, teams, roles), users and segments, the
 * unauthenticated table over every route, and a custom role. Expectations are written by hand from the rules.
 */

type Actor = 'admin' | 'managerA' | 'salesA1' | 'partner';
const ACTORS: Actor[] = ['admin', 'managerA', 'salesA1', 'partner'];

let server: TestServer;
let w: World;
const fx = {} as Record<
  'pipelines' | 'stages' | 'custom-fields' | 'teams' | 'role' | 'private' | 'shared',
  string
>;

async function post(path: string, token: string, body: unknown): Promise<string> {
  const res = await server.api(path, { method: 'POST', token, body });
  expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(201);
  return res.body.id;
}

/** Every id of a list, following the cursor: the shared database may hold more than one page. */
async function listIds(path: string, token: string): Promise<{ status: number; ids: string[] }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await server.api(
      `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token },
    );
    if (res.status !== 200) return { status: res.status, ids };
    ids.push(...res.body.items.map((row: { id: string }) => row.id));
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  return { status: 200, ids };
}

beforeAll(async () => {
  server = await startTestServer();
  w = await makeWorld(server.database.db);
  const admin = w.admin.token;
  fx.pipelines = await post('/api/pipelines', admin, { name: `RBAC ref ${w.tag}`, position: 10_000 });
  fx.stages = await post('/api/stages', admin, { pipelineId: fx.pipelines, name: 'New' });
  const field = { entity: 'deals', key: `rbac_${w.tag}`, label: 'RBAC', type: 'text' };
  fx['custom-fields'] = await post('/api/custom-fields', admin, field);
  fx.teams = await post('/api/teams', admin, { name: `RBAC team ${w.tag}` });
  fx.role = await post('/api/roles', admin, { key: `rbac_${w.tag}`, name: 'RBAC role', permissions: [] });
  const seg = (name: string, shared: boolean) => ({ name: `${name} ${w.tag}`, entity: 'clients', shared });
  fx.private = await post('/api/segments', w.salesA1.token, seg('private', false));
  fx.shared = await post('/api/segments', w.salesA1.token, seg('shared', true));
});
afterAll(() => server?.stop());

// ---- pipelines, stages, custom fields, teams: readable by the staff, written by admin only ---------------------
type RefRes = 'pipelines' | 'stages' | 'custom-fields' | 'teams';
type RefAction = 'list' | 'get' | 'create' | 'update' | 'delete';
const REF_RES: RefRes[] = ['pipelines', 'stages', 'custom-fields', 'teams'];
const REF_ACTIONS: RefAction[] = ['list', 'get', 'create', 'update', 'delete'];
/** Partners read pipelines, stages and custom fields (they create deals); teams are a staff matter, not asserted. */
const REF_READERS: Record<RefRes, Actor[]> = {
  pipelines: ACTORS,
  stages: ACTORS,
  'custom-fields': ACTORS,
  teams: ['admin', 'managerA', 'salesA1'],
};
const REF_CASES = REF_RES.flatMap((res) =>
  REF_READERS[res].flatMap((actor) =>
    REF_ACTIONS.map((action) => {
      const ok = action === 'list' || action === 'get' || actor === 'admin';
      const status = ok ? { list: 200, get: 200, create: 201, update: 200, delete: 200 }[action] : 403;
      return { res, actor, action, status };
    }),
  ),
);

const n = () => Math.random().toString(36).slice(2, 8);
const REF_CREATE: Record<RefRes, () => Record<string, unknown>> = {
  pipelines: () => ({ name: `RBAC ref ${w.tag} ${n()}`, position: 10_000 }),
  stages: () => ({ pipelineId: fx.pipelines, name: `Stage ${n()}`, position: 5 }),
  'custom-fields': () => ({
    entity: 'deals',
    key: `rbac_${w.tag}_${n()}`,
    label: 'RBAC extra',
    type: 'text',
  }),
  teams: () => ({ name: `RBAC team ${w.tag} ${n()}` }),
};
const REF_PATCH: Record<RefRes, Record<string, unknown>> = {
  pipelines: { name: `RBAC ref renamed` },
  stages: { color: '#1e88e5' },
  'custom-fields': { label: 'RBAC relabelled' },
  teams: { name: 'RBAC team renamed' },
};

describe('RBAC matrix: reference data', () => {
  it.each(REF_CASES)('$actor $action $res → $status', async ({ res, actor, action, status }) => {
    const token = w[actor].token;
    const id = fx[res];
    if (action === 'list') {
      const list = await listIds(`/api/${res}`, token);
      expect(list.status).toBe(status);
      expect(list.ids).toContain(id);
      return;
    }
    const path = action === 'create' ? `/api/${res}` : `/api/${res}/${id}`;
    const method = { get: 'GET', create: 'POST', update: 'PATCH', delete: 'DELETE' }[action];
    const body = action === 'create' ? REF_CREATE[res]() : action === 'update' ? REF_PATCH[res] : undefined;
    const out = await server.api(path, { method, token, body });
    expect(out.status, JSON.stringify(out.body)).toBe(status);
    if (action === 'delete' && out.status === 200) {
      expect(
        (await server.api(`/api/${res}/${id}/restore`, { method: 'POST', token: w.admin.token })).status,
      ).toBe(200);
    }
  });
});

// ---- roles: admin and managers read, only admin writes ---------------------------------------------------------
const ROLE_READERS: Actor[] = ['admin', 'managerA'];
const ROLE_CASES = ACTORS.flatMap((actor) =>
  (['list', 'get', 'create', 'update', 'delete'] as const).map((action) => {
    const ok = actor === 'admin' || (ROLE_READERS.includes(actor) && (action === 'list' || action === 'get'));
    return { actor, action, status: ok ? (action === 'create' ? 201 : 200) : 403 };
  }),
);

describe('RBAC matrix: roles', () => {
  it.each(ROLE_CASES)('$actor $action roles → $status', async ({ actor, action, status }) => {
    const token = w[actor].token;
    let res: Awaited<ReturnType<TestServer['api']>>;
    if (action === 'list') res = await server.api('/api/roles', { token });
    else if (action === 'get') res = await server.api(`/api/roles/${fx.role}`, { token });
    else if (action === 'create') {
      const body = { key: `rbac_${w.tag}_${n()}`, name: 'Made in the matrix', permissions: [] };
      res = await server.api('/api/roles', { token, body });
    } else if (action === 'update') {
      res = await server.api(`/api/roles/${fx.role}`, {
        method: 'PATCH',
        token,
        body: { name: `Renamed by ${actor}` },
      });
    } else {
      // Admin deletes a throwaway role; the others try the fixture role.
      const id =
        actor === 'admin'
          ? await post('/api/roles', token, { key: `rbac_${w.tag}_${n()}`, name: 'Bye', permissions: [] })
          : fx.role;
      res = await server.api(`/api/roles/${id}`, { method: 'DELETE', token });
    }
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (action === 'list' && status === 200)
      expect(res.body.items.map((r: { id: string }) => r.id)).toContain(fx.role);
  });
});

// ---- users ---------------------------------------------------------------------------------------------------
type Person =
  | 'admin'
  | 'managerA'
  | 'salesA1'
  | 'salesA2'
  | 'managerB'
  | 'salesB1'
  | 'partner'
  | 'otherPartner';
const TEAM_A: Person[] = ['managerA', 'salesA1', 'salesA2'];
const TEAM_B: Person[] = ['managerB', 'salesB1'];
/** Whom each actor sees in GET /api/users?teamId=…: admin everyone, staff their team, a partner only itself. */
const SEES: Record<Actor, Person[]> = {
  admin: ['admin', ...TEAM_A, ...TEAM_B, 'partner', 'otherPartner'],
  managerA: TEAM_A,
  salesA1: TEAM_A,
  partner: ['partner'],
};
const USER_LIST_CASES = ACTORS.flatMap((actor) =>
  (['teamA', 'teamB'] as const).map((team) => ({
    actor,
    team,
    expected: (team === 'teamA' ? TEAM_A : TEAM_B).filter((p) => SEES[actor].includes(p)),
  })),
);
const USER_GET_CASES = ACTORS.flatMap((actor) =>
  (['salesA2', 'salesB1', 'partner', 'otherPartner'] as Person[]).map((target) => ({
    actor,
    target,
    status: SEES[actor].includes(target) ? 200 : 404,
  })),
);

describe('RBAC matrix: users', () => {
  it.each(USER_LIST_CASES)('$actor lists users of $team → $expected', async ({ actor, team, expected }) => {
    const res = await server.api(`/api/users?limit=200&teamId=${w[team]}`, { token: w[actor].token });
    expect(res.status).toBe(200);
    const got = res.body.items.map((u: { id: string }) => u.id).sort();
    expect(got).toEqual(expected.map((p) => w[p].id).sort());
  });

  it('a partner lists only itself', async () => {
    const list = await listIds('/api/users', w.partner.token);
    expect(list).toEqual({ status: 200, ids: [w.partner.id] });
  });

  it.each(USER_GET_CASES)('$actor gets user $target → $status', async ({ actor, target, status }) => {
    expect((await server.api(`/api/users/${w[target].id}`, { token: w[actor].token })).status).toBe(status);
  });

  it.each(ACTORS.map((actor) => ({ actor, status: actor === 'admin' ? 201 : 403 })))(
    '$actor creates a user → $status',
    async ({ actor, status }) => {
      const body = {
        email: `new.${actor}.${w.tag}@test.mak`,
        name: 'New rep',
        password: 'long-enough-1',
        role: 'sales',
        teamId: w.teamA,
      };
      const res = await server.api('/api/users', { token: w[actor].token, body });
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      if (status === 201) expect(res.body).not.toHaveProperty('passwordHash');
    },
  );

  it.each([
    { actor: 'admin', target: 'salesA2', status: 200 },
    { actor: 'managerA', target: 'salesA2', status: 403 },
    { actor: 'managerA', target: 'salesB1', status: 404 },
    { actor: 'salesA1', target: 'salesA2', status: 403 },
    { actor: 'partner', target: 'salesA1', status: 404 },
  ] as { actor: Actor; target: Person; status: number }[])(
    '$actor renames user $target → $status',
    async ({ actor, target, status }) => {
      const res = await server.api(`/api/users/${w[target].id}`, {
        method: 'PATCH',
        token: w[actor].token,
        body: { name: 'Renamed' },
      });
      expect(res.status).toBe(status);
    },
  );
});

// ---- segments: own ones for everyone; shared ones readable but not writable by others ----------------------------
// Partners hold no segment permission in the catalog; the rules do not say they should, so they are not asserted.
type SegActor = 'admin' | 'managerA' | 'salesA1' | 'salesA2' | 'salesB1';
const SEG_ACTORS: SegActor[] = ['admin', 'managerA', 'salesA1', 'salesA2', 'salesB1'];
const SEG_CASES = SEG_ACTORS.flatMap((actor) =>
  (['private', 'shared'] as const).flatMap((seg) =>
    (['list', 'get', 'update', 'delete'] as const).map((action) => {
      const mine = actor === 'salesA1' || actor === 'admin';
      const readable = mine || seg === 'shared';
      const status = !readable ? 404 : mine || action === 'list' || action === 'get' ? 200 : 403;
      return { actor, seg, action, status };
    }),
  ),
);

describe('RBAC matrix: segments', () => {
  it.each(SEG_CASES)(
    "$actor $action salesA1's $seg segment → $status",
    async ({ actor, seg, action, status }) => {
      const token = w[actor].token;
      const id = fx[seg];
      if (action === 'list') {
        const list = await listIds('/api/segments?entity=clients', token);
        expect(list.status).toBe(200);
        expect(list.ids.includes(id)).toBe(status === 200);
        return;
      }
      const method = { get: 'GET', update: 'PATCH', delete: 'DELETE' }[action];
      const body = action === 'update' ? { name: `${seg} ${w.tag} by ${actor}` } : undefined;
      const res = await server.api(`/api/segments/${id}`, { method, token, body });
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      if (action === 'delete' && status === 200) {
        expect(
          (await server.api(`/api/segments/${id}/restore`, { method: 'POST', token: w.admin.token })).status,
        ).toBe(200);
      }
    },
  );

  it.each(SEG_ACTORS)('%s creates an own segment and others cannot change it', async (actor) => {
    const id = await post('/api/segments', w[actor].token, {
      name: `own ${actor} ${w.tag}`,
      entity: 'deals',
      shared: true,
    });
    const other = actor === 'salesB1' ? w.salesA1 : w.salesB1;
    expect((await server.api(`/api/segments/${id}`, { token: other.token })).status).toBe(200);
    const res = await server.api(`/api/segments/${id}`, {
      method: 'PATCH',
      token: other.token,
      body: { shared: false },
    });
    expect(res.status).toBe(403);
  });
});

// ---- unauthenticated: every route answers 401 -------------------------------------------------------------------
const ZERO = '00000000-0000-4000-8000-000000000000';
const VALID_CREATE: Record<string, unknown> = {
  clients: { name: 'x' },
  contacts: { clientId: ZERO, name: 'x' },
  deals: { title: 'x' },
  tasks: { title: 'x' },
  notes: { body: 'x', clientId: ZERO },
  pipelines: { name: 'x' },
  stages: { pipelineId: ZERO, name: 'x' },
  segments: { name: 'x', entity: 'clients' },
  'custom-fields': { entity: 'clients', key: 'x', label: 'x', type: 'text' },
  users: { email: 'x@test.mak', name: 'x', password: 'long-enough-1', role: 'sales' },
  teams: { name: 'x' },
  partners: { name: 'x' },
};
const ROUTES: [string, string, unknown][] = [
  ...Object.entries(VALID_CREATE).flatMap(([res, body]): [string, string, unknown][] => [
    ['GET', `/api/${res}`, undefined],
    ['GET', `/api/${res}/${ZERO}`, undefined],
    ['POST', `/api/${res}`, body],
    ['PATCH', `/api/${res}/${ZERO}`, {}],
    ['DELETE', `/api/${res}/${ZERO}`, undefined],
    ['POST', `/api/${res}/${ZERO}/restore`, undefined],
    ['GET', `/api/${res}/${ZERO}/history`, undefined],
  ]),
  ['GET', '/api/roles', undefined],
  ['GET', `/api/roles/${ZERO}`, undefined],
  ['POST', '/api/roles', { key: 'x_y', name: 'x', permissions: [] }],
  ['PATCH', `/api/roles/${ZERO}`, { name: 'x' }],
  ['DELETE', `/api/roles/${ZERO}`, undefined],
];
const UNAUTH_CASES = ROUTES.flatMap(([method, path, body]) =>
  [undefined, 'not-a-real-session-token'].map((token) => ({
    method,
    path,
    body,
    token,
    who: token ? 'bogus token' : 'no token',
  })),
);

describe('RBAC matrix: unauthenticated', () => {
  it.each(UNAUTH_CASES)('$method $path with $who → 401', async ({ method, path, body, token }) => {
    const res = await server.api(path, { method, body, token });
    expect(res.status, JSON.stringify(res.body)).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
  });
});

// ---- a custom role -------------------------------------------------------------------------------------------
describe('a custom role', () => {
  it('reads all clients and nothing else', async () => {
    const key = `viewer_${w.tag}`;
    const permissions = [{ resource: 'clients', action: 'read', scope: 'all' }];
    await post('/api/roles', w.admin.token, { key, name: 'Viewer', permissions });
    const email = `viewer.${w.tag}@test.mak`;
    await post('/api/users', w.admin.token, { email, name: 'Viewer', password: 'viewer-pass-42', role: key });
    const login = await server.api('/api/auth/login', { body: { email, password: 'viewer-pass-42' } });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const token = login.body.token as string;

    const theirs = await post('/api/clients', w.salesB1.token, { name: `RBAC ${w.tag} seen by viewer` });
    const list = await server.api(`/api/clients?limit=200&ownerId=${w.salesB1.id}`, { token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(theirs);
    expect((await server.api(`/api/clients/${theirs}`, { token })).status).toBe(200);
    expect(
      (await server.api('/api/clients', { token, body: { name: `RBAC ${w.tag} by viewer` } })).status,
    ).toBe(403);
    const patch = await server.api(`/api/clients/${theirs}`, {
      method: 'PATCH',
      token,
      body: { description: 'no' },
    });
    expect(patch.status).toBe(403);
    expect((await server.api('/api/deals?limit=10', { token })).status).toBe(403);
  });
});

it('generates the reference matrix', () => {
  // 3 resources × 4 actors + teams × 3 staff actors, × 5 actions; 4 actors × 5 role actions; …
  expect(REF_CASES).toHaveLength(75);
  expect(ROLE_CASES).toHaveLength(20);
  expect(USER_LIST_CASES.length + USER_GET_CASES.length).toBe(24);
  expect(SEG_CASES).toHaveLength(40);
  expect(UNAUTH_CASES).toHaveLength(178);
});
