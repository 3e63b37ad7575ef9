import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '@mak/shared/errors';
import { ledgerEntries, ledgerPostings, partners } from '@mak/shared/schema';
import { and, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { requireAuth } from '../../middleware/authenticate.ts';
import { createRouter } from '../../openapi.ts';
import { writeTx } from '../../platform/db.ts';
import { economyScope, loadPartner, partnerOf } from '../economy/access.ts';
import { refused } from '../economy/errors.ts';
import { body, economyErrors, json, security, valid } from '../economy/http.ts';
import { Kopecks, SignedKopecks } from '../economy/money.ts';
import { serializeRow } from '../records/serialize.ts';
import { allBalances, balancesOf, ZERO_BALANCES } from './book.ts';
import { adjust, deposit } from './operations.ts';
import { buildStatement, statementCsv, statementPdf } from './statement.ts';

const Balances = z
  .object({
    partnerId: z.string(),
    available: z.number().int().openapi({ description: 'Spendable now (bids, payouts)' }),
    held: z.number().int().openapi({ description: 'Held for leading or sealed bids' }),
    pending: z.number().int().openapi({ description: 'Commissions in their hold period' }),
    payoutPending: z.number().int(),
    owed: z.number().int().openapi({ description: 'Debt from clawbacks (≤ 0)' }),
    total: z.number().int(),
  })
  .openapi('PartnerBalances');

const Posting = z.object({ accountKind: z.string(), amount: z.number().int() });
const Entry = z
  .object({
    id: z.string(),
    kind: z.string(),
    partnerId: z.string().nullable(),
    amount: z.number().int(),
    memo: z.string(),
    refType: z.string().nullable(),
    refId: z.string().nullable(),
    createdAt: z.string(),
    postings: z.array(Posting).openapi({ description: 'The lines on this partner’s own accounts' }),
  })
  .openapi('LedgerEntry');

const PartnerQuery = z.object({ partnerId: z.uuid().optional() });
const EntriesQuery = PartnerQuery.extend({
  before: z
    .string()
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'Page: entries older than this' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const StatementQuery = PartnerQuery.extend({
  from: z.iso.date().optional().openapi({ description: 'First day (default: the 1st of this month)' }),
  to: z.iso.date().optional().openapi({ description: 'Last day, inclusive (default: today)' }),
  format: z.enum(['csv', 'pdf']).default('csv'),
});
const MoneyBody = z.strictObject({
  partnerId: z.uuid(),
  memo: z.string().trim().min(1).max(500),
  idempotencyKey: z
    .uuid()
    .optional()
    .openapi({ description: 'A repeat with the same key books nothing (409)' }),
});
const DepositBody = MoneyBody.extend({ amount: Kopecks }).openapi('LedgerDeposit');
const AdjustBody = MoneyBody.extend({ amount: SignedKopecks }).openapi('LedgerAdjustment');

/** Entries of one partner, newest first, each with the lines on that partner's accounts. */
export async function entriesOf(
  db: Parameters<typeof balancesOf>[0],
  partnerId: string,
  opts: { before?: string; after?: string; limit: number; oldestFirst?: boolean },
) {
  const rows = await db
    .select()
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.partnerId, partnerId),
        opts.before ? lt(ledgerEntries.createdAt, opts.before) : undefined,
      ),
    )
    .orderBy(opts.oldestFirst ? ledgerEntries.createdAt : desc(ledgerEntries.createdAt))
    .limit(opts.limit);
  const lines = rows.length
    ? await db
        .select({
          entryId: ledgerPostings.entryId,
          accountKind: ledgerPostings.accountKind,
          amount: ledgerPostings.amount,
        })
        .from(ledgerPostings)
        .where(
          and(
            inArray(
              ledgerPostings.entryId,
              rows.map((r) => r.id),
            ),
            eq(ledgerPostings.partnerId, partnerId),
          ),
        )
    : [];
  return rows.map((r) =>
    serializeRow({
      id: r.id,
      kind: r.kind,
      partnerId: r.partnerId,
      amount: r.amount,
      memo: r.memo,
      refType: r.refType,
      refId: r.refId,
      createdAt: r.createdAt,
      postings: lines
        .filter((l) => l.entryId === r.id)
        .map(({ accountKind, amount }) => ({ accountKind, amount })),
    }),
  );
}

