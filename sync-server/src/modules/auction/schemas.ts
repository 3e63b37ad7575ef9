import { z } from '@hono/zod-openapi';
import { Kopecks } from '../economy/money.ts';

const money = z.number().int();
const ts = z.string();

/** What a partner sees of a lot (auction_listings) with its own standing. */
export const Listing = z
  .object({
    id: z.string(),
    type: z.string(),
    status: z.string(),
    title: z.string(),
    territory: z.string().nullable(),
    preview: z.record(z.string(), z.unknown()),
    currency: z.string(),
    startPrice: money,
    currentPrice: money.nullable(),
    minNextBid: money,
    buyNowPrice: money.nullable(),
    reserveMet: z.boolean(),
    bidCount: z.number().int(),
    startsAt: ts,
    endsAt: ts,
    extensions: z.number().int(),
    maxExtensions: z.number().int(),
    closedAt: ts.nullable(),
    mine: z
      .object({
        myBid: money,
        held: money,
        isLeading: z.boolean(),
        outcome: z.string().nullable(),
        pricePaid: money.nullable(),
      })
      .nullable(),
  })
  .openapi('AuctionListing');

/** The full lot, for staff. */
export const Lot = z
  .object({
    id: z.string(),
    distributionId: z.string().nullable(),
    clientId: z.string(),
    dealId: z.string().nullable(),
    type: z.string(),
    status: z.string(),
    title: z.string(),
    territory: z.string().nullable(),
    preview: z.record(z.string(), z.unknown()),
    startPrice: money,
    reservePrice: money,
    minIncrement: money,
    minIncrementBp: z.number().int(),
    buyNowPrice: money.nullable(),
    startsAt: ts,
    endsAt: ts,
    originalEndsAt: ts,
    extensions: z.number().int(),
    currentPrice: money.nullable(),
    leaderPartnerId: z.string().nullable(),
    bidCount: z.number().int(),
    winnerPartnerId: z.string().nullable(),
    winningPrice: money.nullable(),
    closedAt: ts.nullable(),
    closeReason: z.string().nullable(),
  })
  .openapi('AuctionLot');

export const Bid = z
  .object({
    id: z.string(),
    lotId: z.string(),
    partnerId: z.string(),
    userId: z.string(),
    amount: money,
    buyNow: z.boolean(),
    receivedAt: ts,
  })
  .openapi('AuctionBid');

export const BidCreate = z
  .strictObject({
    id: z
      .uuid()
      .openapi({ description: 'Client-made bid id: a repeat answers 409 duplicate_bid and changes nothing' }),
    amount: Kopecks.optional(),
    buyNow: z.boolean().optional(),
  })
  .refine((b) => b.buyNow === true || b.amount !== undefined, {
    path: ['amount'],
    message: 'required unless buyNow',
  })
  .openapi('AuctionBidCreate');

export const BidResult = z
  .object({
    bidId: z.string(),
    amount: money,
    leading: z.boolean().nullable().openapi({ description: 'English: you lead now; sealed: null (secret)' }),
    won: z.boolean(),
    endsAt: ts,
    listing: Listing,
  })
  .openapi('AuctionBidResult');
