import { Id, Inn, Name, Timestamps } from '@mak/shared/entities';
import { partners } from '@mak/shared/schema';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineResource } from '../records/define-resource.ts';

const PartnerCreate = z.strictObject({ id: Id.optional(), name: Name, inn: Inn.nullable().optional() });
const PartnerPatch = z
  .strictObject({ name: Name, inn: Inn.nullable(), version: z.number().int().min(1) })
  .partial();
const Partner = z.object({ id: Id, name: z.string(), inn: z.string().nullable(), ...Timestamps });

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
    prepareCreate: async (input) => input,
    preparePatch: async (patch) => patch,
  });
}
