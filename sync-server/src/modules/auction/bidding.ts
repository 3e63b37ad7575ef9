import { DomainError } from '@mak/shared/errors';
import { newId } from '@mak/shared/ids';
import { auctionBids, auctionLots, auctionStandings } from '@mak/shared/schema';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db.ts';
import { loadPartner } from '../economy/access.ts';
import { refused } from '../economy/errors.ts';
import { heldFor } from '../ledger/book.ts';
import { hold, release } from '../ledger/operations.ts';
import { dbNow } from './clock.ts';
import { settleLot } from './closing.ts';
import { eligible, type Lot, loadLot } from './lots.ts';
import { buyNowOpen, extendOnBid, type LotTerms, minNextBid } from './rules.ts';

export interface BidInput {
  /** Client-made: the same id twice is one bid (the second answers 409 duplicate_bid, nothing changes). */
  id: string;
  lotId: string;
  partnerId: string;
  userId: string;
  amount?: number;
  buyNow?: boolean;
}

export interface BidResult {
  bidId: string;
  amount: number;
  leading: boolean | null;
  won: boolean;
  endsAt: string;
}

export const termsOf = (lot: Lot): LotTerms => ({
  type: lot.type as LotTerms['type'],
  startPrice: lot.startPrice,
  reservePrice: lot.reservePrice,
  minIncrement: lot.minIncrement,
  minIncrementBp: lot.minIncrementBp,
  buyNowPrice: lot.buyNowPrice,
  currentPrice: lot.currentPrice,
});

const ref = (lotId: string) => ({ refType: 'auction_lot', refId: lotId });

/** Tops the partner's hold on this lot up to `target` (sealed bids and raised English bids hold the difference). */
async function holdUpTo(tx: Tx, partnerId: string, lotId: string, target: number, userId: string) {
  const already = await heldFor(tx, partnerId, 'auction_lot', lotId);
  if (target > already)
    await hold(tx, {
      partnerId,
      amount: target - already,
      memo: 'Ставка на лот',
      ...ref(lotId),
      createdBy: userId,
    });
  return target;
}

async function upsertStanding(
  tx: Tx,
  s: { lotId: string; partnerId: string; myBid: number; held: number; isLeading: boolean; at: string },
) {
  await tx
    .insert(auctionStandings)
    .values({
      id: newId(),
      lotId: s.lotId,
      partnerId: s.partnerId,
      myBid: s.myBid,
      held: s.held,
      isLeading: s.isLeading,
      lastBidAt: s.at,
    })
    .onConflictDoUpdate({
      target: [auctionStandings.lotId, auctionStandings.partnerId],
      set: { myBid: s.myBid, held: s.held, isLeading: s.isLeading, lastBidAt: s.at },
    });
}

/**
 * One bid, in one transaction under the lot's row lock, so bids on a lot are applied one at a time in the order
 * the lock grants them: the leading English bid holds its full amount, the bid it beats is released in the same
 * transaction; a sealed bid holds the partner's own amount. Every refusal happens before anything is written.
 */
export async function placeBid(tx: Tx, input: BidInput): Promise<BidResult> {
  const lot = await loadLot(tx, input.lotId, true);
  const org = await loadPartner(tx, input.partnerId);
  // A lot outside the partner's territory does not exist for it.
  if (!lot || !eligible(org, lot.territory)) {
    if (lot && org.status !== 'active')
      throw new DomainError('forbidden', `The partner organisation is ${org.status}`, {
        details: { reason: 'partner_not_active' },
      });
    throw DomainError.notFound('auction lot');
  }
  const [dup] = await tx
    .select({ amount: auctionBids.amount, lotId: auctionBids.lotId })
    .from(auctionBids)
    .where(eq(auctionBids.id, input.id));
  if (dup)
    throw refused('duplicate_bid', 'This bid was already submitted', { bidId: input.id, amount: dup.amount });
  if (lot.status !== 'open') throw refused('lot_closed', 'The auction for this lot is over');
  const now = await dbNow(tx);
  if (now < new Date(lot.startsAt)) throw refused('lot_not_started', 'The auction has not started yet');
  if (now >= new Date(lot.endsAt)) throw refused('lot_ended', 'The auction has ended');

  const terms = termsOf(lot);
  const buyNow = input.buyNow === true;
  let amount: number;
  if (buyNow) {
    if (!buyNowOpen(terms)) throw refused('buy_now_unavailable', 'Buy-now is not offered on this lot now');
    amount = lot.buyNowPrice as number;
  } else {
    if (input.amount === undefined) throw DomainError.validation('amount', 'required unless buyNow');
    amount = input.amount;
    const minimum = minNextBid(terms);
    if (amount < minimum)
      throw refused('bid_too_low', `The least bid now is ${minimum} kopecks`, { minimum, amount });
  }

  const [mine] = await tx
    .select()
    .from(auctionStandings)
    .where(and(eq(auctionStandings.lotId, lot.id), eq(auctionStandings.partnerId, input.partnerId)));
  const english = lot.type === 'english';
  if (!english && !buyNow && mine && amount <= mine.myBid)
    throw refused('bid_not_raised', `Your sealed bid is ${mine.myBid} kopecks; a new one must be higher`, {
      current: mine.myBid,
    });

  const at = now.toISOString();
  // Money first: a bid the partner cannot cover is refused before the bid, standing or lot change.
  await holdUpTo(tx, input.partnerId, lot.id, amount, input.userId);
  await tx.insert(auctionBids).values({
    id: input.id,
    lotId: lot.id,
    partnerId: input.partnerId,
    userId: input.userId,
    amount,
    buyNow,
    receivedAt: at,
  });

  const leaderBefore = lot.leaderPartnerId;
  if (english && leaderBefore && leaderBefore !== input.partnerId) {
    const outbid = await heldFor(tx, leaderBefore, 'auction_lot', lot.id);
    if (outbid > 0)
      await release(tx, { partnerId: leaderBefore, amount: outbid, memo: 'Ставка перебита', ...ref(lot.id) });
    await tx
      .update(auctionStandings)
      .set({ held: 0, isLeading: false })
      .where(and(eq(auctionStandings.lotId, lot.id), eq(auctionStandings.partnerId, leaderBefore)));
  }
  await upsertStanding(tx, {
    lotId: lot.id,
    partnerId: input.partnerId,
    myBid: amount,
    held: amount,
    isLeading: english,
    at,
  });

  const ext = extendOnBid(now, new Date(lot.endsAt), lot.extensions, {
    windowSeconds: lot.extendWindowSeconds,
    bySeconds: lot.extendBySeconds,
    maxExtensions: lot.maxExtensions,
  });
  await tx
    .update(auctionLots)
    .set({
      bidCount: sql`${auctionLots.bidCount} + 1`,
      endsAt: ext.endsAt.toISOString(),
      extensions: ext.extensions,
      ...(english ? { currentPrice: amount, leaderPartnerId: input.partnerId, leaderBidId: input.id } : {}),
    })
    .where(eq(auctionLots.id, lot.id));

  if (buyNow) {
    await settleLot(tx, lot.id, { buyNow: { partnerId: input.partnerId, price: amount } });
    return { bidId: input.id, amount, leading: true, won: true, endsAt: at };
  }
  return {
    bidId: input.id,
    amount,
    leading: english ? true : null,
    won: false,
    endsAt: ext.endsAt.toISOString(),
  };
}
