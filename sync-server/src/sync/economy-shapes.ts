import type { Principal, Resource, Scope } from '@mak/shared/permissions';
import { partners } from '@mak/shared/schema';
import { eq } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';

/**
 * Shapes of the partner economy (issue 5). A partner user's rows are those with its organisation's partner_id;
 * the auction's public listing is filtered by the organisation's territory; lots, bids, distributions and rules
 * are staff-only (scope `all`). Nothing here reads anything the client sent.
 */
export interface EconomyShape {
  table: string;
  resource: Resource;
  /** Only callers with scope `all` get this shape (it holds other partners' data or staff-only fields). */
  staffOnly?: boolean;
  softDeleted?: boolean;
  /** `partner_id = <mine>` for partner users; `territory` for the listing. */
  partnerFilter: 'partner_id' | 'territory' | 'none';
}

export const ECONOMY_SHAPES: Record<string, EconomyShape> = {
  auction_listings: { table: 'auction_listings', resource: 'auctions', partnerFilter: 'territory' },
  auction_standings: { table: 'auction_standings', resource: 'auctions', partnerFilter: 'partner_id' },
  auction_lots: { table: 'auction_lots', resource: 'auctions', staffOnly: true, partnerFilter: 'none' },
  auction_bids: { table: 'auction_bids', resource: 'auctions', staffOnly: true, partnerFilter: 'none' },
  lead_distributions: {
    table: 'lead_distributions',
    resource: 'leads',
    staffOnly: true,
    partnerFilter: 'none',
  },
  lead_offers: { table: 'lead_offers', resource: 'leads', partnerFilter: 'partner_id' },
  ledger_entries: { table: 'ledger_entries', resource: 'ledger', partnerFilter: 'partner_id' },
  ledger_postings: { table: 'ledger_postings', resource: 'ledger', partnerFilter: 'partner_id' },
  payout_requests: { table: 'payout_requests', resource: 'payouts', partnerFilter: 'partner_id' },
  referral_codes: {
    table: 'referral_codes',
    resource: 'referrals',
    softDeleted: true,
    partnerFilter: 'partner_id',
  },
  referral_attributions: {
    table: 'referral_attributions',
    resource: 'referrals',
    partnerFilter: 'partner_id',
  },
  commissions: { table: 'commissions', resource: 'referrals', partnerFilter: 'partner_id' },
  commission_rules: {
    table: 'commission_rules',
    resource: 'referrals',
    staffOnly: true,
    softDeleted: true,
    partnerFilter: 'none',
  },
};

export function economyShapeAllowed(shape: EconomyShape, scope: Scope | null, p: Principal): boolean {
  if (scope === 'all') return true;
  return !shape.staffOnly && scope === 'partner' && Boolean(p.partnerId);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The shape's where and parameters for `p` (who must be allowed it), and the tables it depends on. */
export async function economyShapeWhere(
  db: Db,
  shape: EconomyShape,
  scope: Scope,
  p: Principal,
): Promise<{ where: string; params: string[]; dependsOn: string[] }> {
  const live = shape.softDeleted ? 'deleted_at IS NULL' : 'true';
  if (scope === 'all') return { where: live, params: [], dependsOn: [] };
  const partnerId = p.partnerId ?? '';
  if (!UUID.test(partnerId) || shape.staffOnly) return { where: 'false', params: [], dependsOn: [] };
  if (shape.partnerFilter === 'partner_id')
    return { where: `${live} AND partner_id = $1::uuid`, params: [partnerId], dependsOn: [] };
  // The listing: an active organisation sees lots of its territory and lots open to anyone; one that works
  // anywhere sees all. A change of the organisation's status or territory re-resolves the shape.
  const [org] = await db
    .select({ status: partners.status, territory: partners.territory, deletedAt: partners.deletedAt })
    .from(partners)
    .where(eq(partners.id, partnerId));
  const dependsOn = ['public.partners'];
  if (!org || org.deletedAt || org.status !== 'active') return { where: 'false', params: [], dependsOn };
  if (org.territory === null) return { where: 'true', params: [], dependsOn };
  return { where: '(territory IS NULL OR territory = $1)', params: [org.territory], dependsOn };
}
