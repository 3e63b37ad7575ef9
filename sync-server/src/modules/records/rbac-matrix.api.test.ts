import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeWorld, type World, type WorldUser } from '../../testing/world.ts';

/**
 * The role × resource × action × situation matrix for CRM records. Every fixture record sits in one "situation"
 * relative to the actors; the expected outcome is written by hand below from the business rules (deliberately
 * not derived from shared/permissions) and one case is generated per (actor, resource, action, situation).
 */

type Actor = 'admin' | 'managerA' | 'salesA1' | 'partner' | 'salesB1' | 'otherPartner';
type Res = 'clients' | 'contacts' | 'deals' | 'tasks' | 'notes';
type Situation = 'ownedByA1' | 'ownedByA2' | 'ownedByB1' | 'givenToPartner' | 'givenToOtherPartner';

const ACTORS: Actor[] = ['admin', 'managerA', 'salesA1', 'partner', 'salesB1', 'otherPartner'];
const RESOURCES: Res[] = ['clients', 'contacts', 'deals', 'tasks', 'notes'];
const SITUATIONS: Situation[] = [
  'ownedByA1',
  'ownedByA2',
  'ownedByB1',
  'givenToPartner',
  'givenToOtherPartner',
];

// ---- the expectation, by hand from the business rules -------------------------------------------------------
const ALL = SITUATIONS;
const NONE: Situation[] = [];
/** Team A's manager: records owned by managerA, salesA1, salesA2 — incl. the partner-given client managerA owns. */
const TEAM_A: Situation[] = ['ownedByA1', 'ownedByA2', 'givenToPartner'];
const A1: Situation[] = ['ownedByA1'];
const B1: Situation[] = ['ownedByB1'];
const P: Situation[] = ['givenToPartner'];
const OP: Situation[] = ['givenToOtherPartner'];

interface Rule {
  read: Situation[];
  update: Situation[];
  delete: Situation[];
}
const rule = (read: Situation[], update: Situation[], del: Situation[]): Rule => ({
  read,
  update,
  delete: del,
});
const same = (r: Rule): Record<Res, Rule> => ({ clients: r, contacts: r, deals: r, tasks: r, notes: r });
/** Sales reps: read/create/update own clients, contacts, deals, no delete; full CRUD on own tasks and notes. */
const salesRep = (own: Situation[]): Record<Res, Rule> => ({
  clients: rule(own, own, NONE),
  contacts: rule(own, own, NONE),
  deals: rule(own, own, NONE),
  tasks: rule(own, own, own),
  notes: rule(own, own, own),
});
/**
 * Partners: read/update clients and deals given to their org, read contacts and notes of those, never delete.
 * The fixture tasks are assigned to and created by staff, so a partner sees none of them.
 */
const partnerUser = (org: Situation[]): Record<Res, Rule> => ({
  clients: rule(org, org, NONE),
  contacts: rule(org, NONE, NONE),
  deals: rule(org, org, NONE),
  tasks: rule(NONE, NONE, NONE),
  notes: rule(org, NONE, NONE),
});
const EXPECT: Record<Actor, Record<Res, Rule>> = {
  admin: same(rule(ALL, ALL, ALL)),
  managerA: same(rule(TEAM_A, TEAM_A, TEAM_A)),
  salesA1: salesRep(A1),
  salesB1: salesRep(B1),
  partner: partnerUser(P),
  otherPartner: partnerUser(OP),
};
/** Clients and deals can be created in a situation when the actor may update it; children need a visible client. */
const CREATE: Record<Actor, Situation[]> = {
  admin: ALL,
  managerA: TEAM_A,
  salesA1: A1,
  salesB1: B1,
  partner: P,
  otherPartner: OP,
};

