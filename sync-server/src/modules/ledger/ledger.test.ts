import { DomainError } from '@mak/shared/errors';
import { newId } from '@mak/shared/ids';
import { ledgerEntries, ledgerPostings, partners } from '@mak/shared/schema';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, rowsOf, writeTx } from '../../platform/db.ts';
import { testConfig } from '../../testing/harness.ts';
import { accountId, type Balances, balancesOf } from './book.ts';
import * as ops from './operations.ts';

// The ledger's invariants under random operation sequences (seeded; the seed is printed) and under concurrency:
// every entry balances, every partner's balances equal what a plain model of the operations says, and the
// available balance never goes below zero; a refused operation changes nothing.

let database: Database;
const PARTNERS: string[] = [];

beforeAll(async () => {
  database = await openDatabase(testConfig().database);
  await database.migrate();
  const tag = Math.random().toString(36).slice(2, 8);
  for (let i = 0; i < 5; i++) PARTNERS.push(newId());
  await database.db.insert(partners).values(PARTNERS.map((id, i) => ({ id, name: `Ledger ${tag} ${i}` })));
});
afterAll(() => database?.close());

/** mulberry32: small, seedable, good enough to drive a property test. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)] as T,
  };
}

type Model = Omit<Balances, 'total'>;
const zero = (): Model => ({ available: 0, held: 0, pending: 0, payoutPending: 0, owed: 0 });

const tx = <T>(fn: Parameters<typeof writeTx<T>>[2]) => writeTx(database.db, null, fn);

async function refusedFunds(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return false;
  } catch (err) {
    if (err instanceof DomainError && err.details?.reason === 'insufficient_funds') return true;
    throw err;
  }
}

describe('ledger', () => {
  it('random operation sequences keep every entry balanced and every balance equal to the model', async () => {
    const seed = Number(process.env.LEDGER_SEED ?? Date.now() % 1_000_000);
    console.info(`ledger property test seed: ${seed} (LEDGER_SEED=${seed} to replay)`);
    const r = rng(seed);
    const model = new Map(PARTNERS.map((p) => [p, zero()]));
    const holds: { partnerId: string; ref: string; amount: number }[] = [];
    const pendings: { partnerId: string; amount: number }[] = [];
    const approved: { partnerId: string; amount: number }[] = [];
    const payouts: { partnerId: string; amount: number }[] = [];
    const amount = () => (1 + r.int(2000)) * 100;
    let refusals = 0;

    for (let i = 0; i < 400; i++) {
      const partnerId = r.pick(PARTNERS);
      const m = model.get(partnerId) as Model;
      const roll = r.int(11);
      if (roll === 0) {
        const a = amount();
        await tx((t) => ops.deposit(t, { partnerId, amount: a, memo: 'deposit' }));
        m.available += a;
      } else if (roll <= 2) {
        const a = amount();
        const ref = newId();
        const no = await refusedFunds(() =>
          tx((t) => ops.hold(t, { partnerId, amount: a, memo: 'hold', refType: 'lot', refId: ref })),
        );
        expect(no).toBe(m.available < a);
        if (no) refusals++;
        else {
          m.available -= a;
          m.held += a;
          holds.push({ partnerId, ref, amount: a });
        }
      } else if (roll === 3 && holds.length) {
        const h = holds.splice(r.int(holds.length), 1)[0] as (typeof holds)[number];
        const hm = model.get(h.partnerId) as Model;
        if (r.next() < 0.5) {
          await tx((t) => ops.release(t, { partnerId: h.partnerId, amount: h.amount, memo: 'release' }));
          hm.held -= h.amount;
          hm.available += h.amount;
        } else {
          const price = 1 + r.int(h.amount);
          await tx((t) => ops.charge(t, { partnerId: h.partnerId, held: h.amount, price, memo: 'charge' }));
          hm.held -= h.amount;
          hm.available += h.amount - price;
        }
      } else if (roll === 4) {
        const a = amount();
        await tx((t) => ops.accrue(t, { partnerId, amount: a, memo: 'accrual' }));
        m.pending += a;
        pendings.push({ partnerId, amount: a });
      } else if (roll === 5 && pendings.length) {
        const c = pendings.splice(r.int(pendings.length), 1)[0] as (typeof pendings)[number];
        const cm = model.get(c.partnerId) as Model;
        cm.pending -= c.amount;
        if (r.next() < 0.7) {
          await tx((t) => ops.approve(t, { partnerId: c.partnerId, amount: c.amount, memo: 'approve' }));
          const toDebt = Math.min(-cm.owed, c.amount);
          cm.owed += toDebt;
          cm.available += c.amount - toDebt;
          approved.push(c);
        } else {
          await tx((t) => ops.reverse(t, { partnerId: c.partnerId, amount: c.amount, memo: 'reverse' }));
        }
      } else if (roll === 6 && approved.length) {
        const c = approved.splice(r.int(approved.length), 1)[0] as (typeof approved)[number];
        const cm = model.get(c.partnerId) as Model;
        await tx((t) => ops.clawback(t, { partnerId: c.partnerId, amount: c.amount, memo: 'clawback' }));
        const fromWallet = Math.min(cm.available, c.amount);
        cm.available -= fromWallet;
        cm.owed -= c.amount - fromWallet;
      } else if (roll === 7) {
        const a = amount();
        const no = await refusedFunds(() =>
          tx((t) => ops.requestPayout(t, { partnerId, amount: a, memo: 'payout' })),
        );
        expect(no).toBe(m.available < a);
        if (no) refusals++;
        else {
          m.available -= a;
          m.payoutPending += a;
          payouts.push({ partnerId, amount: a });
        }
      } else if (roll === 8 && payouts.length) {
        const p = payouts.splice(r.int(payouts.length), 1)[0] as (typeof payouts)[number];
        const pm = model.get(p.partnerId) as Model;
        pm.payoutPending -= p.amount;
        if (r.next() < 0.5) {
          await tx((t) => ops.payPayout(t, { partnerId: p.partnerId, amount: p.amount, memo: 'paid' }));
        } else {
          await tx((t) =>
            ops.rejectPayout(t, { partnerId: p.partnerId, amount: p.amount, memo: 'rejected' }),
          );
          pm.available += p.amount;
        }
      } else if (roll >= 9) {
        const a = r.next() < 0.5 ? amount() : -amount();
        const no = await refusedFunds(() =>
          tx((t) => ops.adjust(t, { partnerId, amount: a, memo: 'adjust' })),
        );
        expect(no).toBe(a < 0 && m.available < -a);
        if (no) refusals++;
        else m.available += a;
      }

      if (i % 25 === 0 || i === 399) {
        for (const [p, expected] of model) {
          const got = await balancesOf(database.db, p);
          expect(got, `partner ${p} after op ${i} (seed ${seed})`).toMatchObject(expected);
          expect(got.available).toBeGreaterThanOrEqual(0);
          expect(got.total).toBe(got.available + got.held + got.pending + got.payoutPending + got.owed);
        }
      }
    }
    expect(refusals).toBeGreaterThan(0);

    const unbalanced = rowsOf(
      await database.db.execute(
        sql`select entry_id from ${ledgerPostings} group by entry_id having sum(amount) <> 0`,
      ),
    );
    expect(unbalanced).toEqual([]);
    // Every entry has postings, and the headline amount is what moved.
    const orphans = rowsOf(
      await database.db.execute(
        sql`select e.id from ${ledgerEntries} e left join ${ledgerPostings} p on p.entry_id = e.id
            group by e.id, e.amount having count(p.id) < 2 or e.amount <> sum(greatest(p.amount, 0))`,
      ),
    );
    expect(orphans).toEqual([]);
  });

  it('concurrent holds on one partner never spend more than it has', async () => {
    const partnerId = PARTNERS[0] as string;
    const before = await balancesOf(database.db, partnerId);
    // Drain to a known amount: exactly 10 holds of 1 000 ₽ can succeed.
    if (before.available > 0)
      await tx((t) => ops.adjust(t, { partnerId, amount: -before.available, memo: 'reset' }));
    await tx((t) => ops.deposit(t, { partnerId, amount: 1_000_000, memo: 'fund' }));
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () =>
        tx((t) => ops.hold(t, { partnerId, amount: 100_000, memo: 'race', refType: 'lot', refId: newId() })),
      ),
    );
    const ok = results.filter((x) => x.status === 'fulfilled').length;
    const refused = results.filter(
      (x) => x.status === 'rejected' && (x.reason as DomainError).details?.reason === 'insufficient_funds',
    ).length;
    expect(ok).toBe(10);
    expect(refused).toBe(20);
    const after = await balancesOf(database.db, partnerId);
    expect(after.available).toBe(0);
    expect(after.held).toBe(before.held + 1_000_000);
  });

  it('the database refuses an unbalanced entry or a negative wallet even if code tried', async () => {
    const partnerId = PARTNERS[1] as string;
    const raw = async (amounts: number[]) =>
      tx(async (t) => {
        const entryId = newId();
        await t
          .insert(ledgerEntries)
          .values({ id: entryId, kind: 'adjustment', partnerId, amount: 1, memo: 'raw' });
        const wallet = await accountId(t, { partnerId, kind: 'wallet' });
        const house = await accountId(t, { partnerId: null, kind: 'adjustments' });
        await t.insert(ledgerPostings).values(
          amounts.map((amount, i) => ({
            id: newId(),
            entryId,
            accountId: i === 0 ? wallet : house,
            partnerId: i === 0 ? partnerId : null,
            accountKind: i === 0 ? 'wallet' : 'adjustments',
            amount,
          })),
        );
      });
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => 'committed',
        (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`,
      );
    expect(await failure(raw([100, -99]))).toMatch(/does not balance/);
    const { available } = await balancesOf(database.db, partnerId);
    expect(await failure(raw([-(available + 1), available + 1]))).toMatch(/would be -1/);
    const edit = sql`update ${ledgerPostings} set amount = amount + 1 where partner_id = ${partnerId}`;
    expect(await failure(database.db.execute(edit))).toMatch(/append-only/);
    expect((await balancesOf(database.db, partnerId)).available).toBe(available);
  });

  it('an event key books once', async () => {
    const partnerId = PARTNERS[2] as string;
    const key = `test:${newId()}`;
    const a = await tx((t) => ops.deposit(t, { partnerId, amount: 500, memo: 'once', eventKey: key }));
    const b = await tx((t) => ops.deposit(t, { partnerId, amount: 500, memo: 'once', eventKey: key }));
    expect(a.fresh).toBe(true);
    expect(b).toEqual({ entryId: a.entryId, fresh: false });
  });
});
