import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, z } from '@hono/zod-openapi';
import { Email, Name, Phone } from '@mak/shared/entities';
import { DomainError } from '@mak/shared/errors';
import { newId } from '@mak/shared/ids';
import {
  COMMISSION_KINDS,
  clients,
  commissionRules,
  commissions,
  PARTNER_GRADES,
  PARTNER_KINDS,
  referralAttributions,
  referralCodes,
} from '@mak/shared/schema';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.ts';
import { requireAuth } from '../../middleware/authenticate.ts';
import { createRouter } from '../../openapi.ts';
import { type Db, writeTx } from '../../platform/db.ts';
import { economyScope, partnerOf } from '../economy/access.ts';
import { body, economyErrors, IdParam, json, security, valid } from '../economy/http.ts';
import { serializeRow } from '../records/serialize.ts';
import { attribute, CODE_PATTERN, createCode, resolveCode } from './attribution.ts';

const strip = <T extends Record<string, unknown>>(row: T) => {
  const { version: _v, lastMutationId: _m, updatedAt: _u, ...rest } = row;
  return serializeRow(rest);
};
const Row = z.record(z.string(), z.unknown());
const Items = z.object({ items: z.array(Row) });

const CodeCreate = z
  .strictObject({
    partnerId: z.uuid().optional().openapi({ description: 'Staff: whose code; partners: leave out' }),
    code: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .pipe(z.string().regex(CODE_PATTERN, '4–32 latin letters, digits or -'))
      .optional(),
    label: z.string().trim().max(100).optional(),
  })
  .openapi('ReferralCodeCreate');

const AttributionCreate = z
  .strictObject({
    code: z.string().trim().min(1).max(32).optional(),
    partnerId: z.uuid().optional().openapi({ description: 'The referrer, when there is no code' }),
    clientId: z.uuid().optional(),
    referredPartnerId: z.uuid().optional(),
  })
  .refine((a) => Boolean(a.code) !== Boolean(a.partnerId), {
    path: ['code'],
    message: 'give a code or a partnerId',
  })
  .refine((a) => Boolean(a.clientId) !== Boolean(a.referredPartnerId), {
    path: ['clientId'],
    message: 'give a clientId or a referredPartnerId',
  })
  .openapi('ReferralAttributionCreate');

const PublicLead = z
  .strictObject({
    code: z.string().trim().min(1).max(32),
    name: Name,
    phone: Phone.optional(),
    email: Email.optional(),
    comment: z.string().trim().max(2000).optional(),
  })
  .refine((l) => l.phone || l.email, { path: ['phone'], message: 'a phone or an e-mail is needed' })
  .openapi('ReferralLead');

const RuleBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(COMMISSION_KINDS),
    rateBp: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .optional()
      .openapi({ description: 'percent_of_deal: 1000 = 10 %' }),
    flatAmount: z
      .number()
      .int()
      .min(0)
      .max(1e13)
      .optional()
      .openapi({ description: 'flat_per_lead: kopecks' }),
    level: z.union([z.literal(1), z.literal(2)]).optional(),
    grade: z.enum(PARTNER_GRADES).nullable().optional(),
    partnerKind: z.enum(PARTNER_KINDS).nullable().optional(),
    holdDays: z.number().int().min(0).max(365).optional(),
    priority: z.number().int().min(0).max(10_000).optional(),
    active: z.boolean().optional(),
  })
  .openapi('CommissionRule');

const PartnerQuery = z.object({ partnerId: z.uuid().optional() });

