import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '@mak/shared/errors';
import { auctionBids, auctionListings, auctionLots, auctionStandings } from '@mak/shared/schema';
import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { requireAuth } from '../../middleware/authenticate.ts';
import { createRouter } from '../../openapi.ts';
import { type Queryable, writeTx } from '../../platform/db.ts';
import { economyScope, loadPartner, requirePartnerUser } from '../economy/access.ts';
import { body, economyErrors, IdParam, json, security, valid } from '../economy/http.ts';
import { serializeRow } from '../records/serialize.ts';
import { placeBid } from './bidding.ts';
import { settleLot } from './closing.ts';
import { createLot, LotCreate } from './lots.ts';
import { Bid, BidCreate, BidResult, Listing, Lot } from './schemas.ts';

type ListingRow = z.infer<typeof Listing>;
const LotQuery = z.object({
  status: z.enum(['open', 'sold', 'unsold', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Listings a partner may see, each with its own standing; one lot by id when given. */
async function partnerListings(
  q: Queryable,
  partnerId: string,
  opts: { id?: string; status?: string; limit: number },
): Promise<ListingRow[]> {
  const org = await loadPartner(q, partnerId);
  if (org.status !== 'active') return [];
  const where = and(
    opts.id ? eq(auctionListings.id, opts.id) : undefined,
    opts.status ? eq(auctionListings.status, opts.status) : undefined,
    org.territory
      ? or(isNull(auctionListings.territory), eq(auctionListings.territory, org.territory))
      : undefined,
  );
  const rows = await q
    .select()
    .from(auctionListings)
    .where(where)
    .orderBy(desc(auctionListings.endsAt))
    .limit(opts.limit);
  if (!rows.length) return [];
  const mine = await q
    .select()
    .from(auctionStandings)
    .where(
      and(
        eq(auctionStandings.partnerId, partnerId),
        inArray(
          auctionStandings.lotId,
          rows.map((r) => r.id),
        ),
      ),
    );
  const byLot = new Map(mine.map((s) => [s.lotId, s]));
  return rows.map((r) => {
    const { version: _v, lastMutationId: _m, createdAt: _c, updatedAt: _u, ...pub } = r;
    const s = byLot.get(r.id);
    return serializeRow({
      ...pub,
      mine: s
        ? { myBid: s.myBid, held: s.held, isLeading: s.isLeading, outcome: s.outcome, pricePaid: s.pricePaid }
        : null,
    }) as ListingRow;
  });
}

async function oneListing(q: Queryable, partnerId: string, id: string): Promise<ListingRow> {
  const [row] = await partnerListings(q, partnerId, { id, limit: 1 });
  if (!row) throw DomainError.notFound('auction lot');
  return row;
}

const lotColumns = (l: typeof auctionLots.$inferSelect) => {
  const {
    version: _v,
    lastMutationId: _m,
    createdAt: _c,
    updatedAt: _u,
    createdBy: _b,
    leaderBidId: _l,
    ...rest
  } = l;
  return serializeRow({ ...rest }) as z.infer<typeof Lot>;
};

/**
 * The lead auction. Partners see lots through `auction_listings` (never the reserve, the lead or other bids) and
 * bid with a client-made id; staff create, watch and cancel lots. Lots close by the job scheduler at their end.
 */
export function auctionRoutes() {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auction/lots',
      tags: ['Auction'],
      summary: 'Put a lead up for auction',
      description:
        'English (ascending, reserve, step = max(minIncrement, minIncrementBp of the current price), soft close: a ' +
        'bid in the last extendWindowSeconds moves the end by extendBySeconds, at most maxExtensions times), sealed ' +
        'first-price or sealed second-price; optional buy-now. The lead must be unassigned.',
      security,
      request: { body: body(LotCreate) },
      responses: { 201: json(Lot, 'Created'), ...economyErrors },
    }),
    async (c) => {
      const { principal, user } = requireAuth(c);
      if (!economyScope(principal, 'auctions', 'create').all)
        throw DomainError.forbidden('Only staff put leads up for auction');
      const input = valid<z.infer<typeof LotCreate>>(c, 'json');
      const lot = await writeTx(c.var.deps.database.db, user.id, (tx) => createLot(tx, input, user.id));
      c.var.deps.jobs?.wakeAt(new Date(lot.endsAt));
      return c.json(lotColumns(lot), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/auction/lots',
      tags: ['Auction'],
      summary: 'Lots: the full records for staff, the public listings (with your standing) for partners',
      security,
      request: { query: LotQuery },
      responses: {
        200: json(z.object({ items: z.union([z.array(Lot), z.array(Listing)]) })),
        ...economyErrors,
      },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      const scope = economyScope(principal, 'auctions', 'read');
      const query = valid<z.infer<typeof LotQuery>>(c, 'query');
      const db = c.var.deps.database.db;
      if (!scope.all) return c.json({ items: await partnerListings(db, scope.partnerId, query) }, 200);
      const rows = await db
        .select()
        .from(auctionLots)
        .where(query.status ? eq(auctionLots.status, query.status) : undefined)
        .orderBy(desc(auctionLots.endsAt))
        .limit(query.limit);
      return c.json({ items: rows.map(lotColumns) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/auction/lots/{id}',
      tags: ['Auction'],
      summary: 'One lot: with every bid for staff; the listing and your standing for a partner',
      security,
      request: { params: IdParam },
      responses: {
        200: json(z.union([Lot.extend({ bids: z.array(Bid) }), Listing])),
        ...economyErrors,
      },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      const scope = economyScope(principal, 'auctions', 'read');
      const { id } = valid<{ id: string }>(c, 'param');
      const db = c.var.deps.database.db;
      if (!scope.all) return c.json(await oneListing(db, scope.partnerId, id), 200);
      const [lot] = await db.select().from(auctionLots).where(eq(auctionLots.id, id));
      if (!lot) throw DomainError.notFound('auction lot');
      const bids = await db
        .select()
        .from(auctionBids)
        .where(eq(auctionBids.lotId, id))
        .orderBy(desc(auctionBids.amount), auctionBids.receivedAt);
      return c.json(
        {
          ...lotColumns(lot),
          bids: bids.map(({ version: _v2, lastMutationId: _m2, createdAt: _c2, updatedAt: _u2, ...b }) =>
            serializeRow(b),
          ),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auction/lots/{id}/bids',
      tags: ['Auction'],
      summary: 'Bid (partners)',
      description:
        'Needs enough available balance: the bid is held (English: the leading bid, released when outbid; sealed: ' +
        'your own bid, raisable). Refusals are 409 with `reason`: bid_too_low (with `minimum`), lot_ended, ' +
        'lot_closed, lot_not_started, insufficient_funds, duplicate_bid, bid_not_raised, buy_now_unavailable; a lot ' +
        'you may not see is 404. A refused bid changes no balance.',
      security,
      request: { params: IdParam, body: body(BidCreate) },
      responses: { 201: json(BidResult, 'Bid accepted'), ...economyErrors },
    }),
    async (c) => {
      const { principal, user } = requireAuth(c);
      const partnerId = requirePartnerUser(principal, 'auctions', 'create');
      const { id: lotId } = valid<{ id: string }>(c, 'param');
      const input = valid<z.infer<typeof BidCreate>>(c, 'json');
      const db = c.var.deps.database.db;
      const result = await writeTx(db, user.id, (tx) =>
        placeBid(tx, { ...input, lotId, partnerId, userId: user.id }),
      );
      c.var.deps.jobs?.wakeAt(new Date(result.endsAt));
      return c.json({ ...result, listing: await oneListing(db, partnerId, lotId) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auction/lots/{id}/cancel',
      tags: ['Auction'],
      summary: 'Cancel an open lot: every hold is released, nobody is charged',
      security,
      request: { params: IdParam },
      responses: { 200: json(Lot), ...economyErrors },
    }),
    async (c) => {
      const { principal, user } = requireAuth(c);
      if (!economyScope(principal, 'auctions', 'update').all)
        throw DomainError.forbidden('Only staff cancel lots');
      const { id } = valid<{ id: string }>(c, 'param');
      const db = c.var.deps.database.db;
      const done = await writeTx(db, user.id, (tx) => settleLot(tx, id, { cancelled: true }));
      const [lot] = await db.select().from(auctionLots).where(eq(auctionLots.id, id));
      if (!lot) throw DomainError.notFound('auction lot');
      if (!done && lot.status === 'open') throw DomainError.notFound('auction lot');
      if (!done)
        throw new DomainError('conflict', `The lot is already ${lot.status}`, {
          details: { reason: 'lot_closed' },
        });
      return c.json(lotColumns(lot), 200);
    },
  );

  return app;
}
