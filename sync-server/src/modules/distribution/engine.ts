import { DomainError } from '@mak/shared/errors';
import { newId } from '@mak/shared/ids';
import { clients, domainEvents, leadDistributions, leadOffers, partners } from '@mak/shared/schema';
import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { type Db, type Queryable, rowsOf, type Tx, writeTx } from '../../platform/db.ts';
import { dbNow } from '../auction/clock.ts';
import { loadPartner } from '../economy/access.ts';
import { refused } from '../economy/errors.ts';
import { isoTimestamp } from '../records/serialize.ts';
import { handOver } from './handover.ts';
import { type Candidate, orderCandidates } from './weights.ts';

export type Distribution = typeof leadDistributions.$inferSelect;
export type Offer = typeof leadOffers.$inferSelect;

/** A claim offer's timer (the "taxi mode" countdown). */
export const CLAIM_SECONDS = 120;
const ROTATION_DAYS = 30;

async function loadDistribution(q: Queryable, id: string, lock = false): Promise<Distribution | null> {
  const query = q.select().from(leadDistributions).where(eq(leadDistributions.id, id));
  const [row] = lock ? await query.for('no key update') : await query;
  return row ?? null;
}

/** Partners already tried for this lead: declined it, let an offer lapse, or hold one now. */
async function triedPartners(q: Queryable, d: Distribution): Promise<Set<string>> {
  const rows = await q
    .select({ partnerId: leadOffers.partnerId })
    .from(leadOffers)
    .where(
      and(
        eq(leadOffers.distributionId, d.id),
        inArray(leadOffers.status, ['offered', 'declined', 'expired']),
      ),
    );
  return new Set([...d.declinedPartnerIds, ...rows.map((r) => r.partnerId)]);
}

/**
 * Active partners who may get this lead, best first: the lead's territory before partners who work anywhere,
 * then the weighted round robin. Declined and lapsed partners are left out.
 */
export async function candidatesFor(q: Queryable, d: Distribution): Promise<Candidate[]> {
  const tried = await triedPartners(q, d);
  const rows = rowsOf<{
    id: string;
    grade: string;
    territory: string | null;
    load: number;
    last: string | null;
  }>(
    await q.execute(sql`select p.id, p.grade, p.territory,
        (select count(*)::int from ${leadOffers} o where o.partner_id = p.id
           and o.created_at > now() - make_interval(days => ${ROTATION_DAYS})) as load,
        (select max(o.created_at)::text from ${leadOffers} o where o.partner_id = p.id) as last
      from ${partners} p where p.deleted_at is null and p.status = 'active'`),
  );
  const fits = rows.filter((r) => !tried.has(r.id));
  const toCandidate = (r: (typeof rows)[number]): Candidate => ({
    partnerId: r.id,
    grade: r.grade,
    load: Number(r.load),
    lastOfferAt: r.last ? Date.parse(isoTimestamp(r.last)) || 0 : 0,
  });
  if (!d.territory) return orderCandidates(fits.map(toCandidate));
  const local = fits.filter((r) => r.territory === d.territory);
  const anywhere = fits.filter((r) => r.territory === null);
  return [...orderCandidates(local.map(toCandidate)), ...orderCandidates(anywhere.map(toCandidate))];
}

async function previewOf(q: Queryable, d: Distribution): Promise<Record<string, unknown>> {
  const [c] = await q
    .select({ source: clients.source, createdAt: clients.createdAt })
    .from(clients)
    .where(eq(clients.id, d.clientId));
  return {
    territory: d.territory,
    category: d.category,
    budgetBand: d.budgetBand,
    source: c?.source ?? null,
    leadCreatedAt: c?.createdAt ?? null,
  };
}

async function offer(
  tx: Tx,
  d: Distribution,
  partnerIds: string[],
  kind: 'assignment' | 'claim',
  seconds: number,
) {
  const now = await dbNow(tx);
  const expiresAt = new Date(now.getTime() + seconds * 1000).toISOString();
  const preview = await previewOf(tx, d);
  for (const partnerId of partnerIds) {
    await tx
      .insert(leadOffers)
      .values({ id: newId(), distributionId: d.id, partnerId, kind, expiresAt, preview });
  }
  await tx
    .update(leadDistributions)
    .set({ status: 'offered', attempts: sql`${leadDistributions.attempts} + 1` })
    .where(eq(leadDistributions.id, d.id));
}