/** The ledger: balances and entries of a partner (its own for partner users), deposits and adjustments by staff. */
export function ledgerRoutes() {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/ledger/balances',
      tags: ['Ledger'],
      summary: 'Balances, summed from ledger entries: yours, one partner’s, or every partner’s (staff)',
      security,
      request: { query: PartnerQuery },
      responses: { 200: json(z.object({ items: z.array(Balances) })), ...economyErrors },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      const scope = economyScope(principal, 'ledger', 'read');
      const { partnerId } = valid<z.infer<typeof PartnerQuery>>(c, 'query');
      const db = c.var.deps.database.db;
      if (scope.all && !partnerId) {
        const all = await allBalances(db);
        const orgs = await db.select({ id: partners.id }).from(partners).where(isNull(partners.deletedAt));
        return c.json(
          { items: orgs.map((o) => ({ partnerId: o.id, ...(all.get(o.id) ?? ZERO_BALANCES) })) },
          200,
        );
      }
      const id = partnerOf(scope, partnerId);
      await loadPartner(db, id);
      return c.json({ items: [{ partnerId: id, ...(await balancesOf(db, id)) }] }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/ledger/entries',
      tags: ['Ledger'],
      summary: 'Ledger entries of a partner, newest first',
      security,
      request: { query: EntriesQuery },
      responses: { 200: json(z.object({ items: z.array(Entry) })), ...economyErrors },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      const scope = economyScope(principal, 'ledger', 'read');
      const q = valid<z.infer<typeof EntriesQuery>>(c, 'query');
      const id = partnerOf(scope, q.partnerId);
      const items = await entriesOf(c.var.deps.database.db, id, q);
      return c.json({ items: items as z.infer<typeof Entry>[] }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/ledger/statement',
      tags: ['Ledger'],
      summary:
        'A partner’s statement for a period, as CSV (UTF-8, `;`, for Excel) or PDF (Cyrillic font embedded)',
      security,
      request: { query: StatementQuery },
      responses: {
        200: {
          description: 'The statement',
          content: {
            'text/csv': { schema: z.string() },
            'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        ...economyErrors,
      },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      const q = valid<z.infer<typeof StatementQuery>>(c, 'query');
      const id = partnerOf(economyScope(principal, 'ledger', 'read'), q.partnerId);
      const db = c.var.deps.database.db;
      await loadPartner(db, id);
      const today = new Date().toISOString().slice(0, 10);
      const fromDay = q.from ?? `${today.slice(0, 8)}01`;
      const toDay = q.to ?? today;
      if (toDay < fromDay) throw DomainError.validation('to', 'must not be before from');
      const end = new Date(`${toDay}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      const s = await buildStatement(db, id, `${fromDay}T00:00:00Z`, end.toISOString());
      const name = `statement-${fromDay}-${toDay}`;
      if (q.format === 'pdf') {
        const pdf = await statementPdf(s);
        return c.body(new Uint8Array(pdf), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${name}.pdf"`,
        });
      }
      return c.body(statementCsv(s), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}.csv"`,
      });
    },
  );

  const write = (kind: 'deposit' | 'adjustment') =>
    createRoute({
      method: 'post',
      path: kind === 'deposit' ? '/ledger/deposits' : '/ledger/adjustments',
      tags: ['Ledger'],
      summary:
        kind === 'deposit'
          ? 'Record money a partner paid in (funds its bids)'
          : 'Correct a partner’s wallet (negative: never below its available balance)',
      security,
      request: { body: body(kind === 'deposit' ? DepositBody : AdjustBody) },
      responses: {
        201: json(z.object({ entryId: z.string(), balances: Balances }), 'Booked'),
        ...economyErrors,
      },
    });
  for (const kind of ['deposit', 'adjustment'] as const) {
    app.openapi(write(kind), async (c) => {
      const { principal, user } = requireAuth(c);
      if (!economyScope(principal, 'ledger', 'create').all)
        throw DomainError.forbidden('Only staff book money');
      const input = valid<z.infer<typeof AdjustBody>>(c, 'json');
      const db = c.var.deps.database.db;
      await loadPartner(db, input.partnerId);
      const posted = await writeTx(db, user.id, (tx) =>
        (kind === 'deposit' ? deposit : adjust)(tx, {
          partnerId: input.partnerId,
          amount: input.amount,
          memo: input.memo,
          eventKey: input.idempotencyKey ? `${kind}:${input.idempotencyKey}` : undefined,
          createdBy: user.id,
        }),
      );
      if (!posted.fresh)
        throw refused('duplicate', 'This idempotency key was already booked', { entryId: posted.entryId });
      const balances = { partnerId: input.partnerId, ...(await balancesOf(db, input.partnerId)) };
      return c.json({ entryId: posted.entryId, balances }, 201);
    });
  }
  return app;
}
