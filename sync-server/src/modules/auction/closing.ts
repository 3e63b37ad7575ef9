import { auctionLots, auctionStandings, domainEvents, leadDistributions } from '@mak/shared/schema';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { type Db, type Tx, writeTx } from '../../platform/db.ts';
import { redistributeAfterAuction } from '../distribution/engine.ts';
import { handOver } from '../distribution/handover.ts';
import { heldFor } from '../ledger/book.ts';
import { charge, release } from '../ledger/operations.ts';
import { termsOf } from './bidding.ts';
import { dbNow } from './clock.ts';
import { loadLot } from './lots.ts';
import { decide } from './rules.ts';

export interface Settled {
  lotId: string;
  status: 'sold' | 'unsold';
  winner: string | null;
  price: number | null;
}

/**
 * Closes a lot inside `tx`: the status flips with a conditional UPDATE … WHERE status = 'open' RETURNING in the
 * same transaction as the ledger entries, so however many closers race (jobs on two instances, a buy-now, an
 * admin), exactly one settles it and the rest find nothing to do. The winner's hold becomes the charge (the rest
 * of it returns), every other hold is released, the winner gets the lead; an unsold lead goes back to distribution.
 */
export async function settleLot(
  tx: Tx,
  lotId: string,
  opts: { buyNow?: { partnerId: string; price: number }; cancelled?: boolean } = {},
): Promise<Settled | null> {
  const lot = await loadLot(tx, lotId, true);
  if (lot?.status !== 'open') return null;
  const standings = await tx.select().from(auctionStandings).where(eq(auctionStandings.lotId, lotId));
  const outcome = opts.cancelled
    ? { winner: null, price: null }
    : opts.buyNow
      ? { winner: opts.buyNow.partnerId, price: opts.buyNow.price }
      : lot.type === 'english'
        ? lot.leaderPartnerId && (lot.currentPrice ?? 0) >= lot.reservePrice
          ? { winner: lot.leaderPartnerId, price: lot.currentPrice }
          : { winner: null, price: null }
        : decide(
            termsOf(lot),
            standings.map((s) => ({ partnerId: s.partnerId, amount: s.myBid, at: Date.parse(s.lastBidAt) })),
          );
  const status = opts.cancelled ? 'cancelled' : outcome.winner ? 'sold' : 'unsold';
  const now = (await dbNow(tx)).toISOString();
  const flipped = await tx
    .update(auctionLots)
    .set({
      status,
      winnerPartnerId: outcome.winner,
      winningPrice: outcome.price,
      closedAt: now,
      closeReason: opts.cancelled
        ? 'cancelled'
        : opts.buyNow
          ? 'buy_now'
          : outcome.winner
            ? 'ended'
            : 'no_sale',
    })
    .where(and(eq(auctionLots.id, lotId), eq(auctionLots.status, 'open')))
    .returning({ id: auctionLots.id });
  if (!flipped.length) return null;

  const ref = { refType: 'auction_lot', refId: lotId };
  for (const s of standings) {
    const held = await heldFor(tx, s.partnerId, 'auction_lot', lotId);
    const won = s.partnerId === outcome.winner;
    if (won && outcome.price !== null) {
      await charge(tx, {
        partnerId: s.partnerId,
        held,
        price: outcome.price,
        memo: `Покупка лида на аукционе: ${lot.title}`,
        eventKey: `lot:${lotId}:charge`,
        ...ref,
      });
    } else if (held > 0) {
      await release(tx, {
        partnerId: s.partnerId,
        amount: held,
        memo: `Аукцион завершён: ${lot.title}`,
        eventKey: `lot:${lotId}:release:${s.partnerId}`,
        ...ref,
      });
    }
    await tx
      .update(auctionStandings)
      .set({
        held: 0,
        isLeading: won,
        outcome: won ? 'won' : 'lost',
        pricePaid: won ? outcome.price : null,
      })
      .where(eq(auctionStandings.id, s.id));
  }

  if (outcome.winner) {
    await handOver(tx, { clientId: lot.clientId, dealId: lot.dealId }, outcome.winner);
    if (lot.distributionId)
      await tx
        .update(leadDistributions)
        .set({ status: 'assigned', assignedPartnerId: outcome.winner })
        .where(eq(leadDistributions.id, lot.distributionId));
  } else if (lot.distributionId) {
    if (opts.cancelled)
      await tx
        .update(leadDistributions)
        .set({ status: 'cancelled' })
        .where(eq(leadDistributions.id, lot.distributionId));
    else await redistributeAfterAuction(tx, lot.distributionId);
  }
  await tx.insert(domainEvents).values({
    name: `auction.${status}`,
    entity: 'auction_lots',
    entityId: lotId,
    payload: { winner: outcome.winner, price: outcome.price, bids: lot.bidCount },
  });
  return { lotId, status: outcome.winner ? 'sold' : 'unsold', winner: outcome.winner, price: outcome.price };
}

/** Closes one lot if it is due. Safe to call any number of times from any number of processes. */
export async function closeLot(db: Db, lotId: string): Promise<Settled | null> {
  return writeTx(db, null, async (tx) => {
    const lot = await loadLot(tx, lotId, true);
    if (lot?.status !== 'open') return null;
    if (new Date(lot.endsAt) > (await dbNow(tx))) return null;
    return settleLot(tx, lotId);
  });
}

/** Every lot past its end, oldest first, each in its own transaction. */
export async function closeDueLots(db: Db, limit = 100): Promise<Settled[]> {
  const due = await db
    .select({ id: auctionLots.id })
    .from(auctionLots)
    .where(and(eq(auctionLots.status, 'open'), lte(auctionLots.endsAt, sql`clock_timestamp()`)))
    .orderBy(asc(auctionLots.endsAt))
    .limit(limit);
  const out: Settled[] = [];
  for (const { id } of due) {
    const settled = await closeLot(db, id);
    if (settled) out.push(settled);
  }
  return out;
}

/** The next end time of an open lot, for a scheduler that sleeps until then. */
export async function nextLotEnd(db: Db): Promise<Date | null> {
  const [row] = await db
    .select({ endsAt: auctionLots.endsAt })
    .from(auctionLots)
    .where(eq(auctionLots.status, 'open'))
    .orderBy(asc(auctionLots.endsAt))
    .limit(1);
  return row ? new Date(row.endsAt) : null;
}