// ---- fixtures ---------------------------------------------------------------------------------------------------
let server: TestServer;
let w: World;
let pipelineId: string;
const ids = {} as Record<Res, Record<Situation, string>>;
const user = (a: Actor | 'salesA2' | 'managerB'): WorldUser => w[a];
/** Who holds each situation (owns the client and deal, creates its contact, task and note) and its partner org. */
const holder = (s: Situation) =>
  ({
    ownedByA1: { by: user('salesA1'), partnerId: null },
    ownedByA2: { by: user('salesA2'), partnerId: null },
    ownedByB1: { by: user('salesB1'), partnerId: null },
    givenToPartner: { by: user('managerA'), partnerId: w.partnerOrg },
    givenToOtherPartner: { by: user('managerB'), partnerId: w.otherPartnerOrg },
  })[s];

async function post(path: string, token: string, body: unknown): Promise<string> {
  const res = await server.api(path, { method: 'POST', token, body });
  expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(201);
  return res.body.id;
}

beforeAll(async () => {
  server = await startTestServer();
  w = await makeWorld(server.database.db);
  const admin = w.admin.token;
  pipelineId = await post('/api/pipelines', admin, { name: `RBAC ${w.tag}`, position: 10_000 });
  await post('/api/stages', admin, { pipelineId, name: 'New', position: 0 });
  for (const r of RESOURCES) ids[r] = {} as Record<Situation, string>;
  for (const s of SITUATIONS) {
    const { by, partnerId } = holder(s);
    const name = `RBAC ${w.tag} ${s}`;
    const clientId = await post('/api/clients', by.token, { name, partnerId, tags: [`rbac-${w.tag}`] });
    ids.clients[s] = clientId;
    ids.deals[s] = await post('/api/deals', by.token, { title: name, clientId, pipelineId, partnerId });
    ids.contacts[s] = await post('/api/contacts', by.token, { clientId, name });
    ids.tasks[s] = await post('/api/tasks', by.token, { title: name, clientId });
    ids.notes[s] = await post('/api/notes', by.token, { clientId, body: name });
  }
});
afterAll(() => server?.stop());

const listPath = (r: Res, s: Situation) =>
  r === 'clients'
    ? `/api/clients?limit=200&tag=rbac-${w.tag}`
    : `/api/${r}?limit=200&clientId=${ids.clients[s]}`;
const PATCHES: Record<Res, (a: Actor) => Record<string, unknown>> = {
  clients: (a) => ({ description: `touched by ${a}` }),
  contacts: (a) => ({ position: `touched by ${a}` }),
  deals: () => ({ amount: 4200 }),
  tasks: (a) => ({ description: `touched by ${a}` }),
  notes: (a) => ({ body: `touched by ${a}` }),
};
/** A new record in the situation: clients/deals take its owner and partner org, children hang off its client. */
function createBody(r: Res, s: Situation, a: Actor): Record<string, unknown> {
  const { by, partnerId } = holder(s);
  const name = `RBAC ${w.tag} new ${r} by ${a} in ${s}`;
  const clientId = ids.clients[s];
  switch (r) {
    case 'clients':
      return { name, ownerId: by.id, partnerId };
    case 'deals':
      return { title: name, pipelineId, ownerId: by.id, partnerId };
    case 'contacts':
      return { clientId, name };
    case 'tasks':
      return { clientId, title: name };
    case 'notes':
      return { clientId, body: name };
  }
}

type Action = 'list' | 'get' | 'update' | 'delete' | 'create';
type Outcome = 'listed' | 'absent' | 200 | 201 | 400 | 403 | 404;
interface Case {
  actor: Actor;
  res: Res;
  action: Action;
  sit: Situation;
  outcome: Outcome;
}

