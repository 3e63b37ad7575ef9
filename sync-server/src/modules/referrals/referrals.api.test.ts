import { inflateSync } from 'node:zlib';
import { newId } from '@mak/shared/ids';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db.ts';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeWorld, type World } from '../../testing/world.ts';
import { balances, fund, makeOrgs, type Org } from '../economy/fixtures.ts';

// Referrals and money out: codes and the public referral form, 90-day protected attribution, commission rules
// (% of a won deal, flat per qualified lead, a second level), accrual after the hold, reversal and clawback,
// payout requests through approval to paid, and statements as CSV and PDF.

let s: TestServer;
let w: World;
let admin: string;
let pipelineId: string;
let open: string;
let won: string;

beforeAll(async () => {
  s = await startTestServer({ jobs: { enabled: false, tickMs: 1000, queue: 'unused' } });
  w = await makeWorld(s.database.db);
  admin = w.admin.token;
  pipelineId = newId();
  open = newId();
  won = newId();
  await s.database.db.execute(
    sql`insert into pipelines (id, name) values (${pipelineId}, ${`Реф ${w.tag}`})`,
  );
  await s.database.db.execute(sql`insert into stages (id, pipeline_id, name, position, is_won) values
    (${open}, ${pipelineId}, 'Переговоры', 0, false), (${won}, ${pipelineId}, 'Успешно', 1, true)`);
});
afterAll(() => s?.stop());

const sweep = () => s.deps.jobs?.runNow();

