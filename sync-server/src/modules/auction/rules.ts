/**
 * The auction's arithmetic, kept pure so it can be tested on its own. The English step is also computed by the
 * database (mak_auction_step in migrations/0005) for the public listing: keep the two the same.
 */

export type AuctionType = 'english' | 'sealed_first' | 'sealed_second';

export interface LotTerms {
  type: AuctionType;
  startPrice: number;
  reservePrice: number;
  minIncrement: number;
  minIncrementBp: number;
  buyNowPrice: number | null;
  currentPrice: number | null;
}

/** max(min_increment, ⌈current × bp / 10 000⌉). */
export function step(current: number, minIncrement: number, bp: number): number {
  return Math.max(minIncrement, Math.ceil((current * bp) / 10_000));
}

/** The least bid accepted now: English → current + step (or the start price); sealed → the start price. */
export function minNextBid(lot: LotTerms): number {
  if (lot.type === 'english' && lot.currentPrice !== null)
    return lot.currentPrice + step(lot.currentPrice, lot.minIncrement, lot.minIncrementBp);
  return Math.max(lot.startPrice, 1);
}

/** Buy-now is offered until the English bidding reaches it. */
export function buyNowOpen(lot: LotTerms): boolean {
  if (lot.buyNowPrice === null) return false;
  return lot.type !== 'english' || lot.currentPrice === null || lot.currentPrice < lot.buyNowPrice;
}

export interface Extension {
  endsAt: Date;
  extensions: number;
}

/**
 * Soft close: a bid accepted with less than `window` left moves the end to now + `by`, at most `max` times, so
 * the auction always ends.
 */
export function extendOnBid(
  now: Date,
  endsAt: Date,
  extensions: number,
  t: { windowSeconds: number; bySeconds: number; maxExtensions: number },
): Extension {
  const left = endsAt.getTime() - now.getTime();
  if (left >= t.windowSeconds * 1000 || extensions >= t.maxExtensions || t.bySeconds === 0)
    return { endsAt, extensions };
  const moved = new Date(now.getTime() + t.bySeconds * 1000);
  return moved > endsAt ? { endsAt: moved, extensions: extensions + 1 } : { endsAt, extensions };
}

export interface SealedBid {
  partnerId: string;
  amount: number;
  /** Server time of the bid that set this amount: earlier wins a tie. */
  at: number;
}

export interface Outcome {
  winner: string | null;
  price: number | null;
}

/** Highest first, ties to the earlier bid. */
export function rank(bids: SealedBid[]): SealedBid[] {
  return [...bids].sort((a, b) => b.amount - a.amount || a.at - b.at);
}

/**
 * Who wins and what it pays. English: the leader pays its bid. Sealed first-price: the highest pays its bid.
 * Second-price: max(reserve, second bid + increment), never more than its own bid. Below the reserve: no sale.
 */
export function decide(lot: LotTerms, bids: SealedBid[]): Outcome {
  const [top, second] = rank(bids);
  if (!top || top.amount < lot.reservePrice) return { winner: null, price: null };
  if (lot.type === 'sealed_second') {
    const floor = Math.max(lot.reservePrice, lot.startPrice, 1);
    const fromSecond = second ? second.amount + lot.minIncrement : floor;
    return { winner: top.partnerId, price: Math.min(top.amount, Math.max(floor, fromSecond)) };
  }
  return { winner: top.partnerId, price: top.amount };
}
