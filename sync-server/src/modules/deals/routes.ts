import { Deal, DealCreate, DealPatch } from '@mak/shared/entities';
import { CURRENCIES, deals } from '@mak/shared/schema';
import { eq, gte, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineResource } from '../records/define-resource.ts';
import { compact, inList, listOf, uuidFilter } from '../records/refs.ts';

const Amount = z.coerce.number().int().min(0).max(1e15).optional();

export function dealRoutes() {
  return defineResource({
    resource: 'deals',
    name: 'deals',
    tag: 'Deals',
    table: deals,
    Row: Deal,
    Create: DealCreate,
    Patch: DealPatch,
    filters: {
      pipelineId: uuidFilter,
      stageId: uuidFilter,
      clientId: uuidFilter,
      ownerId: uuidFilter,
      partnerId: uuidFilter,
      currency: listOf(CURRENCIES),
      amountMin: Amount,
      amountMax: Amount,
    },
    applyFilters: (f) =>
      compact([
        f.pipelineId ? eq(deals.pipelineId, f.pipelineId) : undefined,
        f.stageId ? eq(deals.stageId, f.stageId) : undefined,
        f.clientId ? eq(deals.clientId, f.clientId) : undefined,
        f.ownerId ? eq(deals.ownerId, f.ownerId) : undefined,
        f.partnerId ? eq(deals.partnerId, f.partnerId) : undefined,
        inList(deals.currency, f.currency),
        f.amountMin !== undefined ? gte(deals.amount, f.amountMin) : undefined,
        f.amountMax !== undefined ? lte(deals.amount, f.amountMax) : undefined,
      ]),
    sorts: {
      created_at: { expr: sql`${deals.createdAt}`, type: 'timestamptz' },
      updated_at: { expr: sql`${deals.updatedAt}`, type: 'timestamptz' },
      amount: { expr: sql`${deals.amount}`, type: 'bigint' },
      title: { expr: sql`${deals.title}`, type: 'text' },
      expected_close_date: {
        expr: sql`coalesce(${deals.expectedCloseDate}, '9999-12-31'::date)`,
        type: 'date',
      },
    },
    defaultSort: '-created_at',
    mutations: {
      create: 'deal.create',
      update: 'deal.update',
      delete: 'deal.delete',
      restore: 'deal.restore',
    },
  });
}
