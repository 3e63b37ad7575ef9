import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '@mak/shared/errors';
import { newId } from '@mak/shared/ids';
import { payoutRequests } from '@mak/shared/schema';
import { and, desc, eq } from 'drizzle-orm';
import { requireAuth } from '../../middleware/authenticate.ts';
import { createRouter } from '../../openapi.ts';
import { type Tx, writeTx } from '../../platform/db.ts';
import { dbNow } from '../auction/clock.ts';
import { economyScope, requireActivePartner, requireOwner, requirePartnerUser } from '../economy/access.ts';
import { refused } from '../economy/errors.ts';
import { body, economyErrors, IdParam, json, security, valid } from '../economy/http.ts';
import { Kopecks } from '../economy/money.ts';
import { payPayout, rejectPayout, requestPayout } from '../ledger/operations.ts';
import { serializeRow } from '../records/serialize.ts';

const Payout = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    amount: z.number().int(),
    status: z.string(),
    requestedBy: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    reference: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('PayoutRequest');

export const MIN_PAYOUT = 100_000;

const RequestBody = z
  .strictObject({
    id: z.uuid().optional().openapi({ description: 'Client-made: a repeat answers 409 duplicate' }),
    amount: Kopecks.refine((n) => n >= MIN_PAYOUT, `at least ${MIN_PAYOUT} kopecks (1 000 ₽)`),
    note: z.string().trim().max(500).optional(),
  })
  .openapi('PayoutRequestCreate');
const DecideBody = z.strictObject({
  note: z.string().trim().max(500).optional(),
  reference: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'pay: the bank transfer reference' }),
});
const ListQuery = z.object({
  status: z.enum(['requested', 'approved', 'paid', 'rejected']).optional(),
  partnerId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const out = (row: typeof payoutRequests.$inferSelect) => {
  const { version: _v, lastMutationId: _m, updatedAt: _u, ...rest } = row;
  return serializeRow(rest) as z.infer<typeof Payout>;
};

async function lockPayout(tx: Tx, id: string) {
  const [row] = await tx.select().from(payoutRequests).where(eq(payoutRequests.id, id)).for('no key update');
  if (!row) throw DomainError.notFound('payout request');
  return row;
}

const TRANSITIONS = {
  approve: { from: ['requested'], to: 'approved' },
  reject: { from: ['requested', 'approved'], to: 'rejected' },
  pay: { from: ['approved'], to: 'paid' },
} as const;

/** Payouts: an owner requests (the amount is reserved at once), staff approve, then mark paid, or reject. */
export function payoutRoutes() {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/payouts',
      tags: ['Payouts'],
      summary: 'Request a payout of available balance (partner owners)',
      description:
        'The amount moves from available to payout_pending at once. 409 insufficient_funds when it is not there.',
      security,
      request: { body: body(RequestBody) },
      responses: { 201: json(Payout, 'Requested'), ...economyErrors },
    }),
    async (c) => {
      const { principal, user } = requireAuth(c);
      const partnerId = requirePartnerUser(principal, 'payouts', 'create');
      const input = valid<z.infer<typeof RequestBody>>(c, 'json');
      const db = c.var.deps.database.db;
      const row = await writeTx(db, user.id, async (tx) => {
        await requireOwner(tx, user.id, 'request payouts');
        await requireActivePartner(tx, partnerId);
        const id = input.id ?? newId();
        const [dup] = await tx
          .select({ id: payoutRequests.id })
          .from(payoutRequests)
          .where(eq(payoutRequests.id, id));
        if (dup) throw refused('duplicate', 'This payout request was already submitted', { payoutId: id });
        await requestPayout(tx, {
          partnerId,
          amount: input.amount,
          memo: 'Запрос на выплату',
          refType: 'payout',
          refId: id,
          eventKey: `payout:${id}:request`,
          createdBy: user.id,
        });
        const [made] = await tx
          .insert(payoutRequests)
          .values({ id, partnerId, amount: input.amount, requestedBy: user.id, note: input.note ?? null })
          .returning();
        return made as typeof payoutRequests.$inferSelect;
      });
      return c.json(out(row), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/payouts',
      tags: ['Payouts'],
      summary: 'Payout requests: your organisation’s, or all (staff)',
      security,
      request: { query: ListQuery },
      responses: { 200: json(z.object({ items: z.array(Payout) })), ...economyErrors },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      const scope = economyScope(principal, 'payouts', 'read');
      const q = valid<z.infer<typeof ListQuery>>(c, 'query');
      if (!scope.all && q.partnerId && q.partnerId !== scope.partnerId)
        throw DomainError.forbidden('You may see only your own organisation');
      const partnerId = scope.all ? q.partnerId : scope.partnerId;
      const rows = await c.var.deps.database.db
        .select()
        .from(payoutRequests)
        .where(
          and(
            partnerId ? eq(payoutRequests.partnerId, partnerId) : undefined,
            q.status ? eq(payoutRequests.status, q.status) : undefined,
          ),
        )
        .orderBy(desc(payoutRequests.createdAt))
        .limit(q.limit);
      return c.json({ items: rows.map(out) }, 200);
    },
  );

  for (const action of ['approve', 'reject', 'pay'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/payouts/{id}/${action}`,
        tags: ['Payouts'],
        summary: {
          approve: 'Approve a requested payout (staff)',
          reject: 'Reject a payout: the amount returns to available (staff)',
          pay: 'Mark an approved payout paid (staff)',
        }[action],
        security,
        request: { params: IdParam, body: { content: { 'application/json': { schema: DecideBody } } } },
        responses: { 200: json(Payout), ...economyErrors },
      }),
      async (c) => {
        const { principal, user } = requireAuth(c);
        if (!economyScope(principal, 'payouts', 'update').all)
          throw DomainError.forbidden('Only staff decide payouts');
        const { id } = valid<{ id: string }>(c, 'param');
        const input = valid<z.infer<typeof DecideBody> | undefined>(c, 'json') ?? {};
        const row = await writeTx(c.var.deps.database.db, user.id, async (tx) => {
          const p = await lockPayout(tx, id);
          const t = TRANSITIONS[action];
          if (!(t.from as readonly string[]).includes(p.status))
            throw refused('payout_state', `This payout is ${p.status}; it cannot be ${t.to}`, {
              status: p.status,
            });
          const now = (await dbNow(tx)).toISOString();
          const money = {
            partnerId: p.partnerId,
            amount: p.amount,
            refType: 'payout',
            refId: p.id,
            createdBy: user.id,
          };
          if (action === 'reject')
            await rejectPayout(tx, {
              ...money,
              memo: 'Выплата отклонена',
              eventKey: `payout:${p.id}:reject`,
            });
          if (action === 'pay')
            await payPayout(tx, { ...money, memo: 'Выплата произведена', eventKey: `payout:${p.id}:paid` });
          const [after] = await tx
            .update(payoutRequests)
            .set({
              status: t.to,
              ...(action === 'pay'
                ? { paidAt: now, reference: input.reference ?? null }
                : { decidedBy: user.id, decidedAt: now }),
              ...(input.note ? { note: input.note } : {}),
            })
            .where(eq(payoutRequests.id, id))
            .returning();
          return after as typeof payoutRequests.$inferSelect;
        });
        return c.json(out(row), 200);
      },
    );
  }
  return app;
}
