import { z } from '@hono/zod-openapi';
import { IsoDateTime } from '@mak/shared/entities';
import { DomainError } from '@mak/shared/errors';
import { newId } from '@mak/shared/ids';
import { AUCTION_TYPES, auctionLots, clients, deals, leadDistributions } from '@mak/shared/schema';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../platform/db.ts';
import type { PartnerOrg } from '../economy/access.ts';
import { refused } from '../economy/errors.ts';
import { Kopecks } from '../economy/money.ts';
import { dbNow } from './clock.ts';

export type Lot = typeof auctionLots.$inferSelect;

const Preview = z
  .strictObject({
    region: z.string().trim().max(100).optional(),
    city: z.string().trim().max(100).optional(),
    category: z.string().trim().max(100).optional(),
    budgetBand: z.string().trim().max(50).optional(),
    source: z.string().trim().max(100).optional(),
  })
  .openapi({ description: 'What bidders see of the lead: never its name, phone or e-mail' });

export const LotCreate = z
  .strictObject({
    id: z.uuid().optional(),
    clientId: z.uuid(),
    dealId: z.uuid().nullable().optional(),
    type: z.enum(AUCTION_TYPES),
    title: z.string().trim().min(1).max(200),
    territory: z.string().trim().min(1).max(100).nullable().optional(),
    preview: Preview.optional(),
    startPrice: Kopecks,
    reservePrice: z.number().int().min(0).max(1e13).optional(),
    minIncrement: Kopecks,
    minIncrementBp: z.number().int().min(0).max(10_000).optional(),
    buyNowPrice: Kopecks.nullable().optional(),
    startsAt: IsoDateTime.optional(),
    endsAt: IsoDateTime,
    extendWindowSeconds: z.number().int().min(0).max(3600).optional(),
    extendBySeconds: z.number().int().min(0).max(3600).optional(),
    maxExtensions: z.number().int().min(0).max(100).optional(),
  })
  .refine((l) => l.buyNowPrice == null || l.buyNowPrice >= Math.max(l.startPrice, l.reservePrice ?? 0), {
    path: ['buyNowPrice'],
    message: 'must be at least the start and reserve prices',
  })
  .openapi('AuctionLotCreate');

/** May this organisation see and bid on lots of `territory`? Active, and the same region (or either is anywhere). */
export function eligible(org: PartnerOrg, territory: string | null): boolean {
  return (
    org.status === 'active' && (territory === null || org.territory === null || org.territory === territory)
  );
}

/** Puts a lead up for auction: the client must be live, unassigned and not already on sale. */
export async function createLot(tx: Tx, input: z.infer<typeof LotCreate>, actorId: string): Promise<Lot> {
  const now = await dbNow(tx);
  const startsAt = input.startsAt ? new Date(input.startsAt) : now;
  const endsAt = new Date(input.endsAt);
  if (endsAt.getTime() <= Math.max(now.getTime(), startsAt.getTime()) + 1_000)
    throw DomainError.validation('endsAt', 'must be in the future, after the start');
  if (endsAt.getTime() - now.getTime() > 30 * 86_400_000)
    throw DomainError.validation('endsAt', 'at most 30 days ahead');
  const [client] = await tx
    .select({ id: clients.id, partnerId: clients.partnerId })
    .from(clients)
    .where(and(eq(clients.id, input.clientId), isNull(clients.deletedAt)))
    .for('no key update');
  if (!client) throw DomainError.validation('clientId', 'no such client');
  if (client.partnerId) throw refused('lead_assigned', 'This lead already belongs to a partner');
  if (input.dealId) {
    const [deal] = await tx
      .select({ clientId: deals.clientId })
      .from(deals)
      .where(and(eq(deals.id, input.dealId), isNull(deals.deletedAt)));
    if (!deal || deal.clientId !== input.clientId)
      throw DomainError.validation('dealId', 'no such deal of this client');
  }
  const live = await tx
    .select({ id: leadDistributions.id })
    .from(leadDistributions)
    .where(
      and(
        eq(leadDistributions.clientId, input.clientId),
        sql`${leadDistributions.status} in ('offered', 'auction')`,
      ),
    );
  if (live.length) throw refused('lead_in_distribution', 'This lead is already being offered or auctioned');

  const distributionId = newId();
  await tx.insert(leadDistributions).values({
    id: distributionId,
    clientId: input.clientId,
    dealId: input.dealId ?? null,
    mode: 'auction',
    status: 'auction',
    territory: input.territory ?? null,
    category: input.preview?.category ?? null,
    budgetBand: input.preview?.budgetBand ?? null,
    createdBy: actorId,
  });
  const [lot] = await tx
    .insert(auctionLots)
    .values({
      id: input.id ?? newId(),
      distributionId,
      clientId: input.clientId,
      dealId: input.dealId ?? null,
      type: input.type,
      title: input.title,
      territory: input.territory ?? null,
      preview: input.preview ?? {},
      startPrice: input.startPrice,
      reservePrice: input.reservePrice ?? 0,
      minIncrement: input.minIncrement,
      minIncrementBp: input.minIncrementBp ?? 0,
      buyNowPrice: input.buyNowPrice ?? null,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      originalEndsAt: endsAt.toISOString(),
      extendWindowSeconds: input.extendWindowSeconds ?? 120,
      extendBySeconds: input.extendBySeconds ?? 120,
      maxExtensions: input.maxExtensions ?? 10,
      createdBy: actorId,
    })
    .returning();
  return lot as Lot;
}

export async function loadLot(q: Queryable, id: string, lock = false): Promise<Lot | null> {
  const query = q.select().from(auctionLots).where(eq(auctionLots.id, id));
  const [row] = lock ? await query.for('no key update') : await query;
  return row ?? null;
}
