import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeWorld, type World } from '../../testing/world.ts';
import { makeLead, makeOrgs, type Org } from '../economy/fixtures.ts';

// Lead distribution over HTTP: manual, weighted round robin by grade and territory, claim with a timer, accept
// and decline, recall of lapsed offers; a partner who declined is never offered the lead again.

let s: TestServer;
let w: World;
let admin: string;
let territory: string;

beforeAll(async () => {
  s = await startTestServer({ jobs: { enabled: false, tickMs: 1000, queue: 'unused' } });
  w = await makeWorld(s.database.db);
  admin = w.admin.token;
  territory = `Регион ${w.tag}`;
});
afterAll(() => s?.stop());

async function route(body: Record<string, unknown>) {
  const clientId = await makeLead(s.database.db, w.tag, { source: 'сайт' });
  const r = await s.api('/api/leads/distributions', { token: admin, body: { clientId, territory, ...body } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as {
    id: string;
    clientId: string;
    status: string;
    offers: { id: string; partnerId: string; status: string }[];
  };
}

const offersOf = async (o: Org, distributionId: string) =>
  (await s.api(`/api/leads/offers?distributionId=${distributionId}`, { token: o.token })).body.items as {
    id: string;
    status: string;
    partnerId: string;
  }[];

const distribution = async (id: string) =>
  (await s.api(`/api/leads/distributions/${id}`, { token: admin })).body;

describe('lead distribution', () => {
  it('weighted round robin: gold, silver and bronze share leads 3:2:1 within the territory', async () => {
    const [gold] = await makeOrgs(s.database.db, w.tag, 1, { territory, grade: 'gold' });
    const [silver] = await makeOrgs(s.database.db, w.tag, 1, { territory, grade: 'silver' });
    const [bronze] = await makeOrgs(s.database.db, w.tag, 1, { territory, grade: 'bronze' });
    if (!gold || !silver || !bronze) throw new Error('orgs');
    const counts = new Map<string, number>();
    for (let i = 0; i < 12; i++) {
      const d = await route({ mode: 'round_robin' });
      const to = d.offers[0]?.partnerId as string;
      counts.set(to, (counts.get(to) ?? 0) + 1);
      // Answer, so the next lead is routed on a clean slate.
      const owner = [gold, silver, bronze].find((o) => o.id === to) as Org;
      expect(
        (await s.api(`/api/leads/offers/${d.offers[0]?.id}/accept`, { method: 'POST', token: owner.token }))
          .status,
      ).toBe(200);
    }
    expect([counts.get(gold.id), counts.get(silver.id), counts.get(bronze.id)]).toEqual([6, 4, 2]);
  });

  it('accept hands the lead over: it enters the partner’s scope, nobody else’s', async () => {
    const [a, b] = await makeOrgs(s.database.db, w.tag, 2, { territory: `${territory}-acc` });
    if (!a || !b) throw new Error('orgs');
    const d = await route({ mode: 'manual', partnerId: a.id });
    expect(d.offers).toHaveLength(1);
    const offer = d.offers[0] as { id: string };
    // The offer shows a preview, not the client.
    const listed = await offersOf(a, d.id);
    expect(listed[0]).toMatchObject({ id: offer.id, status: 'offered' });
    expect(JSON.stringify(listed[0])).not.toContain(d.clientId);
    expect((await s.api(`/api/clients/${d.clientId}`, { token: a.token })).status).toBe(404);
    // Another partner can neither see nor take it.
    expect(await offersOf(b, d.id)).toEqual([]);
    expect(
      (await s.api(`/api/leads/offers/${offer.id}/accept`, { method: 'POST', token: b.token })).status,
    ).toBe(404);
    expect(
      (await s.api(`/api/leads/offers/${offer.id}/accept`, { method: 'POST', token: a.token })).status,
    ).toBe(200);
    expect((await s.api(`/api/clients/${d.clientId}`, { token: a.token })).status).toBe(200);
    expect((await s.api(`/api/clients/${d.clientId}`, { token: b.token })).status).toBe(404);
    expect(await distribution(d.id)).toMatchObject({ status: 'assigned', assignedPartnerId: a.id });
    const again = await s.api(`/api/leads/offers/${offer.id}/accept`, { method: 'POST', token: a.token });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('offer_closed');
    // A lead that belongs to a partner cannot be routed again.
    const twice = await s.api('/api/leads/distributions', {
      token: admin,
      body: { clientId: d.clientId, mode: 'round_robin' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.reason).toBe('lead_assigned');
  });

  it('a decline moves the lead on, and the decliner is never offered it again', async () => {
    const t = `${territory}-dec`;
    const orgs = await makeOrgs(s.database.db, w.tag, 3, { territory: t });
    const d = await route({ mode: 'round_robin', territory: t });
    const seen = new Set<string>();
    let current = d.offers[0] as { id: string; partnerId: string };
    for (let i = 0; i < 3; i++) {
      expect(seen.has(current.partnerId)).toBe(false);
      seen.add(current.partnerId);
      const o = orgs.find((x) => x.id === current.partnerId) as Org;
      const r = await s.api(`/api/leads/offers/${current.id}/decline`, {
        token: o.token,
        body: { reason: 'Не наш профиль' },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const now = await distribution(d.id);
      const live = now.offers.find((x: { status: string }) => x.status === 'offered');
      if (i < 2) current = live;
      else if (live) expect(orgs.map((x) => x.id)).not.toContain(live.partnerId);
    }
    const final = await distribution(d.id);
    expect(final.declinedPartnerIds.sort()).toEqual(orgs.map((o) => o.id).sort());
    for (const o of orgs) {
      const mine = final.offers.filter((x: { partnerId: string }) => x.partnerId === o.id);
      expect(mine).toHaveLength(1);
      expect(mine[0].status).toBe('declined');
    }
  });

  it('claim with a timer: several partners are offered it, the first accept wins, the rest are withdrawn', async () => {
    const t = `${territory}-claim`;
    const orgs = await makeOrgs(s.database.db, w.tag, 3, { territory: t });
    const d = await route({ mode: 'claim', territory: t, claimFanout: 3, claimSeconds: 120 });
    expect(d.offers.map((o) => o.partnerId).sort()).toEqual(orgs.map((o) => o.id).sort());
    const answers = await Promise.all(
      d.offers.map((o) =>
        s.api(`/api/leads/offers/${o.id}/accept`, {
          method: 'POST',
          token: (orgs.find((x) => x.id === o.partnerId) as Org).token,
        }),
      ),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of answers.filter((x) => x.status !== 200)) expect(r.body.reason).toBe('offer_closed');
    const after = await distribution(d.id);
    expect(after.status).toBe('assigned');
    expect(after.offers.map((o: { status: string }) => o.status).sort()).toEqual([
      'accepted',
      'withdrawn',
      'withdrawn',
    ]);
  });

  it('an offer not accepted in time is recalled and the lead offered to the next partner', async () => {
    const t = `${territory}-sla`;
    const [first, second] = await makeOrgs(s.database.db, w.tag, 2, { territory: t });
    if (!first || !second) throw new Error('orgs');
    const d = await route({ mode: 'manual', partnerId: first.id, territory: t, acceptWithinSeconds: 3600 });
    const offer = d.offers[0] as { id: string };
    await s.database.db.execute(
      sql`update lead_offers set expires_at = clock_timestamp() where id = ${offer.id}`,
    );
    const late = await s.api(`/api/leads/offers/${offer.id}/accept`, { method: 'POST', token: first.token });
    expect(late.status).toBe(409);
    expect(late.body.reason).toBe('offer_expired');
    await s.deps.jobs?.runNow();
    const after = await distribution(d.id);
    expect(after.offers.find((o: { id: string }) => o.id === offer.id).status).toBe('expired');
    const next = after.offers.find((o: { status: string }) => o.status === 'offered');
    expect(next.partnerId).toBe(second.id);
    expect(
      (await s.api(`/api/leads/offers/${next.id}/accept`, { method: 'POST', token: second.token })).status,
    ).toBe(200);
    // Running the recall again changes nothing.
    await s.deps.jobs?.runNow();
    expect((await distribution(d.id)).status).toBe('assigned');
  });

  it('refuses bad requests clearly', async () => {
    const clientId = await makeLead(s.database.db, w.tag);
    const noPartner = await s.api('/api/leads/distributions', {
      token: admin,
      body: { clientId, mode: 'manual' },
    });
    expect(noPartner.status).toBe(400);
    expect(noPartner.body.fields[0].field).toBe('partnerId');
    const byPartner = await s.api('/api/leads/distributions', {
      token: w.partner.token,
      body: { clientId, mode: 'round_robin' },
    });
    expect(byPartner.status).toBe(403);
    const bySales = await s.api('/api/leads/distributions', {
      token: w.salesA1.token,
      body: { clientId, mode: 'round_robin' },
    });
    expect(bySales.status).toBe(403);
    const staffAccepts = await s.api(`/api/leads/offers/${clientId}/accept`, {
      method: 'POST',
      token: admin,
    });
    expect(staffAccepts.status).toBe(403);
  });
});
