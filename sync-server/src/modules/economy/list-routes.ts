import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '@mak/shared/errors';
import { scopeFor } from '@mak/shared/permissions';
import {
  auctionBids,
  auctionListings,
  auctionLots,
  auctionStandings,
  commissionRules,
  commissions,
  leadDistributions,
  leadOffers,
  ledgerEntries,
  ledgerPostings,
  payoutRequests,
  referralAttributions,
  referralCodes,
} from '@mak/shared/schema';
import { and, asc, eq, gt, isNull, or, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { requireAuth } from '../../middleware/authenticate.ts';
import { createRouter } from '../../openapi.ts';
import { ECONOMY_SHAPES, economyShapeAllowed } from '../../sync/economy-shapes.ts';
import { serializeRow } from '../records/serialize.ts';
import { loadPartner } from './access.ts';
import { economyErrors, json, security, valid } from './http.ts';

type Table = PgTable & { id: PgColumn; partnerId?: PgColumn; territory?: PgColumn; deletedAt?: PgColumn };

const TABLES: Record<string, Table> = {
  auction_listings: auctionListings,
  auction_standings: auctionStandings,
  auction_lots: auctionLots,
  auction_bids: auctionBids,
  lead_distributions: leadDistributions,
  lead_offers: leadOffers,
  ledger_entries: ledgerEntries,
  ledger_postings: ledgerPostings,
  payout_requests: payoutRequests,
  referral_codes: referralCodes,
  referral_attributions: referralAttributions,
  commissions: commissions,
  commission_rules: commissionRules,
};

const Query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.uuid().optional().openapi({ description: 'The last id of the previous page' }),
});

/**
 * Read-only REST mirrors of the partner-economy shapes (`GET /api/<shape name>`): the same rows a user's shape
 * holds, for API clients that do not sync. The row rule is written a second time here, in drizzle, on purpose:
 * sync/user-shapes-rest.api.test.ts checks that both give the same rows for every role.
 */
export function economyListRoutes() {
  const app = createRouter();
  for (const [name, shape] of Object.entries(ECONOMY_SHAPES)) {
    const table = TABLES[name] as Table;
    app.openapi(
      createRoute({
        method: 'get',
        path: `/${name}`,
        tags: ['Partner economy (read-only)'],
        summary: `List ${name.replace(/_/g, ' ')} in your scope (the rows of the ${name} sync shape)`,
        security,
        request: { query: Query },
        responses: {
          200: json(
            z.object({
              items: z.array(z.record(z.string(), z.unknown())),
              nextCursor: z.string().nullable(),
            }),
          ),
          ...economyErrors,
        },
      }),
      async (c) => {
        const { principal } = requireAuth(c);
        const scope = scopeFor(principal, shape.resource, 'read');
        if (!scope || !economyShapeAllowed(shape, scope, principal))
          throw DomainError.forbidden(`Your role may not read ${name}`);
        const q = valid<z.infer<typeof Query>>(c, 'query');
        const db = c.var.deps.database.db;
        const where: (SQL | undefined)[] = [
          shape.softDeleted && table.deletedAt ? isNull(table.deletedAt) : undefined,
          q.cursor ? gt(table.id, q.cursor) : undefined,
        ];
        if (scope !== 'all') {
          const partnerId = principal.partnerId as string;
          if (shape.partnerFilter === 'partner_id' && table.partnerId)
            where.push(eq(table.partnerId, partnerId));
          if (shape.partnerFilter === 'territory' && table.territory) {
            const org = await loadPartner(db, partnerId).catch(() => null);
            if (org?.status !== 'active') return c.json({ items: [], nextCursor: null }, 200);
            if (org.territory) where.push(or(isNull(table.territory), eq(table.territory, org.territory)));
          }
        }
        const rows = (await db
          .select()
          .from(table)
          .where(and(...where))
          .orderBy(asc(table.id))
          .limit(q.limit + 1)) as Record<string, unknown>[];
        const more = rows.length > q.limit;
        const page = (more ? rows.slice(0, q.limit) : rows).map((r) => serializeRow(r));
        return c.json({ items: page, nextCursor: more ? String(page.at(-1)?.id) : null }, 200);
      },
    );
  }
  return app;
}