function expected(actor: Actor, res: Res, action: Action, sit: Situation): Outcome {
  const r = EXPECT[actor][res];
  const readable = r.read.includes(sit);
  switch (action) {
    case 'list':
      return readable ? 'listed' : 'absent';
    case 'get':
      return readable ? 200 : 404;
    case 'update':
    case 'delete':
      // Out of read scope is 404 (existence is not leaked); visible but not allowed is 403.
      return !readable ? 404 : r[action].includes(sit) ? 200 : 403;
    case 'create':
      if (res === 'clients' || res === 'deals') return CREATE[actor].includes(sit) ? 201 : 403;
      // A child of a client the actor cannot see: the reference is invalid ("no such client"), not a leak.
      return EXPECT[actor].clients.read.includes(sit) ? 201 : 400;
  }
}

const ACTIONS: Action[] = ['list', 'get', 'update', 'delete', 'create'];
const CASES: Case[] = RESOURCES.flatMap((res) =>
  ACTORS.flatMap((actor) =>
    ACTIONS.flatMap((action) =>
      SITUATIONS.map((sit) => ({ actor, res, action, sit, outcome: expected(actor, res, action, sit) })),
    ),
  ),
);

async function run({ actor, res, action, sit, outcome }: Case): Promise<void> {
  const token = user(actor).token;
  const id = ids[res][sit];
  const label = `${actor} ${action} ${res} ${sit}`;
  switch (action) {
    case 'list': {
      const page = await server.api(listPath(res, sit), { token });
      expect(page.status, label).toBe(200);
      const listed = page.body.items.some((row: { id: string }) => row.id === id);
      expect(listed ? 'listed' : 'absent', label).toBe(outcome);
      return;
    }
    case 'get': {
      const got = await server.api(`/api/${res}/${id}`, { token });
      expect(got.status, label).toBe(outcome);
      if (outcome === 200) expect(got.body.id).toBe(id);
      else expect(got.body.code).toBe('not_found');
      return;
    }
    case 'update': {
      const patched = await server.api(`/api/${res}/${id}`, {
        method: 'PATCH',
        token,
        body: PATCHES[res](actor),
      });
      expect(patched.status, `${label} ${JSON.stringify(patched.body)}`).toBe(outcome);
      return;
    }
    case 'delete': {
      const deleted = await server.api(`/api/${res}/${id}`, { method: 'DELETE', token });
      expect(deleted.status, `${label} ${JSON.stringify(deleted.body)}`).toBe(outcome);
      if (deleted.status === 200) {
        const restored = await server.api(`/api/${res}/${id}/restore`, {
          method: 'POST',
          token: w.admin.token,
        });
        expect(restored.status, `restore after ${label}`).toBe(200);
      } else {
        expect(
          (await server.api(`/api/${res}/${id}`, { token: w.admin.token })).status,
          `${label} kept`,
        ).toBe(200);
      }
      return;
    }
    case 'create': {
      const created = await server.api(`/api/${res}`, {
        method: 'POST',
        token,
        body: createBody(res, sit, actor),
      });
      expect(created.status, `${label} ${JSON.stringify(created.body)}`).toBe(outcome);
      if (outcome === 400)
        expect(created.body.fields).toEqual([expect.objectContaining({ field: 'clientId' })]);
      return;
    }
  }
}

describe.each(RESOURCES)('RBAC matrix: %s', (resource) => {
  it.each(CASES.filter((c) => c.res === resource))('$actor $action $res $sit → $outcome', run);
});

