import { newId } from '@mak/shared/ids';
import { commissionRules, commissions, referralAttributions } from '@mak/shared/schema';
import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { type Db, type Queryable, rowsOf, type Tx, writeTx } from '../../platform/db.ts';
import { dbNow } from '../auction/clock.ts';
import { accrue, approve, clawback, reverse } from '../ledger/operations.ts';

type Rule = typeof commissionRules.$inferSelect;
type Commission = typeof commissions.$inferSelect;

/** The first matching active rule by priority: same level and kind; grade and partner kind match when set. */
export async function ruleFor(
  q: Queryable,
  partner: { grade: string; kind: string },
  level: 1 | 2,
  kind: 'percent_of_deal' | 'flat_per_lead',
): Promise<Rule | null> {
  const [rule] = await q
    .select()
    .from(commissionRules)
    .where(
      and(
        eq(commissionRules.active, true),
        isNull(commissionRules.deletedAt),
        eq(commissionRules.level, level),
        eq(commissionRules.kind, kind),
        or(isNull(commissionRules.grade), eq(commissionRules.grade, partner.grade)),
        or(isNull(commissionRules.partnerKind), eq(commissionRules.partnerKind, partner.kind)),
      ),
    )
    .orderBy(asc(commissionRules.priority), asc(commissionRules.createdAt))
    .limit(1);
  return rule ?? null;
}

/** percent of deal: ⌊base × bp / 10 000⌋ kopecks (never rounds up in the partner's favour); flat: the sum. */
export function commissionAmount(rule: Pick<Rule, 'kind' | 'rateBp' | 'flatAmount'>, base: number): number {
  return rule.kind === 'flat_per_lead' ? rule.flatAmount : Math.floor((base * rule.rateBp) / 10_000);
}

interface Earning {
  partnerId: string;
  grade: string;
  kind: string;
  attributionId: string;
  clientId: string;
  dealId: string | null;
  base: number;
}

async function accrueOne(tx: Tx, e: Earning, level: 1 | 2, kind: Rule['kind']): Promise<boolean> {
  const rule = await ruleFor(tx, e, level, kind as 'percent_of_deal' | 'flat_per_lead');
  if (!rule) return false;
  const amount = commissionAmount(rule, e.base);
  if (amount <= 0) return false;
  const now = await dbNow(tx);
  const id = newId();
  const made = await tx
    .insert(commissions)
    .values({
      id,
      partnerId: e.partnerId,
      ruleId: rule.id,
      attributionId: e.attributionId,
      kind,
      level,
      clientId: e.clientId,
      dealId: e.dealId,
      baseAmount: e.base,
      amount,
      holdUntil: new Date(now.getTime() + rule.holdDays * 86_400_000).toISOString(),
    })
    .onConflictDoNothing()
    .returning({ id: commissions.id });
  if (!made.length) return false;
  await accrue(tx, {
    partnerId: e.partnerId,
    amount,
    memo:
      kind === 'flat_per_lead'
        ? 'Вознаграждение за квалифицированный лид'
        : `Комиссия ${level}-го уровня за сделку`,
    refType: 'commission',
    refId: id,
    eventKey: `commission:${id}:accrual`,
  });
  return true;
}

/** The partner that referred `partnerId` (an active partner attribution), for the second level. */
async function parentOf(q: Queryable, partnerId: string) {
  const rows = rowsOf<{ attribution_id: string; partner_id: string; grade: string; kind: string }>(
    await q.execute(sql`select a.id as attribution_id, p.id as partner_id, p.grade, p.kind
      from ${referralAttributions} a join partners p on p.id = a.partner_id
      where a.referred_partner_id = ${partnerId} and a.status = 'active' and p.deleted_at is null
        and p.status = 'active'`),
  );
  return rows[0] ?? null;
}

/**
 * Deals won for a client a partner brought (within the protection window) earn a percentage; the partner's own
 * referrer earns the second level on the same deal amount. Clients that became prospects or customers earn a flat
 * sum per qualified lead. Each accrual is once: the commissions' unique indexes and the ledger's event keys.
 */
