import { newId } from '@mak/shared/ids';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drain, type Msg, materialise, shapeGet } from '../../sync/test-kit.ts';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeWorld, type World } from '../../testing/world.ts';
import { fund, inSeconds, makeLead, makeOrgs, type Org } from './fixtures.ts';

// Issue 5 item 7: through the same permission model and shapes, a partner never sees another partner's leads,
// sealed bids or money, on the API and on sync; and who may do what, role by role. Also: a new high bid reaches
// the other bidders' shapes within a second; the invitation flow.

let s: TestServer;
let w: World;
let A: Org;
let B: Org;
let mgrA: string;
let sealed: string;
let english: string;
let offerA: string;
let payoutA: string;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const A_BID = 777_700;
const B_BID = 555_500;

beforeAll(async () => {
  s = await startTestServer({ jobs: { enabled: false, tickMs: 1000, queue: 'unused' } });
  w = await makeWorld(s.database.db);
  [A, B] = (await makeOrgs(s.database.db, w.tag, 2)) as [Org, Org];
  await fund(s, w.admin.token, A.id, 5_000_000);
  await fund(s, w.admin.token, B.id, 5_000_000);

  // Owner A invites a manager, who joins and signs in.
  const invite = await s.api('/api/partner-invites', {
    token: A.token,
    body: { email: `mgr-a.${w.tag}@test.mak`, role: 'manager' },
  });
  expect(invite.status, JSON.stringify(invite.body)).toBe(201);
  const joined = await s.api('/api/partner-invites/accept', {
    body: { token: invite.body.token, name: 'Менеджер партнёра', password: 'correct-horse-42' },
  });
  expect(joined.status, JSON.stringify(joined.body)).toBe(201);
  const login = await s.api('/api/auth/login', {
    body: { email: `mgr-a.${w.tag}@test.mak`, password: 'correct-horse-42' },
  });
  mgrA = login.body.token;
  expect(mgrA).toBeTruthy();

  const lot = async (type: string) => {
    const clientId = await makeLead(s.database.db, w.tag);
    const r = await s.api('/api/auction/lots', {
      token: w.admin.token,
      body: {
        clientId,
        type,
        title: `Лот ${type}`,
        startPrice: 100_000,
        minIncrement: 10_000,
        endsAt: inSeconds(600),
      },
    });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  sealed = await lot('sealed_first');
  english = await lot('english');
  expect(
    (
      await s.api(`/api/auction/lots/${sealed}/bids`, {
        token: A.token,
        body: { id: newId(), amount: A_BID },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await s.api(`/api/auction/lots/${sealed}/bids`, {
        token: B.token,
        body: { id: newId(), amount: B_BID },
      })
    ).status,
  ).toBe(201);
  const clientId = await makeLead(s.database.db, w.tag);
  const d = await s.api('/api/leads/distributions', {
    token: w.admin.token,
    body: { clientId, mode: 'manual', partnerId: A.id },
  });
  offerA = d.body.offers[0].id;
  payoutA = (await s.api('/api/payouts', { token: A.token, body: { amount: 100_000 } })).body.id;
  await s.api('/api/referrals/codes', { token: A.token, body: { label: 'A' } });
});
afterAll(() => s?.stop());

describe('partner isolation on the API', () => {
  it('role × action matrix', async () => {
    const as = {
      ownerA: A.token,
      mgrA: '',
      ownerB: B.token,
      admin: w.admin.token,
      manager: w.managerA.token,
      sales: w.salesA1.token,
    };
    as.mgrA = mgrA;
    type Who = keyof typeof as;
    const call = (who: Who, path: string, body?: unknown) =>
      s.api(path, { token: as[who], ...(body !== undefined ? { body } : {}) });
    const matrix: [string, string, unknown, Partial<Record<Who, number>>][] = [
      [
        'balances',
        '/api/ledger/balances',
        undefined,
        { ownerA: 200, mgrA: 200, ownerB: 200, admin: 200, manager: 200, sales: 403 },
      ],
      [
        `B's balances`,
        `/api/ledger/balances?partnerId=${B.id}`,
        undefined,
        { ownerA: 403, mgrA: 403, ownerB: 200, admin: 200 },
      ],
      [
        `B's entries`,
        `/api/ledger/entries?partnerId=${B.id}`,
        undefined,
        { ownerA: 403, ownerB: 200, sales: 403 },
      ],
      [
        `B's statement`,
        `/api/ledger/statement?partnerId=${B.id}`,
        undefined,
        { ownerA: 403, ownerB: 200, manager: 200 },
      ],
      [
        'deposit',
        '/api/ledger/deposits',
        { partnerId: A.id, amount: 100, memo: 'x' },
        { ownerA: 403, mgrA: 403, manager: 403, sales: 403, admin: 201 },
      ],
      [
        'lots',
        '/api/auction/lots',
        undefined,
        { ownerA: 200, ownerB: 200, admin: 200, manager: 200, sales: 403 },
      ],
      [
        'all bids',
        '/api/auction_bids',
        undefined,
        { ownerA: 403, mgrA: 403, admin: 200, manager: 200, sales: 403 },
      ],
      ['all lots (full)', '/api/auction_lots', undefined, { ownerA: 403, admin: 200 }],
      ['distributions', '/api/lead_distributions', undefined, { ownerA: 403, manager: 200, sales: 403 }],
      ['offers', '/api/leads/offers', undefined, { ownerA: 200, mgrA: 200, admin: 200, sales: 403 }],
      [`accept A's offer`, `/api/leads/offers/${offerA}/accept`, {}, { ownerB: 404, admin: 403, sales: 403 }],
      [
        'payout request',
        '/api/payouts',
        { amount: 100_000 },
        { mgrA: 403, admin: 403, manager: 403, sales: 403 },
      ],
      [
        `approve A's payout`,
        `/api/payouts/${payoutA}/approve`,
        {},
        { ownerA: 403, ownerB: 403, manager: 403, sales: 403 },
      ],
      ['payouts', '/api/payouts', undefined, { ownerA: 200, ownerB: 200, sales: 403 }],
      ['codes', '/api/referrals/codes', undefined, { ownerA: 200, ownerB: 200, admin: 200, sales: 403 }],
      ['rules', '/api/referrals/rules', undefined, { ownerA: 403, admin: 200, manager: 200, sales: 403 }],
      [
        `invite into A`,
        '/api/partner-invites',
        { email: `x-${newId().slice(-8)}@test.mak`, partnerId: A.id },
        { mgrA: 403, ownerB: 403, sales: 403, manager: 403 },
      ],
      [
        `A's members`,
        `/api/partners/${A.id}/members`,
        undefined,
        { ownerA: 200, mgrA: 200, ownerB: 404, admin: 200, sales: 404 },
      ],
      [
        'distribute',
        '/api/leads/distributions',
        { clientId: newId(), mode: 'round_robin' },
        { ownerA: 403, sales: 403 },
      ],
    ];
    const failures: string[] = [];
    for (const [label, path, body, expected] of matrix) {
      for (const [who, status] of Object.entries(expected) as [Who, number][]) {
        const r = await call(who, path, body);
        if (r.status !== status)
          failures.push(
            `${label} as ${who}: ${r.status}, expected ${status} ${JSON.stringify(r.body).slice(0, 120)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });

  it('a partner sees its own money, offers, payouts and codes, never another’s', async () => {
    const only = async (token: string, path: string, org: Org) => {
      const r = await s.api(path, { token });
      expect(r.status, path).toBe(200);
      for (const row of r.body.items) expect(row.partnerId, path).toBe(org.id);
      return r.body.items as unknown[];
    };
    for (const [token, org] of [
      [A.token, A],
      [mgrA, A],
      [B.token, B],
    ] as const) {
      expect(await only(token, '/api/ledger/balances', org)).toHaveLength(1);
      await only(token, '/api/leads/offers', org);
      await only(token, '/api/payouts', org);
      await only(token, '/api/referrals/codes', org);
      await only(token, '/api/ledger_postings', org);
      await only(token, '/api/auction_standings', org);
    }
    expect(await only(B.token, '/api/leads/offers', B)).toEqual([]);
    expect(await only(A.token, '/api/leads/offers', A)).toHaveLength(1);
  });

  it('sealed bids stay with their bidder', async () => {
    const seenByB = await s.api(`/api/auction/lots/${sealed}`, { token: B.token });
    expect(seenByB.body.mine.myBid).toBe(B_BID);
    expect(seenByB.body.currentPrice).toBeNull();
    const all = JSON.stringify([
      seenByB.body,
      (await s.api('/api/auction/lots', { token: B.token })).body,
      (await s.api('/api/auction_listings', { token: B.token })).body,
      (await s.api('/api/auction_standings', { token: B.token })).body,
    ]);
    expect(all).not.toContain(String(A_BID));
    expect(all).not.toContain(A.id);
    // Staff see every bid.
    const staff = await s.api(`/api/auction/lots/${sealed}`, { token: w.admin.token });
    expect(staff.body.bids.map((b: { amount: number }) => b.amount).sort()).toEqual([B_BID, A_BID]);
  });
});

describe('partner isolation on sync', () => {
  const PARTNER_SHAPES = [
    'auction_listings',
    'auction_standings',
    'lead_offers',
    'ledger_entries',
    'ledger_postings',
    'payout_requests',
    'referral_codes',
    'referral_attributions',
    'commissions',
  ];
  const STAFF_ONLY = ['auction_lots', 'auction_bids', 'lead_distributions', 'commission_rules'];

  it('each role is offered the right shapes, and staff-only shapes are refused to partners', async () => {
    const names = async (token: string) =>
      ((await s.api('/api/sync/shapes', { token })).body.shapes as { name: string }[]).map((x) => x.name);
    const partner = await names(A.token);
    for (const n of PARTNER_SHAPES) expect(partner).toContain(n);
    for (const n of STAFF_ONLY) expect(partner).not.toContain(n);
    const admin = await names(w.admin.token);
    for (const n of [...PARTNER_SHAPES, ...STAFF_ONLY]) expect(admin).toContain(n);
    const sales = await names(w.salesA1.token);
    for (const n of [...PARTNER_SHAPES, ...STAFF_ONLY]) expect(sales).not.toContain(n);
    for (const n of STAFF_ONLY) {
      const r = await shapeGet(s.url, { offset: '-1', table: n }, bearer(A.token));
      expect(r.status, n).toBe(403);
    }
    const r = await shapeGet(
      s.url,
      { offset: '-1', table: 'ledger_postings', where: 'true' },
      bearer(A.token),
    );
    expect(r.status).toBe(400);
  });

  it('every partner shape holds only the organisation’s own rows', async () => {
    for (const [token, org, other] of [
      [A.token, A, B],
      [mgrA, A, B],
      [B.token, B, A],
    ] as const) {
      for (const table of PARTNER_SHAPES) {
        const d = await drain(s.url, { table }, bearer(token));
        const rows = d.messages.map((m: Msg) => m.value ?? {});
        for (const row of rows) if ('partner_id' in row) expect(row.partner_id, table).toBe(org.id);
        const text = JSON.stringify(rows);
        expect(text, table).not.toContain(other.id);
        if (org === B) expect(text, table).not.toContain(String(A_BID));
      }
      const postings = await drain(s.url, { table: 'ledger_postings' }, bearer(token));
      expect(postings.messages.length).toBeGreaterThan(0);
    }
    const offersB = await drain(s.url, { table: 'lead_offers' }, bearer(B.token));
    expect(offersB.messages).toEqual([]);
  });

  it('a new high bid reaches the other bidders’ listing shape within a second', async () => {
    const h = bearer(B.token);
    const before = await drain(s.url, { table: 'auction_listings' }, h);
    const poll = shapeGet(
      s.url,
      { table: 'auction_listings', handle: before.handle, offset: before.offset, live: 'true' },
      h,
    );
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    const bid = await s.api(`/api/auction/lots/${english}/bids`, {
      token: A.token,
      body: { id: newId(), amount: 150_000 },
    });
    expect(bid.status).toBe(201);
    const r = await poll;
    const latency = performance.now() - t0;
    console.info(
      `new high bid seen by another bidder's live shape after ${latency.toFixed(0)} ms (incl. the bid request)`,
    );
    expect(r.status).toBe(200);
    const update = (r.body as Msg[]).find((m) => m.value?.id === english);
    expect(update?.value?.current_price).toBe('150000');
    expect(latency).toBeLessThan(1000);
    // And the bidder's own standing says it leads; B has none on this lot.
    const st = await drain(s.url, { table: 'auction_standings' }, bearer(A.token));
    expect(st.messages.some((m) => m.value?.lot_id === english && m.value?.is_leading === 'true')).toBe(true);
  });

  it('an accepted offer reaches the partner’s live lead_offers shape within a second; its wait says so', async () => {
    const clientId = await makeLead(s.database.db, w.tag);
    const d = await s.api('/api/leads/distributions', {
      token: w.admin.token,
      body: { clientId, mode: 'manual', partnerId: B.id },
    });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const offer = d.body.offers[0].id as string;
    const h = bearer(B.token);
    const before = await drain(s.url, { table: 'lead_offers' }, h);
    expect(materialise(before.messages).get(`"public"."lead_offers"/"${offer}"`)?.status).toBe('offered');
    const at = { handle: before.handle, offset: before.offset };
    // What a browser holds (one wait for its shapes) and what it sends once the wait answers (the live request).
    const wait = s.api('/api/sync/wait', { token: B.token, body: { shapes: [at] } });
    const poll = shapeGet(s.url, { table: 'lead_offers', ...at, live: 'true' }, h);
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    const accepted = await s.api(`/api/leads/offers/${offer}/accept`, { method: 'POST', token: B.token });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const [live, woke] = await Promise.all([poll, wait]);
    const latency = performance.now() - t0;
    console.info(
      `accepted offer in the partner's live shape after ${latency.toFixed(0)} ms (incl. the accept)`,
    );
    expect(live.status).toBe(200);
    expect((live.body as Msg[]).find((m) => m.value?.id === offer)?.value?.status).toBe('accepted');
    expect(woke.body).toEqual({ ready: [before.handle] });
    expect(latency).toBeLessThan(1000);
  });

  it('an invitation is single-use and expires', async () => {
    const inv = await s.api('/api/partner-invites', {
      token: A.token,
      body: { email: `once.${w.tag}@test.mak` },
    });
    const accept = (token: string) =>
      s.api('/api/partner-invites/accept', {
        body: { token, name: 'Новый сотрудник', password: 'correct-horse-42' },
      });
    expect((await accept(inv.body.token)).status).toBe(201);
    const again = await accept(inv.body.token);
    expect(again.status).toBe(409);
    const late = await s.api('/api/partner-invites', {
      token: A.token,
      body: { email: `late.${w.tag}@test.mak` },
    });
    await s.database.db.execute(
      sql`update partner_invites set expires_at = clock_timestamp() where id = ${late.body.id}`,
    );
    expect((await accept(late.body.token)).status).toBe(400);
    expect((await accept('not-a-real-token-at-all')).status).toBe(400);
    const members = await s.api(`/api/partners/${A.id}/members`, { token: A.token });
    expect(members.body.items.map((m: { role: string }) => m.role).sort()).toEqual([
      'manager',
      'manager',
      'owner',
    ]);
    expect((await s.api('/api/partner-org', { token: A.token })).body).toMatchObject({
      id: A.id,
      myRole: 'owner',
    });
    expect((await s.api('/api/partner-org', { token: mgrA })).body).toMatchObject({
      id: A.id,
      myRole: 'manager',
    });
    expect((await s.api('/api/partner-org', { token: w.admin.token })).status).toBe(404);
    // The token hash never leaves the server.
    const listed = await s.api('/api/partner-invites', { token: A.token });
    expect(JSON.stringify(listed.body)).not.toMatch(/token/i);
  });
});
