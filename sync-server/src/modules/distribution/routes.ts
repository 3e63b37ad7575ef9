import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '@mak/shared/errors';
import { leadDistributions, leadOffers } from '@mak/shared/schema';
import { and, desc, eq } from 'drizzle-orm';
import { requireAuth } from '../../middleware/authenticate.ts';
import { createRouter } from '../../openapi.ts';
import { writeTx } from '../../platform/db.ts';
import { economyScope, requirePartnerUser } from '../economy/access.ts';
import { body, economyErrors, IdParam, json, security, valid } from '../economy/http.ts';
import { serializeRow } from '../records/serialize.ts';
import { distribute, respond } from './engine.ts';

const Offer = z
  .object({
    id: z.string(),
    distributionId: z.string(),
    partnerId: z.string(),
    kind: z.string(),
    status: z.string(),
    expiresAt: z.string(),
    respondedAt: z.string().nullable(),
    declineReason: z.string().nullable(),
    preview: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .openapi('LeadOffer');

const Distribution = z
  .object({
    id: z.string(),
    clientId: z.string(),
    dealId: z.string().nullable(),
    mode: z.string(),
    status: z.string(),
    territory: z.string().nullable(),
    category: z.string().nullable(),
    budgetBand: z.string().nullable(),
    acceptWithinSeconds: z.number().int(),
    claimFanout: z.number().int(),
    assignedPartnerId: z.string().nullable(),
    declinedPartnerIds: z.array(z.string()),
    attempts: z.number().int(),
    createdAt: z.string(),
    offers: z.array(Offer).optional(),
  })
  .openapi('LeadDistribution');

const DistributeBody = z
  .strictObject({
    clientId: z.uuid(),
    dealId: z.uuid().nullable().optional(),
    mode: z.enum(['manual', 'round_robin', 'claim']),
    partnerId: z.uuid().optional().openapi({ description: 'manual: the partner to offer the lead to' }),
    territory: z.string().trim().min(1).max(100).nullable().optional(),
    category: z.string().trim().min(1).max(100).nullable().optional(),
    budgetBand: z.string().trim().min(1).max(50).nullable().optional(),
    acceptWithinSeconds: z.number().int().min(10).max(604_800).optional().openapi({
      description:
        'Accept SLA (default 2 h): an offer not accepted in time is recalled and the lead moves on',
    }),
    claimFanout: z.number().int().min(1).max(20).optional(),
    claimSeconds: z
      .number()
      .int()
      .min(10)
      .max(3600)
      .optional()
      .openapi({ description: 'claim: the timer (120 s)' }),
  })
  .refine((b) => b.mode !== 'manual' || b.partnerId, { path: ['partnerId'], message: 'required for manual' })
  .openapi('LeadDistribute');

const DeclineBody = z.strictObject({ reason: z.string().trim().max(500).optional() });
const OfferQuery = z.object({
  status: z.enum(['offered', 'accepted', 'declined', 'expired', 'withdrawn']).optional(),
  distributionId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const strip = <T extends Record<string, unknown>>(row: T) => {
  const { version: _v, lastMutationId: _m, updatedAt: _u, respondedBy: _r, createdBy: _c, ...rest } = row;
  return serializeRow(rest);
};

/** Lead distribution: staff route leads (manual, weighted round robin, claim race); partners answer their offers. */
export function distributionRoutes() {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/leads/distributions',
      tags: ['Lead distribution'],
      summary: 'Route a lead to partners',
      description:
        'manual: offer to one partner. round_robin: the weighted round robin picks one (grade weights bronze 1, ' +
        'silver 2, gold 3; the lead’s territory first, then partners working anywhere). claim: offer to ' +
        '`claimFanout` partners at once with a timer; the first to accept wins. Every offer has a deadline; a ' +
        'lapsed or declined offer moves the lead on, and a partner who declined is never offered it again.',
      security,
      request: { body: body(DistributeBody) },
      responses: { 201: json(Distribution, 'Routed'), ...economyErrors },
    }),
    async (c) => {
      const { principal, user } = requireAuth(c);
      if (!economyScope(principal, 'leads', 'create').all)
        throw DomainError.forbidden('Only staff route leads');
      const input = valid<z.infer<typeof DistributeBody>>(c, 'json');
      const db = c.var.deps.database.db;
      const d = await writeTx(db, user.id, (tx) => distribute(tx, input, user.id));
      const offers = await db.select().from(leadOffers).where(eq(leadOffers.distributionId, d.id));
      for (const o of offers) c.var.deps.jobs?.wakeAt(new Date(o.expiresAt));
      return c.json({ ...strip(d), offers: offers.map(strip) } as z.infer<typeof Distribution>, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/leads/distributions/{id}',
      tags: ['Lead distribution'],
      summary: 'One distribution with all its offers (staff)',
      security,
      request: { params: IdParam },
      responses: { 200: json(Distribution), ...economyErrors },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      if (!economyScope(principal, 'leads', 'read').all)
        throw DomainError.forbidden('Only staff see distributions');
      const { id } = valid<{ id: string }>(c, 'param');
      const db = c.var.deps.database.db;
      const [d] = await db.select().from(leadDistributions).where(eq(leadDistributions.id, id));
      if (!d) throw DomainError.notFound('distribution');
      const offers = await db
        .select()
        .from(leadOffers)
        .where(eq(leadOffers.distributionId, id))
        .orderBy(leadOffers.createdAt);
      return c.json({ ...strip(d), offers: offers.map(strip) } as z.infer<typeof Distribution>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/leads/offers',
      tags: ['Lead distribution'],
      summary: 'Offers: your organisation’s (partners) or all (staff)',
      security,
      request: { query: OfferQuery },
      responses: { 200: json(z.object({ items: z.array(Offer) })), ...economyErrors },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      const scope = economyScope(principal, 'leads', 'read');
      const q = valid<z.infer<typeof OfferQuery>>(c, 'query');
      const rows = await c.var.deps.database.db
        .select()
        .from(leadOffers)
        .where(
          and(
            scope.all ? undefined : eq(leadOffers.partnerId, scope.partnerId),
            q.status ? eq(leadOffers.status, q.status) : undefined,
            q.distributionId ? eq(leadOffers.distributionId, q.distributionId) : undefined,
          ),
        )
        .orderBy(desc(leadOffers.createdAt))
        .limit(q.limit);
      return c.json({ items: rows.map(strip) as z.infer<typeof Offer>[] }, 200);
    },
  );

  for (const accept of [true, false]) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/leads/offers/{id}/${accept ? 'accept' : 'decline'}`,
        tags: ['Lead distribution'],
        summary: accept
          ? 'Accept an offer: the lead becomes yours'
          : 'Decline an offer: it is never offered to you again',
        description:
          'Refusals: 409 offer_expired (past its deadline), offer_closed (already answered or withdrawn).',
        security,
        request: {
          params: IdParam,
          ...(accept ? {} : { body: { content: { 'application/json': { schema: DeclineBody } } } }),
        },
        responses: { 200: json(Offer), ...economyErrors },
      }),
      async (c) => {
        const { principal, user } = requireAuth(c);
        const partnerId = requirePartnerUser(principal, 'leads', 'update');
        const { id } = valid<{ id: string }>(c, 'param');
        const reason = accept
          ? undefined
          : (valid<z.infer<typeof DeclineBody> | undefined>(c, 'json')?.reason ?? undefined);
        const offer = await writeTx(c.var.deps.database.db, user.id, (tx) =>
          respond(tx, { offerId: id, partnerId, userId: user.id, accept, reason }),
        );
        return c.json(strip(offer) as z.infer<typeof Offer>, 200);
      },
    );
  }
  return app;
}