export async function accrueCommissions(db: Db): Promise<number> {
  const won = rowsOf<{
    deal_id: string;
    client_id: string;
    amount: string;
    attribution_id: string;
    partner_id: string;
    grade: string;
    kind: string;
  }>(
    await db.execute(sql`select d.id as deal_id, d.client_id, d.amount::text as amount, a.id as attribution_id,
        p.id as partner_id, p.grade, p.kind
      from deals d
      join stages s on s.id = d.stage_id and s.is_won
      join ${referralAttributions} a on a.client_id = d.client_id and a.status = 'active'
      join partners p on p.id = a.partner_id and p.deleted_at is null
      where d.deleted_at is null and d.amount > 0
        and coalesce(d.closed_at, d.updated_at) <= a.protected_until
        and not exists (select 1 from ${commissions} c where c.deal_id = d.id and c.partner_id = a.partner_id
                          and c.level = 1 and c.status in ('pending', 'approved'))
      limit 200`),
  );
  let n = 0;
  for (const w of won) {
    await writeTx(db, null, async (tx) => {
      const e: Earning = {
        partnerId: w.partner_id,
        grade: w.grade,
        kind: w.kind,
        attributionId: w.attribution_id,
        clientId: w.client_id,
        dealId: w.deal_id,
        base: Number(w.amount),
      };
      if (!(await accrueOne(tx, e, 1, 'percent_of_deal'))) return;
      n++;
      const parent = await parentOf(tx, w.partner_id);
      if (parent)
        await accrueOne(
          tx,
          {
            ...e,
            partnerId: parent.partner_id,
            grade: parent.grade,
            kind: parent.kind,
            attributionId: parent.attribution_id,
          },
          2,
          'percent_of_deal',
        );
    });
  }
  const qualified = rowsOf<{
    client_id: string;
    attribution_id: string;
    partner_id: string;
    grade: string;
    kind: string;
  }>(
    await db.execute(sql`select c.id as client_id, a.id as attribution_id, p.id as partner_id, p.grade, p.kind
      from clients c
      join ${referralAttributions} a on a.client_id = c.id and a.status = 'active'
      join partners p on p.id = a.partner_id and p.deleted_at is null
      where c.deleted_at is null and c.status in ('prospect', 'customer')
        and not exists (select 1 from ${commissions} x where x.client_id = c.id and x.partner_id = a.partner_id
                          and x.kind = 'flat_per_lead')
        and exists (select 1 from ${commissionRules} r where r.kind = 'flat_per_lead' and r.active
                      and r.deleted_at is null)
      limit 200`),
  );
  for (const q of qualified) {
    const made = await writeTx(db, null, (tx) =>
      accrueOne(
        tx,
        {
          partnerId: q.partner_id,
          grade: q.grade,
          kind: q.kind,
          attributionId: q.attribution_id,
          clientId: q.client_id,
          dealId: null,
          base: 0,
        },
        1,
        'flat_per_lead',
      ),
    );
    if (made) n++;
  }
  return n;
}

/** One commission changes state once: a conditional UPDATE on its current status, with its ledger entry. */
async function transition(
  db: Db,
  c: Pick<Commission, 'id'>,
  from: Commission['status'],
  to: Commission['status'],
  book: (tx: Tx, row: Commission) => Promise<unknown>,
): Promise<boolean> {
  return writeTx(db, null, async (tx) => {
    const now = (await dbNow(tx)).toISOString();
    const [row] = await tx
      .update(commissions)
      .set({ status: to, ...(to === 'approved' ? { approvedAt: now } : { reversedAt: now }) })
      .where(and(eq(commissions.id, c.id), eq(commissions.status, from)))
      .returning();
    if (!row) return false;
    await book(tx, row);
    return true;
  });
}

/** A won deal reversed (moved out of a won stage, or deleted): pending commissions are reversed, paid ones clawed back. */
export async function reverseCommissions(db: Db): Promise<number> {
  const gone = rowsOf<{ id: string; status: 'pending' | 'approved' }>(
    await db.execute(sql`select c.id, c.status from ${commissions} c
      left join deals d on d.id = c.deal_id
      left join stages s on s.id = d.stage_id
      where c.deal_id is not null and c.status in ('pending', 'approved')
        and (d.id is null or d.deleted_at is not null or not coalesce(s.is_won, false))
      limit 200`),
  );
  let n = 0;
  for (const g of gone) {
    const to = g.status === 'pending' ? 'reversed' : 'clawed_back';
    const done = await transition(db, g, g.status, to, (tx, row) =>
      (g.status === 'pending' ? reverse : clawback)(tx, {
        partnerId: row.partnerId,
        amount: row.amount,
        memo:
          g.status === 'pending'
            ? 'Сделка отменена: начисление сторнировано'
            : 'Сделка отменена: возврат комиссии',
        refType: 'commission',
        refId: row.id,
        eventKey: `commission:${row.id}:${to}`,
      }),
    );
    if (done) n++;
  }
  return n;
}

/** Commissions past their hold move from pending into the wallet. */
export async function approveDueCommissions(db: Db): Promise<number> {
  const due = await db
    .select({ id: commissions.id })
    .from(commissions)
    .where(and(eq(commissions.status, 'pending'), lte(commissions.holdUntil, sql`clock_timestamp()`)))
    .limit(200);
  let n = 0;
  for (const c of due) {
    const done = await transition(db, c, 'pending', 'approved', (tx, row) =>
      approve(tx, {
        partnerId: row.partnerId,
        amount: row.amount,
        memo: 'Комиссия одобрена после периода удержания',
        refType: 'commission',
        refId: row.id,
        eventKey: `commission:${row.id}:approved`,
      }),
    );
    if (done) n++;
  }
  return n;
}
