import { newId } from '@mak/shared/ids';
import {
  type LedgerAccountKind,
  type LedgerEntryKind,
  ledgerAccounts,
  ledgerEntries,
  ledgerPostings,
} from '@mak/shared/schema';
import { eq, sql } from 'drizzle-orm';
import { type Queryable, rowsOf, type Tx } from '../../platform/db.ts';

/** The partner's side of the books. wallet is what it may spend now ("available"). */
export const PARTNER_ACCOUNTS = ['wallet', 'held', 'pending', 'payout_pending', 'owed'] as const;
export type PartnerAccount = (typeof PARTNER_ACCOUNTS)[number];
export type HouseAccount = Exclude<LedgerAccountKind, PartnerAccount>;

export type Side = { partnerId: string; kind: PartnerAccount } | { partnerId: null; kind: HouseAccount };

export interface Line {
  account: Side;
  /** Signed kopecks; the lines of one entry sum to zero. */
  amount: number;
}

export interface EntryInput {
  kind: LedgerEntryKind;
  partnerId: string | null;
  memo: string;
  lines: Line[];
  refType?: string;
  refId?: string;
  /** One entry per business event: posting the same key twice writes nothing the second time. */
  eventKey?: string;
  createdBy?: string | null;
}

export interface Posted {
  entryId: string;
  /** false when the event key was already booked (nothing was written). */
  fresh: boolean;
}

const keyOf = (side: Side) => (side.partnerId ? `p:${side.partnerId}:${side.kind}` : `house:${side.kind}`);

/** The account's id, created on first use (concurrent creators meet on the unique key). */
export async function accountId(q: Queryable, side: Side): Promise<string> {
  const key = keyOf(side);
  const [found] = await q
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.key, key));
  if (found) return found.id;
  await q
    .insert(ledgerAccounts)
    .values({ id: newId(), key, partnerId: side.partnerId, kind: side.kind })
    .onConflictDoNothing({ target: ledgerAccounts.key });
  const [made] = await q
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.key, key));
  if (!made) throw new Error(`ledger account ${key} could not be created`);
  return made.id;
}

/**
 * Serialises money movements of one partner until the transaction ends: its wallet row is locked FOR NO KEY
 * UPDATE, which leaves the foreign-key checks of other postings (KEY SHARE) unblocked, so credits from other
 * transactions never wait on it and lock cycles cannot form through them.
 */
export async function lockPartnerMoney(tx: Tx, partnerId: string): Promise<void> {
  const id = await accountId(tx, { partnerId, kind: 'wallet' });
  await tx.execute(sql`select 1 from ${ledgerAccounts} where ${ledgerAccounts.id} = ${id} for no key update`);
}

/** Books one balanced entry. Refuses unbalanced or fractional lines before the database's own check would. */
export async function post(tx: Tx, input: EntryInput): Promise<Posted> {
  const lines = input.lines.filter((l) => l.amount !== 0);
  if (lines.length < 2) throw new Error('a ledger entry needs at least two non-zero lines');
  for (const l of lines)
    if (!Number.isSafeInteger(l.amount)) throw new Error(`not whole kopecks: ${l.amount}`);
  const total = lines.reduce((s, l) => s + l.amount, 0);
  if (total !== 0) throw new Error(`ledger entry ${input.kind} does not balance (${total})`);
  const headline = lines.filter((l) => l.amount > 0).reduce((s, l) => s + l.amount, 0);
  const entryId = newId();
  const inserted = await tx
    .insert(ledgerEntries)
    .values({
      id: entryId,
      kind: input.kind,
      partnerId: input.partnerId,
      amount: headline,
      memo: input.memo.slice(0, 500),
      refType: input.refType,
      refId: input.refId,
      eventKey: input.eventKey,
      createdBy: input.createdBy ?? null,
    })
    .onConflictDoNothing({ target: ledgerEntries.eventKey })
    .returning({ id: ledgerEntries.id });
  if (!inserted.length) {
    const [prior] = await tx
      .select({ id: ledgerEntries.id })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.eventKey, input.eventKey as string));
    return { entryId: prior?.id ?? '', fresh: false };
  }
  const rows = [];
  for (const l of lines) {
    rows.push({
      id: newId(),
      entryId,
      accountId: await accountId(tx, l.account),
      partnerId: l.account.partnerId,
      accountKind: l.account.kind,
      amount: l.amount,
    });
  }
  await tx.insert(ledgerPostings).values(rows);
  return { entryId, fresh: true };
}

export interface Balances {
  /** Spendable now (bids, payouts). */
  available: number;
  held: number;
  pending: number;
  payoutPending: number;
  /** Debt from clawbacks after payout (≤ 0). */
  owed: number;
  /** Everything the partner has with us, net of debt. */
  total: number;
}

export const ZERO_BALANCES: Balances = {
  available: 0,
  held: 0,
  pending: 0,
  payoutPending: 0,
  owed: 0,
  total: 0,
};

/** Balances summed from postings, the only source of truth. */
export async function balancesOf(q: Queryable, partnerId: string): Promise<Balances> {
  const rows = rowsOf<{ kind: string; sum: string }>(
    await q.execute(sql`select ${ledgerPostings.accountKind} as kind, sum(${ledgerPostings.amount})::text as sum
      from ${ledgerPostings} where ${ledgerPostings.partnerId} = ${partnerId} group by 1`),
  );
  const by = new Map(rows.map((r) => [r.kind, Number(r.sum)]));
  const get = (k: PartnerAccount) => by.get(k) ?? 0;
  const b = {
    available: get('wallet'),
    held: get('held'),
    pending: get('pending'),
    payoutPending: get('payout_pending'),
    owed: get('owed'),
  };
  return { ...b, total: b.available + b.held + b.pending + b.payoutPending + b.owed };
}

/** Every partner's balances at once (staff overview). */
export async function allBalances(q: Queryable): Promise<Map<string, Balances>> {
  const rows = rowsOf<{ partner_id: string; kind: string; sum: string }>(
    await q.execute(sql`select ${ledgerPostings.partnerId} as partner_id, ${ledgerPostings.accountKind} as kind,
      sum(${ledgerPostings.amount})::text as sum from ${ledgerPostings}
      where ${ledgerPostings.partnerId} is not null group by 1, 2`),
  );
  const out = new Map<string, Balances>();
  for (const r of rows) {
    const b = out.get(r.partner_id) ?? { ...ZERO_BALANCES };
    const n = Number(r.sum);
    if (r.kind === 'wallet') b.available = n;
    else if (r.kind === 'held') b.held = n;
    else if (r.kind === 'pending') b.pending = n;
    else if (r.kind === 'payout_pending') b.payoutPending = n;
    else if (r.kind === 'owed') b.owed = n;
    b.total = b.available + b.held + b.pending + b.payoutPending + b.owed;
    out.set(r.partner_id, b);
  }
  return out;
}

/** The hold currently standing for one reference (a lot): held in minus released/charged out. */
export async function heldFor(
  q: Queryable,
  partnerId: string,
  refType: string,
  refId: string,
): Promise<number> {
  const rows = rowsOf<{ sum: string | null }>(
    await q.execute(sql`select sum(p.amount)::text as sum from ${ledgerPostings} p
      join ${ledgerEntries} e on e.id = p.entry_id
      where p.partner_id = ${partnerId} and p.account_kind = 'held'
        and e.ref_type = ${refType} and e.ref_id = ${refId}`),
  );
  return Number(rows[0]?.sum ?? 0);
}
