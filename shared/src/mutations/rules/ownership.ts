import { type Principal, scopeFor } from '../../permissions/index.ts';

/**
 * Who a new client or deal belongs to when the input does not say: a partner registers leads for its
 * organisation (no owner); staff own what they create. Whether the result is in the writer's scope is the
 * executor's post-write check.
 */
export function defaultOwnership(
  principal: Principal,
  resource: 'clients' | 'deals',
  input: { ownerId?: string | null; partnerId?: string | null },
): { ownerId: string | null; partnerId: string | null } {
  const asPartner = scopeFor(principal, resource, 'create') === 'partner';
  return {
    ownerId: input.ownerId !== undefined ? input.ownerId : asPartner ? null : principal.userId,
    partnerId: input.partnerId !== undefined ? input.partnerId : asPartner ? principal.partnerId : null,
  };
}