async function referredClient(code: string): Promise<string> {
  const name = `Реферал ${w.tag} ${newId().slice(-6)}`;
  const r = await s.api('/api/referrals/leads', { body: { code, name, phone: '+7 912 345-67-89' } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const [row] = rowsOf<{ id: string }>(
    await s.database.db.execute(sql`select id from clients where name = ${name}`),
  );
  return row?.id as string;
}

async function dealFor(clientId: string, amount: number): Promise<string> {
  const r = await s.api('/api/deals', {
    token: admin,
    body: { title: 'Сделка по рекомендации', clientId, pipelineId, stageId: open, amount },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

const move = (dealId: string, stageId: string) =>
  s.api(`/api/deals/${dealId}`, { method: 'PATCH', token: admin, body: { stageId } });

const commissionsOf = async (o: Org) =>
  (await s.api('/api/referrals/commissions', { token: o.token })).body.items as {
    id: string;
    level: number;
    kind: string;
    amount: number;
    status: string;
    dealId: string | null;
  }[];

describe('referrals, commissions, payouts', () => {
  let parent: Org;
  let child: Org;
  let code: string;

  it('a partner makes a code; the public form attributes a new lead to it, protected against a second claim', async () => {
    [parent, child] = (await makeOrgs(s.database.db, w.tag, 2)) as [Org, Org];
    const made = await s.api('/api/referrals/codes', { token: child.token, body: { label: 'Сайт' } });
    expect(made.status).toBe(201);
    code = made.body.code;
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    const mine = await s.api('/api/referrals/codes', { token: child.token });
    expect(mine.body.items.map((c: { code: string }) => c.code)).toEqual([code]);
    expect((await s.api('/api/referrals/codes', { token: parent.token })).body.items).toEqual([]);
    // The child organisation was itself brought by the parent: the second level.
    const link = await s.api('/api/referrals/attributions', {
      token: admin,
      body: { partnerId: parent.id, referredPartnerId: child.id },
    });
    expect(link.status, JSON.stringify(link.body)).toBe(201);

    const clientId = await referredClient(code.toLowerCase());
    const attributions = (await s.api('/api/referrals/attributions', { token: child.token })).body.items;
    expect(attributions).toHaveLength(1);
    expect(attributions[0]).toMatchObject({ clientId, subjectType: 'client', status: 'active' });
    expect(Date.parse(attributions[0].protectedUntil) - Date.now()).toBeGreaterThan(89 * 86_400_000);
    const [other] = await makeOrgs(s.database.db, w.tag, 1);
    const second = await s.api('/api/referrals/attributions', {
      token: admin,
      body: { partnerId: other?.id, clientId },
    });
    expect(second.status).toBe(409);
    expect(second.body.reason).toBe('already_attributed');
    // Bad codes and anonymous abuse are refused without creating anything.
    const bad = await s.api('/api/referrals/leads', {
      body: { code: 'NOPE-NOPE', name: 'x', phone: '+7 900 000-00-00' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('code');
    expect((await s.api('/api/referrals/leads', { body: { code, name: 'без контактов' } })).status).toBe(400);
  });

  it('a won deal accrues a pending commission (and the second level), approved into the wallet after the hold', async () => {
    const rule = await s.api('/api/referrals/rules', {
      token: admin,
      body: { name: '10 % от сделки', kind: 'percent_of_deal', rateBp: 1_000, holdDays: 30, priority: 1 },
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const tier2 = await s.api('/api/referrals/rules', {
      token: admin,
      body: { name: '5 % второй уровень', kind: 'percent_of_deal', rateBp: 500, level: 2, holdDays: 30 },
    });
    expect(tier2.status).toBe(201);
    expect((await s.api('/api/referrals/rules', { token: child.token })).status).toBe(403);

    const clientId = await referredClient(code);
    const dealId = await dealFor(clientId, 12_345_67);
    await sweep();
    expect(await commissionsOf(child)).toHaveLength(0);
    expect((await move(dealId, won)).status).toBe(200);
    await sweep();
    await sweep();
    const c1 = (await commissionsOf(child)).filter((c) => c.dealId === dealId);
    expect(c1).toEqual([expect.objectContaining({ level: 1, amount: 123_456, status: 'pending' })]);
    const c2 = (await commissionsOf(parent)).filter((c) => c.dealId === dealId);
    expect(c2).toEqual([expect.objectContaining({ level: 2, amount: 61_728, status: 'pending' })]);
    let b = await balances(s, admin);
    expect(b.get(child.id)).toMatchObject({ pending: 123_456, available: 0 });

    // The hold passes.
    await s.database.db.execute(
      sql`update commissions set hold_until = clock_timestamp() where deal_id = ${dealId}`,
    );
    await sweep();
    b = await balances(s, admin);
    expect(b.get(child.id)).toMatchObject({ pending: 0, available: 123_456 });
    expect(b.get(parent.id)).toMatchObject({ pending: 0, available: 61_728 });
    expect((await commissionsOf(child)).find((c) => c.dealId === dealId)?.status).toBe('approved');
  });

  it('a reversed deal: a pending commission is reversed, a paid-out one clawed back (the rest becomes debt)', async () => {
    // Pending: won and reversed inside the hold.
    const c1 = await referredClient(code);
    const d1 = await dealFor(c1, 1_000_000);
    await move(d1, won);
    await sweep();
    expect((await commissionsOf(child)).find((c) => c.dealId === d1)?.status).toBe('pending');
    await move(d1, open);
    await sweep();
    expect((await commissionsOf(child)).find((c) => c.dealId === d1)?.status).toBe('reversed');
    let b = await balances(s, admin);
    expect(b.get(child.id)).toMatchObject({ pending: 0, available: 123_456 });

    // Approved, then mostly paid out, then the deal is reversed: the wallet goes to zero, the rest is owed.
    const c2 = await referredClient(code);
    const d2 = await dealFor(c2, 2_000_000);
    await move(d2, won);
    await sweep();
    await s.database.db.execute(
      sql`update commissions set hold_until = clock_timestamp() where deal_id = ${d2}`,
    );
    await sweep();
    b = await balances(s, admin);
    expect(b.get(child.id)).toMatchObject({ available: 123_456 + 200_000 });
    const payout = await s.api('/api/payouts', { token: child.token, body: { amount: 300_000 } });
    expect(payout.status, JSON.stringify(payout.body)).toBe(201);
    await s.api(`/api/deals/${d2}`, { method: 'DELETE', token: admin });
    await sweep();
    expect((await commissionsOf(child)).find((c) => c.dealId === d2)?.status).toBe('clawed_back');
    b = await balances(s, admin);
    expect(b.get(child.id)).toMatchObject({
      available: 0,
      owed: -(200_000 - 23_456),
      payoutPending: 300_000,
    });
    // The next approval pays the debt first. Re-winning d1 accrues a fresh commission.
    await move(d1, won);
    await sweep();
    await s.database.db.execute(
      sql`update commissions set hold_until = clock_timestamp() where deal_id = ${d1} and status = 'pending'`,
    );
    await sweep();
    b = await balances(s, admin);
    // 100 000 of debt is paid off; 76 544 still owed, nothing reaches the wallet.
    expect(b.get(child.id)).toMatchObject({ owed: -(200_000 - 23_456 - 100_000), available: 0 });
    const levels = (await commissionsOf(child))
      .filter((c) => c.dealId === d1)
      .map((c) => c.status)
      .sort();
    expect(levels).toEqual(['approved', 'reversed']);
  });

  it('a flat sum per qualified lead, once', async () => {
    await s.api('/api/referrals/rules', {
      token: admin,
      body: { name: '500 ₽ за лид', kind: 'flat_per_lead', flatAmount: 50_000, holdDays: 0 },
    });
    const clientId = await referredClient(code);
    await sweep();
    expect((await commissionsOf(child)).filter((c) => c.kind === 'flat_per_lead')).toHaveLength(0);
    await s.api(`/api/clients/${clientId}`, { method: 'PATCH', token: admin, body: { status: 'prospect' } });
    await sweep();
    await sweep();
    await s.api(`/api/clients/${clientId}`, { method: 'PATCH', token: admin, body: { status: 'customer' } });
    await sweep();
    const flat = (await commissionsOf(child)).filter((c) => c.kind === 'flat_per_lead');
    expect(flat).toEqual([expect.objectContaining({ amount: 50_000, status: 'approved' })]);
  });

  it('payouts: owner requests, staff approve and pay or reject; bad requests change nothing', async () => {
    const [org] = await makeOrgs(s.database.db, w.tag, 1);
    const [manager] = await makeOrgs(s.database.db, w.tag, 1, { role: 'manager' });
    if (!org || !manager) throw new Error('orgs');
    await fund(s, admin, org.id, 500_000);
    await fund(s, admin, manager.id, 500_000);
    const before = await balances(s, admin);
    const id = newId();
    const refusals: [string, Promise<{ status: number; body: { reason?: string } }>, number, string?][] = [
      ['below the minimum', s.api('/api/payouts', { token: org.token, body: { amount: 50_000 } }), 400],
      [
        'over the balance',
        s.api('/api/payouts', { token: org.token, body: { amount: 600_000 } }),
        409,
        'insufficient_funds',
      ],
      [
        'a manager, not an owner',
        s.api('/api/payouts', { token: manager.token, body: { amount: 100_000 } }),
        403,
      ],
      ['staff cannot request', s.api('/api/payouts', { token: admin, body: { amount: 100_000 } }), 403],
    ];
    for (const [label, p, status, reason] of refusals) {
      const r = await p;
      expect(r.status, label).toBe(status);
      if (reason) expect(r.body.reason, label).toBe(reason);
    }
    expect(await balances(s, admin)).toEqual(before);

    const req = await s.api('/api/payouts', {
      token: org.token,
      body: { id, amount: 200_000, note: 'За октябрь' },
    });
    expect(req.status).toBe(201);
    const dup = await s.api('/api/payouts', { token: org.token, body: { id, amount: 200_000 } });
    expect(dup.status).toBe(409);
    expect((await balances(s, admin)).get(org.id)).toMatchObject({
      available: 300_000,
      payoutPending: 200_000,
    });
    expect((await s.api(`/api/payouts/${id}/approve`, { token: org.token, body: {} })).status).toBe(403);
    expect((await s.api(`/api/payouts/${id}/pay`, { token: admin, body: {} })).body.reason).toBe(
      'payout_state',
    );
    expect((await s.api(`/api/payouts/${id}/approve`, { token: admin, body: {} })).status).toBe(200);
    const paid = await s.api(`/api/payouts/${id}/pay`, { token: admin, body: { reference: 'п/п № 1024' } });
    expect(paid.body).toMatchObject({ status: 'paid', reference: 'п/п № 1024' });
    expect((await balances(s, admin)).get(org.id)).toMatchObject({
      available: 300_000,
      payoutPending: 0,
      total: 300_000,
    });

    const second = await s.api('/api/payouts', { token: org.token, body: { amount: 100_000 } });
    await s.api(`/api/payouts/${second.body.id}/reject`, { token: admin, body: { note: 'Нет реквизитов' } });
    expect((await balances(s, admin)).get(org.id)).toMatchObject({ available: 300_000, payoutPending: 0 });
    const mine = await s.api('/api/payouts', { token: org.token });
    expect(mine.body.items.map((p: { status: string }) => p.status).sort()).toEqual(['paid', 'rejected']);
    expect((await s.api(`/api/payouts?partnerId=${manager.id}`, { token: org.token })).status).toBe(403);
  });

  it('statements: CSV for Excel and a PDF with an embedded Cyrillic font', async () => {
    const csv = await fetch(`${s.url}/api/ledger/statement?format=csv`, {
      headers: { authorization: `Bearer ${child.token}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    const bytes = Buffer.from(
      await (
        await fetch(`${s.url}/api/ledger/statement`, { headers: { authorization: `Bearer ${child.token}` } })
      ).arrayBuffer(),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain('Выписка по счёту партнёра');
    expect(text).toContain('Комиссия одобрена');
    expect(text).toContain('Дата;Операция;Описание;Доступно, ₽;Всего, ₽');
    const closing = /Исходящий остаток \(доступно\);(.+)\r\n/.exec(text)?.[1];
    const b = (await balances(s, admin)).get(child.id) as { available: number };
    expect(closing).toBe((b.available / 100).toFixed(2).replace('.', ','));

    const pdfRes = await fetch(`${s.url}/api/ledger/statement?format=pdf&partnerId=${child.id}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(pdfRes.status).toBe(200);
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await pdfRes.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    // The ToUnicode maps of the embedded fonts carry the Cyrillic letters of the text: "В" (U+0412), "ы" (U+044B).
    const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
      try {
        return inflateSync(Buffer.from(m[1] as string, 'latin1')).toString('latin1');
      } catch {
        return '';
      }
    });
    const cmaps = streams.filter((x) => x.includes('begincmap')).join('\n');
    expect(cmaps).toMatch(/<0412>/i);
    expect(cmaps).toMatch(/<044b>/i);
    // A partner asks only for its own statement.
    const foreign = await s.api(`/api/ledger/statement?partnerId=${parent.id}`, { token: child.token });
    expect(foreign.status).toBe(403);
  });
});
