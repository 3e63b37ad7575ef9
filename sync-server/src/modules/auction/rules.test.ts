import { describe, expect, it } from 'vitest';
import { buyNowOpen, decide, extendOnBid, type LotTerms, minNextBid, step } from './rules.ts';

const lot = (over: Partial<LotTerms> = {}): LotTerms => ({
  type: 'english',
  startPrice: 100_000,
  reservePrice: 0,
  minIncrement: 5_000,
  minIncrementBp: 500,
  buyNowPrice: null,
  currentPrice: null,
  ...over,
});

describe('auction rules', () => {
  it('steps by max(absolute, percent of current), rounding up', () => {
    expect(step(50_000, 5_000, 500)).toBe(5_000);
    expect(step(200_000, 5_000, 500)).toBe(10_000);
    expect(step(100_001, 1, 500)).toBe(5_001);
    expect(minNextBid(lot())).toBe(100_000);
    expect(minNextBid(lot({ currentPrice: 200_000 }))).toBe(210_000);
    expect(minNextBid(lot({ type: 'sealed_first', currentPrice: 200_000 }))).toBe(100_000);
  });

  it('extends a late bid, capped', () => {
    const t = { windowSeconds: 120, bySeconds: 120, maxExtensions: 2 };
    const end = new Date('2026-01-01T12:00:00Z');
    const late = new Date('2026-01-01T11:59:30Z');
    expect(extendOnBid(new Date('2026-01-01T11:50:00Z'), end, 0, t)).toEqual({ endsAt: end, extensions: 0 });
    const once = extendOnBid(late, end, 0, t);
    expect(once).toEqual({ endsAt: new Date('2026-01-01T12:01:30Z'), extensions: 1 });
    expect(extendOnBid(late, end, 2, t)).toEqual({ endsAt: end, extensions: 2 });
  });

  it('decides English, first-price and second-price outcomes with reserve and ties', () => {
    const bids = [
      { partnerId: 'a', amount: 2_600, at: 3 },
      { partnerId: 'b', amount: 2_400, at: 1 },
      { partnerId: 'c', amount: 2_100, at: 2 },
    ];
    const terms = { startPrice: 1_000, minIncrement: 100, minIncrementBp: 0 };
    expect(decide(lot({ ...terms, type: 'sealed_first' }), bids)).toEqual({ winner: 'a', price: 2_600 });
    // 26/24/21 → pays 25 (second + increment).
    expect(decide(lot({ ...terms, type: 'sealed_second' }), bids)).toEqual({ winner: 'a', price: 2_500 });
    // Never more than its own bid; the reserve is a floor.
    expect(
      decide(lot({ ...terms, type: 'sealed_second' }), [
        { partnerId: 'a', amount: 2_450, at: 1 },
        { partnerId: 'b', amount: 2_400, at: 2 },
      ]),
    ).toEqual({ winner: 'a', price: 2_450 });
    expect(decide(lot({ ...terms, type: 'sealed_second', reservePrice: 2_550 }), bids)).toEqual({
      winner: 'a',
      price: 2_550,
    });
    expect(decide(lot({ ...terms, reservePrice: 3_000, type: 'sealed_first' }), bids)).toEqual({
      winner: null,
      price: null,
    });
    // A tie goes to the earlier bid.
    expect(
      decide(lot({ type: 'sealed_first' }), [
        { partnerId: 'late', amount: 500, at: 9 },
        { partnerId: 'early', amount: 500, at: 1 },
      ]).winner,
    ).toBe('early');
  });

  it('offers buy-now until the bidding reaches it', () => {
    expect(buyNowOpen(lot({ buyNowPrice: 300_000 }))).toBe(true);
    expect(buyNowOpen(lot({ buyNowPrice: 300_000, currentPrice: 300_000 }))).toBe(false);
    expect(buyNowOpen(lot())).toBe(false);
  });
});
