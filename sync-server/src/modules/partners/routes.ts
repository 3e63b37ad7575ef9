import { Partner, PartnerCreate, PartnerPatch } from '@mak/shared/entities';
import { partners } from '@mak/shared/schema';
import { sql } from 'drizzle-orm';
import { defineResource } from '../records/define-resource.ts';

/** Partner organisations (franchisees, agents). Their users see only the clients and deals given to them. */
export function partnerRoutes() {
  return defineResource({
    resource: 'partners',
    name: 'partners',
    tag: 'Partners',
    table: partners,
    Row: Partner,
    Create: PartnerCreate,
    Patch: PartnerPatch,
    filters: {},
    applyFilters: () => [],
    sorts: { name: { expr: sql`${partners.name}`, type: 'text' } },
    defaultSort: 'name',
    mutations: {
      create: 'partner.create',
      update: 'partner.update',
      delete: 'partner.delete',
      restore: 'partner.restore',
    },
  });
}