describe('writes cannot escape the writer scope', () => {
  const clientOf = (id: string) => server.api(`/api/clients/${id}`, { token: w.admin.token });

  it('salesA1 cannot create a client owned by salesB1', async () => {
    const name = `RBAC ${w.tag} escape create`;
    const res = await server.api('/api/clients', {
      token: w.salesA1.token,
      body: { name, ownerId: w.salesB1.id },
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    const after = await server.api(`/api/clients?limit=200&ownerId=${w.salesB1.id}`, {
      token: w.admin.token,
    });
    expect(after.body.items.map((c: { name: string }) => c.name)).not.toContain(name);
  });

  it('salesA1 cannot hand an own client or deal over to salesB1, and the record stays unchanged', async () => {
    const id = ids.clients.ownedByA1;
    const before = (await clientOf(id)).body;
    const res = await server.api(`/api/clients/${id}`, {
      method: 'PATCH',
      token: w.salesA1.token,
      body: { ownerId: w.salesB1.id },
    });
    expect(res.status).toBe(403);
    const after = (await clientOf(id)).body;
    expect(after).toMatchObject({ ownerId: w.salesA1.id, version: before.version });
    const deal = await server.api(`/api/deals/${ids.deals.ownedByA1}`, {
      method: 'PATCH',
      token: w.salesA1.token,
      body: { ownerId: w.salesB1.id },
    });
    expect(deal.status).toBe(403);
  });

  it('salesA1 cannot create a deal owned by teammate salesA2', async () => {
    const body = { title: `RBAC ${w.tag} mate deal`, pipelineId, ownerId: w.salesA2.id };
    expect((await server.api('/api/deals', { token: w.salesA1.token, body })).status).toBe(403);
  });

  it('managerA reassigns within team A but not to team B nor away from the team', async () => {
    const id = await post('/api/clients', w.managerA.token, {
      name: `RBAC ${w.tag} reassign`,
      ownerId: w.salesA1.id,
    });
    const patch = (body: unknown) =>
      server.api(`/api/clients/${id}`, { method: 'PATCH', token: w.managerA.token, body });
    expect((await patch({ ownerId: w.salesA2.id })).status).toBe(200);
    expect((await patch({ ownerId: w.salesB1.id })).status).toBe(403);
    expect((await patch({ ownerId: null })).status).toBe(403);
    expect((await clientOf(id)).body.ownerId).toBe(w.salesA2.id);
  });

  it('managerA cannot drop its partner-given client out of team A', async () => {
    const id = ids.clients.givenToPartner;
    const res = await server.api(`/api/clients/${id}`, {
      method: 'PATCH',
      token: w.managerA.token,
      body: { ownerId: null },
    });
    expect(res.status).toBe(403);
    expect((await clientOf(id)).body).toMatchObject({ ownerId: w.managerA.id, partnerId: w.partnerOrg });
  });

  it('a partner cannot create a client for the other partner org', async () => {
    const body = { name: `RBAC ${w.tag} foreign`, partnerId: w.otherPartnerOrg };
    expect((await server.api('/api/clients', { token: w.partner.token, body })).status).toBe(403);
  });

  it('a partner cannot move its client to the other org or out of partner hands', async () => {
    const id = ids.clients.givenToPartner;
    for (const partnerId of [w.otherPartnerOrg, null]) {
      const res = await server.api(`/api/clients/${id}`, {
        method: 'PATCH',
        token: w.partner.token,
        body: { partnerId },
      });
      expect(res.status).toBe(403);
    }
    expect((await clientOf(id)).body.partnerId).toBe(w.partnerOrg);
  });

  it("a partner-created client without partnerId gets the partner's org and no owner", async () => {
    const res = await server.api('/api/clients', {
      token: w.partner.token,
      body: { name: `RBAC ${w.tag} lead` },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ partnerId: w.partnerOrg, ownerId: null });
    const statusFor = async (u: WorldUser) =>
      (await server.api(`/api/clients/${res.body.id}`, { token: u.token })).status;
    expect(await statusFor(w.partner)).toBe(200);
    expect(await statusFor(w.otherPartner)).toBe(404);
    expect(await statusFor(w.managerA)).toBe(404);
  });

  it('a partner-created deal without partnerId gets the partner org', async () => {
    const body = { title: `RBAC ${w.tag} partner deal`, pipelineId, clientId: ids.clients.givenToPartner };
    const res = await server.api('/api/deals', { token: w.partner.token, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ partnerId: w.partnerOrg, ownerId: null });
  });
});

it('generates the whole matrix', () => {
  // 6 actors × 5 resources × 5 actions × 5 situations.
  expect(CASES).toHaveLength(750);
});
