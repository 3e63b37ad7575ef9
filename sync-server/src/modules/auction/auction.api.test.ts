import { newId } from '@mak/shared/ids';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db.ts';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeWorld, type World } from '../../testing/world.ts';
import { balances, fund, inSeconds, makeLead, makeOrgs, type Org } from '../economy/fixtures.ts';

// The lead auction over HTTP, on Postgres and on PGlite: concurrent bidding, the three auction types, bad input
// that must change no balance, and closing.

let s: TestServer;
let w: World;
let admin: string;

beforeAll(async () => {
  s = await startTestServer({ jobs: { enabled: true, tickMs: 250, queue: 'unused' } });
  w = await makeWorld(s.database.db);
  admin = w.admin.token;
});
afterAll(() => s?.stop());

async function lot(body: Record<string, unknown>) {
  const clientId = await makeLead(s.database.db, w.tag);
  const r = await s.api('/api/auction/lots', {
    token: admin,
    body: {
      clientId,
      type: 'english',
      title: 'Лид: ремонт офиса',
      startPrice: 100_000,
      minIncrement: 5_000,
      endsAt: inSeconds(120),
      ...body,
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { id: r.body.id as string, clientId };
}

const bid = (o: Org, lotId: string, body: Record<string, unknown>) =>
  s.api(`/api/auction/lots/${lotId}/bids`, { token: o.token, body: { id: newId(), ...body } });

/** Ends a lot now (as if its time had come) and runs the closing job. */
async function endNow(lotId: string) {
  await s.database.db.execute(sql`update auction_lots set ends_at = clock_timestamp() where id = ${lotId}`);
  await s.deps.jobs?.runNow();
}

async function count(q: ReturnType<typeof sql>): Promise<number> {
  return Number(rowsOf<{ n: number }>(await s.database.db.execute(q))[0]?.n);
}

describe('auction', () => {
  it('100 concurrent bids from 20 partners: one winner at the right price, holds consistent', async () => {
    const orgs = await makeOrgs(s.database.db, w.tag, 20);
    for (const o of orgs) await fund(s, admin, o.id, 10_000_000);
    const { id, clientId } = await lot({ minIncrementBp: 0 });
    // Each partner sends five bids at once; many lose the race and are refused as too low.
    const attempts = orgs.flatMap((o, i) =>
      Array.from({ length: 5 }, (_, k) => ({ o, amount: 100_000 + (i * 5 + k) * 5_000 + (k % 2) * 5_000 })),
    );
    const results = await Promise.all(attempts.map((a) => bid(a.o, id, { amount: a.amount })));
    const accepted = attempts.filter((_, i) => results[i]?.status === 201);
    const refused = results.filter((r) => r.status === 409);
    expect(accepted.length + refused.length).toBe(100);
    for (const r of refused) expect(['bid_too_low']).toContain(r.body.reason);
    expect(accepted.length).toBeGreaterThan(0);

    const top = Math.max(...accepted.map((a) => a.amount));
    const leader = accepted.find((a) => a.amount === top)?.o as Org;
    const listing = (await s.api(`/api/auction/lots/${id}`, { token: leader.token })).body;
    expect(listing.currentPrice).toBe(top);
    expect(listing.mine).toMatchObject({ isLeading: true, held: top });
    expect(listing.bidCount).toBe(accepted.length);

    // Only the leader holds money, exactly its bid; everyone else has all of theirs.
    let b = await balances(s, admin);
    for (const o of orgs) {
      const mine = b.get(o.id) as Record<string, number>;
      expect(mine.held).toBe(o === leader ? top : 0);
      expect(mine.available).toBe(10_000_000 - (o === leader ? top : 0));
    }

    await endNow(id);
    const full = (await s.api(`/api/auction/lots/${id}`, { token: admin })).body;
    expect(full).toMatchObject({ status: 'sold', winnerPartnerId: leader.id, winningPrice: top });
    b = await balances(s, admin);
    for (const o of orgs) {
      const mine = b.get(o.id) as Record<string, number>;
      expect(mine.held).toBe(0);
      expect(mine.available).toBe(10_000_000 - (o === leader ? top : 0));
    }
    expect(
      await count(
        sql`select count(*)::int as n from ledger_entries where kind = 'charge' and ref_id = ${id}`,
      ),
    ).toBe(1);
    // The winner now has the lead; it is in its scope.
    expect((await s.api(`/api/clients/${clientId}`, { token: leader.token })).status).toBe(200);
    expect(
      (await s.api(`/api/clients/${clientId}`, { token: (orgs[0] === leader ? orgs[1] : orgs[0])?.token }))
        .status,
    ).toBe(404);
    // Running the close again does nothing.
    await s.deps.jobs?.runNow();
    expect(
      await count(
        sql`select count(*)::int as n from ledger_entries where ref_id = ${id} and kind = 'charge'`,
      ),
    ).toBe(1);
  });

  it('English: the outbid partner’s hold is released; a late bid extends the end, capped', async () => {
    const [a, b] = await makeOrgs(s.database.db, w.tag, 2);
    if (!a || !b) throw new Error('orgs');
    await fund(s, admin, a.id, 1_000_000);
    await fund(s, admin, b.id, 1_000_000);
    const { id } = await lot({
      endsAt: inSeconds(60),
      extendWindowSeconds: 120,
      extendBySeconds: 90,
      maxExtensions: 1,
      minIncrementBp: 500,
    });
    expect((await bid(a, id, { amount: 100_000 })).status).toBe(201);
    let bb = await balances(s, admin);
    expect(bb.get(a.id)).toMatchObject({ held: 100_000, available: 900_000 });
    const r = await bid(b, id, { amount: 105_000 });
    expect(r.status).toBe(201);
    expect(r.body.listing.extensions).toBe(1);
    expect(Date.parse(r.body.endsAt)).toBeGreaterThan(Date.now() + 80_000);
    expect(r.body.listing.minNextBid).toBe(105_000 + Math.max(5_000, Math.ceil(105_000 * 0.05)));
    bb = await balances(s, admin);
    expect(bb.get(a.id)).toMatchObject({ held: 0, available: 1_000_000 });
    expect(bb.get(b.id)).toMatchObject({ held: 105_000, available: 895_000 });
    // Capped: the second late bid does not extend again.
    const again = await bid(a, id, { amount: 115_000 });
    expect(again.body.listing.extensions).toBe(1);
    expect((await s.api(`/api/auction/lots/${id}`, { token: b.token })).body.mine.isLeading).toBe(false);
  });

  it('sealed second-price: bids stay secret, the winner pays second + increment, losers are released', async () => {
    const [a, b, c] = await makeOrgs(s.database.db, w.tag, 3);
    if (!a || !b || !c) throw new Error('orgs');
    for (const o of [a, b, c]) await fund(s, admin, o.id, 500_000);
    const { id } = await lot({ type: 'sealed_second', startPrice: 1_000, minIncrement: 10_000 });
    expect((await bid(a, id, { amount: 260_000 })).status).toBe(201);
    expect((await bid(b, id, { amount: 240_000 })).status).toBe(201);
    expect((await bid(c, id, { amount: 210_000 })).status).toBe(201);
    // A sealed bid can only be raised; the listing never shows a price.
    const lower = await bid(c, id, { amount: 200_000 });
    expect(lower.status).toBe(409);
    expect(lower.body.reason).toBe('bid_not_raised');
    const seen = (await s.api(`/api/auction/lots/${id}`, { token: b.token })).body;
    expect(seen.currentPrice).toBeNull();
    expect(seen.mine).toMatchObject({ myBid: 240_000, held: 240_000, isLeading: false });
    expect(JSON.stringify(seen)).not.toContain('260000');
    await endNow(id);
    const bb = await balances(s, admin);
    expect(bb.get(a.id)).toMatchObject({ held: 0, available: 500_000 - 250_000 });
    expect(bb.get(b.id)).toMatchObject({ held: 0, available: 500_000 });
    expect(bb.get(c.id)).toMatchObject({ held: 0, available: 500_000 });
    const mine = (await s.api(`/api/auction/lots/${id}`, { token: a.token })).body.mine;
    expect(mine).toMatchObject({ outcome: 'won', pricePaid: 250_000 });
  });

  it('sealed first-price below the reserve does not sell; the lead goes back to distribution', async () => {
    const [a] = await makeOrgs(s.database.db, w.tag, 1);
    if (!a) throw new Error('orgs');
    await fund(s, admin, a.id, 500_000);
    const { id, clientId } = await lot({ type: 'sealed_first', reservePrice: 300_000 });
    expect((await bid(a, id, { amount: 200_000 })).status).toBe(201);
    await endNow(id);
    const full = (await s.api(`/api/auction/lots/${id}`, { token: admin })).body;
    expect(full).toMatchObject({ status: 'unsold', winnerPartnerId: null, closeReason: 'no_sale' });
    expect((await balances(s, admin)).get(a.id)).toMatchObject({ held: 0, available: 500_000 });
    const d = await s.api(`/api/leads/distributions/${full.distributionId}`, { token: admin });
    expect(d.body.mode).toBe('round_robin');
    expect(['offered', 'unassigned']).toContain(d.body.status);
    expect(d.body.clientId).toBe(clientId);
  });

  it('buy-now closes the lot at once and releases everyone else', async () => {
    const [a, b] = await makeOrgs(s.database.db, w.tag, 2);
    if (!a || !b) throw new Error('orgs');
    await fund(s, admin, a.id, 1_000_000);
    await fund(s, admin, b.id, 1_000_000);
    const { id, clientId } = await lot({ buyNowPrice: 400_000 });
    expect((await bid(a, id, { amount: 150_000 })).status).toBe(201);
    const r = await bid(b, id, { buyNow: true });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ won: true, amount: 400_000 });
    const bb = await balances(s, admin);
    expect(bb.get(a.id)).toMatchObject({ held: 0, available: 1_000_000 });
    expect(bb.get(b.id)).toMatchObject({ held: 0, available: 600_000 });
    expect((await s.api(`/api/clients/${clientId}`, { token: b.token })).status).toBe(200);
    expect((await bid(a, id, { amount: 500_000 })).body.reason).toBe('lot_closed');
  });

  it('bad input is a clear error and changes no balance', async () => {
    const [a, b, far] = await makeOrgs(s.database.db, w.tag, 3);
    const [north] = await makeOrgs(s.database.db, w.tag, 1, { territory: 'Новосибирская область' });
    if (!a || !b || !far || !north) throw new Error('orgs');
    for (const o of [a, b, far, north]) await fund(s, admin, o.id, 300_000);
    const { id } = await lot({ buyNowPrice: 250_000 });
    const south = await lot({ territory: 'Краснодарский край' });
    expect((await bid(a, id, { amount: 100_000 })).status).toBe(201);
    const before = await balances(s, admin);
    const dupId = newId();
    expect((await bid(b, id, { id: dupId, amount: 110_000 })).status).toBe(201);
    const afterDup = await balances(s, admin);

    const cases: [
      string,
      Promise<{ status: number; body: { reason?: string; code: string } }>,
      number,
      string,
    ][] = [
      ['below the increment', bid(b, id, { amount: 112_000 }), 409, 'bid_too_low'],
      ['over the balance', bid(far, id, { amount: 400_000 }), 409, 'insufficient_funds'],
      ['a lot it may not see', bid(north, south.id, { amount: 100_000 }), 404, ''],
      ['a lot that does not exist', bid(a, newId(), { amount: 100_000 }), 404, ''],
      ['duplicated submission', bid(b, id, { id: dupId, amount: 110_000 }), 409, 'duplicate_bid'],
      ['fractional kopecks', bid(a, id, { amount: 120_000.5 }), 400, ''],
      ['negative amount', bid(a, id, { amount: -5 }), 400, ''],
      ['unknown field', bid(a, id, { amount: 120_000, price: 1 }), 400, ''],
      ['no amount', bid(a, id, {}), 400, ''],
      [
        'staff cannot bid',
        s.api(`/api/auction/lots/${id}/bids`, { token: admin, body: { id: newId(), amount: 200_000 } }),
        403,
        '',
      ],
      [
        'sales cannot bid',
        s.api(`/api/auction/lots/${id}/bids`, {
          token: w.salesA1.token,
          body: { id: newId(), amount: 200_000 },
        }),
        403,
        '',
      ],
    ];
    for (const [label, p, status, reason] of cases) {
      const r = await p;
      expect(r.status, `${label}: ${JSON.stringify(r.body)}`).toBe(status);
      if (reason) expect(r.body.reason, label).toBe(reason);
      expect(typeof (r.body as { message?: string }).message, label).toBe('string');
    }
    expect(await balances(s, admin)).toEqual(afterDup);
    expect(afterDup.get(a.id)).toMatchObject({ held: 0 });
    expect(before.get(a.id)).toMatchObject({ held: 100_000 });

    // After the end: refused, nothing moves.
    await endNow(id);
    const ended = await balances(s, admin);
    const late = await bid(a, id, { amount: 500_000 });
    expect(late.status).toBe(409);
    expect(['lot_closed', 'lot_ended']).toContain(late.body.reason);
    expect(await balances(s, admin)).toEqual(ended);
    // Creating a lot with nonsense is a 400 naming the field.
    const clientId = await makeLead(s.database.db, w.tag);
    const bad = await s.api('/api/auction/lots', {
      token: admin,
      body: { clientId, type: 'dutch', title: 'x', startPrice: 1, minIncrement: 0, endsAt: 'tomorrow' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'endsAt',
      'minIncrement',
      'type',
    ]);
    const partnerCreates = await s.api('/api/auction/lots', {
      token: a.token,
      body: { clientId, type: 'english', title: 'x', startPrice: 1, minIncrement: 1, endsAt: inSeconds(60) },
    });
    expect(partnerCreates.status).toBe(403);
  });

  it('the scheduler closes a lot at its end time without being asked', async () => {
    const [a] = await makeOrgs(s.database.db, w.tag, 1);
    if (!a) throw new Error('orgs');
    await fund(s, admin, a.id, 500_000);
    const { id } = await lot({ endsAt: inSeconds(7), extendWindowSeconds: 0 });
    expect((await bid(a, id, { amount: 100_000 })).status).toBe(201);
    const until = Date.now() + 15_000;
    let status = 'open';
    while (status === 'open' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await s.api(`/api/auction/lots/${id}`, { token: admin })).body.status;
    }
    expect(status).toBe('sold');
    const closedAt = Date.parse((await s.api(`/api/auction/lots/${id}`, { token: admin })).body.closedAt);
    const endsAt = Date.parse((await s.api(`/api/auction/lots/${id}`, { token: admin })).body.endsAt);
    expect(closedAt - endsAt).toBeLessThan(1500);
  });
});