function clientIp(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Referral codes and links, attribution of clients and partners, commission rules and earned commissions. */
export function referralRoutes() {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/codes',
      tags: ['Referrals'],
      summary: 'Create a referral code (the link is the public lead form with ?ref=<code>)',
      security,
      request: { body: body(CodeCreate) },
      responses: { 201: json(Row, 'Created'), ...economyErrors },
    }),
    async (c) => {
      const { principal, user } = requireAuth(c);
      const input = valid<z.infer<typeof CodeCreate>>(c, 'json');
      const partnerId = partnerOf(economyScope(principal, 'referrals', 'create'), input.partnerId);
      const row = await writeTx(c.var.deps.database.db, user.id, (tx) =>
        createCode(tx, partnerId, { code: input.code, label: input.label }),
      );
      return c.json(strip(row), 201);
    },
  );

  const list = (
    path: string,
    summary: string,
    read: (db: Db, partnerId: string | undefined) => Promise<Record<string, unknown>[]>,
  ) =>
    app.openapi(
      createRoute({
        method: 'get',
        path,
        tags: ['Referrals'],
        summary,
        security,
        request: { query: PartnerQuery },
        responses: { 200: json(Items), ...economyErrors },
      }),
      async (c) => {
        const { principal } = requireAuth(c);
        const scope = economyScope(principal, 'referrals', 'read');
        const { partnerId } = valid<z.infer<typeof PartnerQuery>>(c, 'query');
        const id = scope.all ? partnerId : partnerOf(scope, partnerId);
        return c.json({ items: (await read(c.var.deps.database.db, id)).map(strip) }, 200);
      },
    );
  list('/referrals/codes', 'Referral codes: yours (partners) or all (staff)', (db, id) =>
    db
      .select()
      .from(referralCodes)
      .where(and(isNull(referralCodes.deletedAt), id ? eq(referralCodes.partnerId, id) : undefined))
      .orderBy(desc(referralCodes.createdAt)),
  );
  list('/referrals/attributions', 'Clients and partners you brought (protected 90 days)', (db, id) =>
    db
      .select()
      .from(referralAttributions)
      .where(id ? eq(referralAttributions.partnerId, id) : undefined)
      .orderBy(desc(referralAttributions.createdAt))
      .limit(500),
  );
  list(
    '/referrals/commissions',
    'Commissions earned: pending (in hold), approved, reversed, clawed back',
    (db, id) =>
      db
        .select()
        .from(commissions)
        .where(id ? eq(commissions.partnerId, id) : undefined)
        .orderBy(desc(commissions.createdAt))
        .limit(500),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/attributions',
      tags: ['Referrals'],
      summary: 'Register who brought a client or a partner (staff)',
      description:
        'First to register wins: while an attribution is protected (90 days) another is 409 already_attributed.',
      security,
      request: { body: body(AttributionCreate) },
      responses: { 201: json(Row, 'Attributed'), ...economyErrors },
    }),
    async (c) => {
      const { principal, user } = requireAuth(c);
      if (!economyScope(principal, 'referrals', 'create').all)
        throw DomainError.forbidden('Only staff register attributions');
      const input = valid<z.infer<typeof AttributionCreate>>(c, 'json');
      const row = await writeTx(c.var.deps.database.db, user.id, async (tx) => {
        const by = input.code
          ? await resolveCode(tx, input.code)
          : { partnerId: input.partnerId as string, codeId: null };
        if (input.clientId) {
          const [cl] = await tx
            .select({ id: clients.id })
            .from(clients)
            .where(and(eq(clients.id, input.clientId), isNull(clients.deletedAt)));
          if (!cl) throw DomainError.validation('clientId', 'no such client');
        }
        return attribute(
          tx,
          { partnerId: by.partnerId, codeId: 'id' in by ? by.id : null },
          input.clientId
            ? { clientId: input.clientId }
            : { referredPartnerId: input.referredPartnerId as string },
        );
      });
      return c.json(strip(row), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/leads',
      tags: ['Referrals'],
      summary: 'The public referral form: a new lead with a partner’s code (no sign-in; rate-limited)',
      request: { body: body(PublicLead) },
      responses: { 201: json(z.object({ ok: z.literal(true) }), 'Received'), ...economyErrors },
    }),
    async (c) => {
      const limit = await c.var.deps.rateLimiter.hit(`referral-lead:${clientIp(c)}`, 20, 3600);
      if (!limit.allowed)
        throw new DomainError('rate_limited', `Too many requests; retry in ${limit.retryAfter} s`);
      const input = valid<z.infer<typeof PublicLead>>(c, 'json');
      await writeTx(c.var.deps.database.db, null, async (tx) => {
        const code = await resolveCode(tx, input.code);
        const id = newId();
        await tx.insert(clients).values({
          id,
          name: input.name,
          status: 'lead',
          source: 'referral',
          phones: input.phone ? [input.phone] : [],
          emails: input.email ? [input.email] : [],
          description: input.comment ?? null,
        });
        await attribute(tx, { partnerId: code.partnerId, codeId: code.id }, { clientId: id });
      });
      return c.json({ ok: true as const }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/referrals/rules',
      tags: ['Referrals'],
      summary: 'Commission rules (staff)',
      security,
      responses: { 200: json(Items), ...economyErrors },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      if (!economyScope(principal, 'referrals', 'read').all)
        throw DomainError.forbidden('Only staff see the rules');
      const rows = await c.var.deps.database.db
        .select()
        .from(commissionRules)
        .where(isNull(commissionRules.deletedAt))
        .orderBy(commissionRules.priority);
      return c.json({ items: rows.map(strip) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/rules',
      tags: ['Referrals'],
      summary: 'Add a commission rule: % of a won deal or a flat sum per qualified lead, level 1 or 2',
      security,
      request: { body: body(RuleBody) },
      responses: { 201: json(Row, 'Created'), ...economyErrors },
    }),
    async (c) => {
      const { principal, user } = requireAuth(c);
      if (!economyScope(principal, 'referrals', 'create').all)
        throw DomainError.forbidden('Only staff set rules');
      const input = valid<z.infer<typeof RuleBody>>(c, 'json');
      if (input.kind === 'percent_of_deal' && !input.rateBp)
        throw DomainError.validation('rateBp', 'required for percent_of_deal');
      if (input.kind === 'flat_per_lead' && !input.flatAmount)
        throw DomainError.validation('flatAmount', 'required for flat_per_lead');
      const [row] = await writeTx(c.var.deps.database.db, user.id, (tx) =>
        tx
          .insert(commissionRules)
          .values({ id: newId(), ...input })
          .returning(),
      );
      return c.json(strip(row as Record<string, unknown>), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/referrals/rules/{id}',
      tags: ['Referrals'],
      summary: 'Change a commission rule (affects commissions accrued from now on)',
      security,
      request: { params: IdParam, body: body(RuleBody.partial()) },
      responses: { 200: json(Row), ...economyErrors },
    }),
    async (c) => {
      const { principal, user } = requireAuth(c);
      if (!economyScope(principal, 'referrals', 'update').all)
        throw DomainError.forbidden('Only staff change rules');
      const { id } = valid<{ id: string }>(c, 'param');
      const patch = valid<Partial<z.infer<typeof RuleBody>>>(c, 'json');
      const [row] = await writeTx(c.var.deps.database.db, user.id, (tx) =>
        tx
          .update(commissionRules)
          .set(patch)
          .where(and(eq(commissionRules.id, id), isNull(commissionRules.deletedAt)))
          .returning(),
      );
      if (!row) throw DomainError.notFound('commission rule');
      return c.json(strip(row), 200);
    },
  );
  return app;
}
