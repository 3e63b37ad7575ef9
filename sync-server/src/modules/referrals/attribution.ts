import { randomInt } from 'node:crypto';
import { DomainError } from '@mak/shared/errors';
import { newId } from '@mak/shared/ids';
import { referralAttributions, referralCodes } from '@mak/shared/schema';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../platform/db.ts';
import { dbNow } from '../auction/clock.ts';
import { loadPartner } from '../economy/access.ts';
import { refused } from '../economy/errors.ts';

/** A lead or partner brought by a referral is protected for this long: first to register wins meanwhile. */
export const PROTECTION_DAYS = 90;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export const CODE_PATTERN = /^[A-Z0-9-]{4,32}$/;

export function generateCode(): string {
  return Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

export async function createCode(
  tx: Tx,
  partnerId: string,
  opts: { code?: string; label?: string | null },
): Promise<typeof referralCodes.$inferSelect> {
  await loadPartner(tx, partnerId);
  const code = (opts.code ?? generateCode()).toUpperCase();
  const [taken] = await tx
    .select({ id: referralCodes.id })
    .from(referralCodes)
    .where(sql`upper(${referralCodes.code}) = ${code}`);
  if (taken) throw refused('code_taken', 'This referral code is taken');
  const [row] = await tx
    .insert(referralCodes)
    .values({ id: newId(), partnerId, code, label: opts.label ?? null })
    .returning();
  return row as typeof referralCodes.$inferSelect;
}

/** The active code `code` (case-insensitive) of an active partner, or a validation error naming the field. */
export async function resolveCode(q: Queryable, code: string) {
  const [row] = await q
    .select({ id: referralCodes.id, partnerId: referralCodes.partnerId })
    .from(referralCodes)
    .where(
      and(
        sql`upper(${referralCodes.code}) = ${code.toUpperCase()}`,
        eq(referralCodes.active, true),
        isNull(referralCodes.deletedAt),
      ),
    );
  if (!row) throw DomainError.validation('code', 'no such referral code');
  const org = await loadPartner(q, row.partnerId);
  if (org.status !== 'active') throw DomainError.validation('code', 'this referral code is not active');
  return row;
}

export type Subject = { clientId: string } | { referredPartnerId: string };

/**
 * Records who brought a client or a partner. While an earlier attribution is protected, a second one is refused
 * (first to register wins); after its protection ends, the new one supersedes it.
 */
export async function attribute(
  tx: Tx,
  by: { partnerId: string; codeId?: string | null },
  subject: Subject,
): Promise<typeof referralAttributions.$inferSelect> {
  if ('referredPartnerId' in subject && subject.referredPartnerId === by.partnerId)
    throw DomainError.validation('partnerId', 'a partner cannot refer itself');
  const now = await dbNow(tx);
  const match =
    'clientId' in subject
      ? eq(referralAttributions.clientId, subject.clientId)
      : eq(referralAttributions.referredPartnerId, subject.referredPartnerId);
  const [current] = await tx
    .select()
    .from(referralAttributions)
    .where(and(match, eq(referralAttributions.status, 'active')))
    .for('no key update');
  if (current) {
    if (new Date(current.protectedUntil) > now)
      throw refused(
        'already_attributed',
        'Already registered by a partner; protected until its protection ends',
        {
          protectedUntil: current.protectedUntil,
          mine: current.partnerId === by.partnerId,
        },
      );
    await tx
      .update(referralAttributions)
      .set({ status: 'superseded' })
      .where(eq(referralAttributions.id, current.id));
  }
  const [row] = await tx
    .insert(referralAttributions)
    .values({
      id: newId(),
      partnerId: by.partnerId,
      codeId: by.codeId ?? null,
      subjectType: 'clientId' in subject ? 'client' : 'partner',
      clientId: 'clientId' in subject ? subject.clientId : null,
      referredPartnerId: 'referredPartnerId' in subject ? subject.referredPartnerId : null,
      protectedUntil: new Date(now.getTime() + PROTECTION_DAYS * 86_400_000).toISOString(),
    })
    .returning();
  return row as typeof referralAttributions.$inferSelect;
}