/** Offers the lead to the next partner of the round robin, or parks it as unassigned when nobody is left. */
export async function offerNext(tx: Tx, d: Distribution): Promise<string | null> {
  const [next] = await candidatesFor(tx, d);
  if (!next) {
    await tx.update(leadDistributions).set({ status: 'unassigned' }).where(eq(leadDistributions.id, d.id));
    return null;
  }
  await offer(tx, d, [next.partnerId], 'assignment', d.acceptWithinSeconds);
  return next.partnerId;
}

export interface DistributeInput {
  clientId: string;
  dealId?: string | null;
  mode: 'manual' | 'round_robin' | 'claim';
  partnerId?: string;
  territory?: string | null;
  category?: string | null;
  budgetBand?: string | null;
  acceptWithinSeconds?: number;
  claimFanout?: number;
  claimSeconds?: number;
}

/** Starts routing a lead: a manual offer to one partner, the round robin's pick, or a claim race among several. */
export async function distribute(tx: Tx, input: DistributeInput, actorId: string): Promise<Distribution> {
  const [client] = await tx
    .select({ id: clients.id, partnerId: clients.partnerId })
    .from(clients)
    .where(and(eq(clients.id, input.clientId), isNull(clients.deletedAt)))
    .for('no key update');
  if (!client) throw DomainError.validation('clientId', 'no such client');
  if (client.partnerId) throw refused('lead_assigned', 'This lead already belongs to a partner');
  const [live] = await tx
    .select({ id: leadDistributions.id })
    .from(leadDistributions)
    .where(
      and(
        eq(leadDistributions.clientId, input.clientId),
        inArray(leadDistributions.status, ['offered', 'auction']),
      ),
    );
  if (live) throw refused('lead_in_distribution', 'This lead is already being offered or auctioned');
  if (input.mode === 'manual') {
    if (!input.partnerId) throw DomainError.validation('partnerId', 'required for manual assignment');
    const org = await loadPartner(tx, input.partnerId);
    if (org.status !== 'active')
      throw refused('partner_not_active', `The partner organisation is ${org.status}`);
  }
  const id = newId();
  await tx.insert(leadDistributions).values({
    id,
    clientId: input.clientId,
    dealId: input.dealId ?? null,
    mode: input.mode,
    status: 'offered',
    territory: input.territory ?? null,
    category: input.category ?? null,
    budgetBand: input.budgetBand ?? null,
    acceptWithinSeconds: input.acceptWithinSeconds ?? 7200,
    claimFanout: input.claimFanout ?? 3,
    createdBy: actorId,
  });
  const d = (await loadDistribution(tx, id)) as Distribution;
  if (input.mode === 'manual') {
    await offer(tx, d, [input.partnerId as string], 'assignment', d.acceptWithinSeconds);
  } else if (input.mode === 'round_robin') {
    await offerNext(tx, d);
  } else {
    const picks = (await candidatesFor(tx, d)).slice(0, d.claimFanout).map((c) => c.partnerId);
    if (picks.length) await offer(tx, d, picks, 'claim', input.claimSeconds ?? CLAIM_SECONDS);
    else await tx.update(leadDistributions).set({ status: 'unassigned' }).where(eq(leadDistributions.id, id));
  }
  return (await loadDistribution(tx, id)) as Distribution;
}

/** An unsold lot's lead goes back to distribution by round robin. */
export async function redistributeAfterAuction(tx: Tx, distributionId: string): Promise<void> {
  await tx
    .update(leadDistributions)
    .set({ mode: 'round_robin' })
    .where(eq(leadDistributions.id, distributionId));
  const d = await loadDistribution(tx, distributionId, true);
  if (d) await offerNext(tx, d);
}

async function liveOffers(q: Queryable, distributionId: string): Promise<number> {
  const rows = await q
    .select({ id: leadOffers.id })
    .from(leadOffers)
    .where(and(eq(leadOffers.distributionId, distributionId), eq(leadOffers.status, 'offered')));
  return rows.length;
}

export interface RespondInput {
  offerId: string;
  partnerId: string;
  userId: string;
  accept: boolean;
  reason?: string;
}

/**
 * A partner accepts or declines an offer. The distribution row is locked first, so of two partners accepting
 * claim offers at the same moment exactly one wins; the others' offers are withdrawn. A decline puts the partner
 * on the lead's declined list for good and moves the lead on.
 */
