import type { Tx } from '../../platform/db.ts';
import { refused } from '../economy/errors.ts';
import { balancesOf, lockPartnerMoney, type Posted, post } from './book.ts';

/**
 * The money movements of the partner economy, each one balanced entry. Those that take money from the wallet lock
 * the partner's books first and refuse (409 insufficient_funds) rather than go below zero; the database's deferred
 * check (migrations/0005) is the backstop.
 */

interface Common {
  partnerId: string;
  memo: string;
  refType?: string;
  refId?: string;
  eventKey?: string;
  createdBy?: string | null;
}

const wallet = (partnerId: string) => ({ partnerId, kind: 'wallet' as const });
const held = (partnerId: string) => ({ partnerId, kind: 'held' as const });
const pending = (partnerId: string) => ({ partnerId, kind: 'pending' as const });
const payoutPending = (partnerId: string) => ({ partnerId, kind: 'payout_pending' as const });
const owed = (partnerId: string) => ({ partnerId, kind: 'owed' as const });
const house = <K extends 'cash' | 'auction_revenue' | 'commission_expense' | 'adjustments'>(kind: K) => ({
  partnerId: null,
  kind,
});

/** Locks the partner's books and checks the wallet covers `amount`. */
export async function requireAvailable(tx: Tx, partnerId: string, amount: number): Promise<number> {
  await lockPartnerMoney(tx, partnerId);
  const { available } = await balancesOf(tx, partnerId);
  if (available < amount)
    throw refused(
      'insufficient_funds',
      `Not enough available balance: ${available} kopecks, ${amount} needed`,
      {
        available,
        needed: amount,
      },
    );
  return available;
}

/** Money the partner paid in (a bank transfer to fund bids). */
export function deposit(tx: Tx, c: Common & { amount: number }): Promise<Posted> {
  return post(tx, {
    ...c,
    kind: 'deposit',
    lines: [
      { account: wallet(c.partnerId), amount: c.amount },
      { account: house('cash'), amount: -c.amount },
    ],
  });
}

export async function hold(tx: Tx, c: Common & { amount: number }): Promise<Posted> {
  await requireAvailable(tx, c.partnerId, c.amount);
  return post(tx, {
    ...c,
    kind: 'hold',
    lines: [
      { account: wallet(c.partnerId), amount: -c.amount },
      { account: held(c.partnerId), amount: c.amount },
    ],
  });
}

export function release(tx: Tx, c: Common & { amount: number }): Promise<Posted> {
  return post(tx, {
    ...c,
    kind: 'release',
    lines: [
      { account: held(c.partnerId), amount: -c.amount },
      { account: wallet(c.partnerId), amount: c.amount },
    ],
  });
}

/** The held amount becomes the house's: `price` is charged, the rest of the hold goes back to the wallet. */
export function charge(tx: Tx, c: Common & { held: number; price: number }): Promise<Posted> {
  if (c.price > c.held) throw new Error(`charge ${c.price} exceeds the hold ${c.held}`);
  return post(tx, {
    ...c,
    kind: 'charge',
    lines: [
      { account: held(c.partnerId), amount: -c.held },
      { account: house('auction_revenue'), amount: c.price },
      { account: wallet(c.partnerId), amount: c.held - c.price },
    ],
  });
}

/** A commission earned, waiting out its hold period. */
export function accrue(tx: Tx, c: Common & { amount: number }): Promise<Posted> {
  return post(tx, {
    ...c,
    kind: 'accrual',
    lines: [
      { account: pending(c.partnerId), amount: c.amount },
      { account: house('commission_expense'), amount: -c.amount },
    ],
  });
}

/** The hold is over: pending → wallet, first paying down any debt from an earlier clawback. */
export async function approve(tx: Tx, c: Common & { amount: number }): Promise<Posted> {
  await lockPartnerMoney(tx, c.partnerId);
  const debt = -(await balancesOf(tx, c.partnerId)).owed;
  const toDebt = Math.min(debt, c.amount);
  return post(tx, {
    ...c,
    kind: 'approval',
    lines: [
      { account: pending(c.partnerId), amount: -c.amount },
      { account: owed(c.partnerId), amount: toDebt },
      { account: wallet(c.partnerId), amount: c.amount - toDebt },
    ],
  });
}

/** A pending commission cancelled inside its hold (the deal was reversed). */
export function reverse(tx: Tx, c: Common & { amount: number }): Promise<Posted> {
  return post(tx, {
    ...c,
    kind: 'reversal',
    lines: [
      { account: pending(c.partnerId), amount: -c.amount },
      { account: house('commission_expense'), amount: c.amount },
    ],
  });
}

/** An approved commission taken back: from the wallet as far as it goes, the rest becomes debt (owed). */
export async function clawback(tx: Tx, c: Common & { amount: number }): Promise<Posted> {
  await lockPartnerMoney(tx, c.partnerId);
  const { available } = await balancesOf(tx, c.partnerId);
  const fromWallet = Math.min(available, c.amount);
  return post(tx, {
    ...c,
    kind: 'clawback',
    lines: [
      { account: wallet(c.partnerId), amount: -fromWallet },
      { account: owed(c.partnerId), amount: -(c.amount - fromWallet) },
      { account: house('commission_expense'), amount: c.amount },
    ],
  });
}

export async function requestPayout(tx: Tx, c: Common & { amount: number }): Promise<Posted> {
  await requireAvailable(tx, c.partnerId, c.amount);
  return post(tx, {
    ...c,
    kind: 'payout_request',
    lines: [
      { account: wallet(c.partnerId), amount: -c.amount },
      { account: payoutPending(c.partnerId), amount: c.amount },
    ],
  });
}

export function rejectPayout(tx: Tx, c: Common & { amount: number }): Promise<Posted> {
  return post(tx, {
    ...c,
    kind: 'payout_reject',
    lines: [
      { account: payoutPending(c.partnerId), amount: -c.amount },
      { account: wallet(c.partnerId), amount: c.amount },
    ],
  });
}

export function payPayout(tx: Tx, c: Common & { amount: number }): Promise<Posted> {
  return post(tx, {
    ...c,
    kind: 'payout_paid',
    lines: [
      { account: payoutPending(c.partnerId), amount: -c.amount },
      { account: house('cash'), amount: c.amount },
    ],
  });
}

/** A correction by an administrator: positive credits the wallet, negative debits it (never below zero). */
export async function adjust(tx: Tx, c: Common & { amount: number }): Promise<Posted> {
  if (c.amount < 0) await requireAvailable(tx, c.partnerId, -c.amount);
  return post(tx, {
    ...c,
    kind: 'adjustment',
    lines: [
      { account: wallet(c.partnerId), amount: c.amount },
      { account: house('adjustments'), amount: -c.amount },
    ],
  });
}
