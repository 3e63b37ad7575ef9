import { DomainError } from '@mak/shared/errors';
import { type Action, type Principal, type Resource, scopeFor } from '@mak/shared/permissions';
import { partnerMembers, partners } from '@mak/shared/schema';
import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../platform/db.ts';

/** What a caller may reach in the partner economy: everything (staff with `all`) or one organisation's rows. */
export type EconomyScope = { all: true } | { all: false; partnerId: string };

/** The scope of `resource:action`; partner users get their own organisation, nobody else gets anything. */
export function economyScope(p: Principal, resource: Resource, action: Action): EconomyScope {
  const scope = scopeFor(p, resource, action);
  if (scope === 'all') return { all: true };
  if (scope === 'partner' && p.partnerId) return { all: false, partnerId: p.partnerId };
  throw DomainError.forbidden(`Your role may not ${action} ${resource}`);
}

/** Staff must name the organisation; a partner user always means its own and may not name another. */
export function partnerOf(scope: EconomyScope, requested: string | undefined): string {
  if (!scope.all) {
    if (requested && requested !== scope.partnerId)
      throw DomainError.forbidden('You may act only for your own organisation');
    return scope.partnerId;
  }
  if (!requested) throw DomainError.validation('partnerId', 'name the partner organisation');
  return requested;
}

export function requirePartnerUser(p: Principal, resource: Resource, action: Action): string {
  const scope = economyScope(p, resource, action);
  if (scope.all || !p.partnerId)
    throw DomainError.forbidden('Only a partner organisation’s users may do this');
  return scope.partnerId;
}

export type MemberRole = 'owner' | 'manager';

/** The user's role in its organisation; a partner user without a membership row counts as a manager. */
export async function memberRole(q: Queryable, userId: string): Promise<MemberRole> {
  const [row] = await q
    .select({ role: partnerMembers.role })
    .from(partnerMembers)
    .where(and(eq(partnerMembers.userId, userId), isNull(partnerMembers.deletedAt)));
  return row?.role === 'owner' ? 'owner' : 'manager';
}

export async function requireOwner(q: Queryable, userId: string, what: string): Promise<void> {
  if ((await memberRole(q, userId)) !== 'owner')
    throw DomainError.forbidden(`Only an owner of the partner organisation may ${what}`);
}

export interface PartnerOrg {
  id: string;
  name: string;
  kind: string;
  grade: string;
  status: string;
  territory: string | null;
}

/** A live partner organisation, or not_found. */
export async function loadPartner(q: Queryable, id: string): Promise<PartnerOrg> {
  const [row] = await q
    .select({
      id: partners.id,
      name: partners.name,
      kind: partners.kind,
      grade: partners.grade,
      status: partners.status,
      territory: partners.territory,
    })
    .from(partners)
    .where(and(eq(partners.id, id), isNull(partners.deletedAt)));
  if (!row) throw DomainError.notFound('partner');
  return row;
}

export async function requireActivePartner(q: Queryable, id: string): Promise<PartnerOrg> {
  const org = await loadPartner(q, id);
  if (org.status !== 'active')
    throw new DomainError('forbidden', `The partner organisation is ${org.status}`, {
      details: { reason: 'partner_not_active' },
    });
  return org;
}