export async function respond(tx: Tx, input: RespondInput): Promise<Offer> {
  const [peek] = await tx
    .select({ distributionId: leadOffers.distributionId, partnerId: leadOffers.partnerId })
    .from(leadOffers)
    .where(eq(leadOffers.id, input.offerId));
  if (!peek || peek.partnerId !== input.partnerId) throw DomainError.notFound('offer');
  const d = (await loadDistribution(tx, peek.distributionId, true)) as Distribution;
  const [o] = await tx.select().from(leadOffers).where(eq(leadOffers.id, input.offerId)).for('no key update');
  if (!o) throw DomainError.notFound('offer');
  if (o.status !== 'offered')
    throw refused('offer_closed', `This offer is already ${o.status}`, { status: o.status });
  const now = await dbNow(tx);
  if (now >= new Date(o.expiresAt))
    throw refused('offer_expired', 'The time to answer this offer has passed');
  const at = now.toISOString();
  if (input.accept) {
    await tx
      .update(leadOffers)
      .set({ status: 'accepted', respondedAt: at, respondedBy: input.userId })
      .where(eq(leadOffers.id, o.id));
    await tx
      .update(leadOffers)
      .set({ status: 'withdrawn' })
      .where(and(eq(leadOffers.distributionId, d.id), eq(leadOffers.status, 'offered')));
    await tx
      .update(leadDistributions)
      .set({ status: 'assigned', assignedPartnerId: input.partnerId })
      .where(eq(leadDistributions.id, d.id));
    await handOver(tx, { clientId: d.clientId, dealId: d.dealId }, input.partnerId);
  } else {
    await tx
      .update(leadOffers)
      .set({
        status: 'declined',
        respondedAt: at,
        respondedBy: input.userId,
        declineReason: input.reason ?? null,
      })
      .where(eq(leadOffers.id, o.id));
    await tx
      .update(leadDistributions)
      .set({
        declinedPartnerIds: sql`array_append(${leadDistributions.declinedPartnerIds}, ${input.partnerId}::uuid)`,
      })
      .where(eq(leadDistributions.id, d.id));
    if ((await liveOffers(tx, d.id)) === 0)
      await offerNext(tx, (await loadDistribution(tx, d.id)) as Distribution);
  }
  await tx.insert(domainEvents).values({
    name: input.accept ? 'lead_offer.accepted' : 'lead_offer.declined',
    entity: 'lead_offers',
    entityId: o.id,
    actorId: input.userId,
    payload: { distributionId: d.id, partnerId: input.partnerId },
  });
  const [after] = await tx.select().from(leadOffers).where(eq(leadOffers.id, o.id));
  return after as Offer;
}

/**
 * Recalls every offer past its deadline (each exactly once: a conditional UPDATE … WHERE status = 'offered') and
 * moves its lead on when no other offer for it is still open.
 */
export async function recallExpiredOffers(db: Db, limit = 200): Promise<number> {
  const due = await db
    .select({ id: leadOffers.id, distributionId: leadOffers.distributionId })
    .from(leadOffers)
    .where(and(eq(leadOffers.status, 'offered'), lte(leadOffers.expiresAt, sql`clock_timestamp()`)))
    .limit(limit);
  let recalled = 0;
  for (const o of due) {
    await writeTx(db, null, async (tx) => {
      const d = await loadDistribution(tx, o.distributionId, true);
      const gone = await tx
        .update(leadOffers)
        .set({ status: 'expired' })
        .where(
          and(
            eq(leadOffers.id, o.id),
            eq(leadOffers.status, 'offered'),
            lte(leadOffers.expiresAt, sql`clock_timestamp()`),
          ),
        )
        .returning({ id: leadOffers.id });
      if (!gone.length || !d) return;
      recalled++;
      if (d.status === 'offered' && (await liveOffers(tx, d.id)) === 0)
        await offerNext(tx, (await loadDistribution(tx, d.id)) as Distribution);
    });
  }
  return recalled;
}

export async function nextOfferDeadline(db: Db): Promise<Date | null> {
  const [row] = rowsOf<{ at: string | null }>(
    await db.execute(sql`select min(expires_at)::text as at from ${leadOffers} where status = 'offered'`),
  );
  return row?.at ? new Date(isoTimestamp(row.at)) : null;
}
