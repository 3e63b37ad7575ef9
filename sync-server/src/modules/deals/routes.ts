import { Deal, DealCreate, DealPatch } from '@mak/shared/entities';
import { scopeFor } from '@mak/shared/permissions';
import { CURRENCIES, clients, deals } from '@mak/shared/schema';
import { eq, gte, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineResource } from '../records/define-resource.ts';
import { checkCustomValues, compact, ensureVisibleRef, inList, listOf, uuidFilter } from '../records/refs.ts';
import { resolveStage } from './stage-rules.ts';

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
    async prepareCreate(input, { tx, principal }) {
      await ensureVisibleRef(tx, principal, 'clients', clients, input.clientId, 'clientId');
      const asPartner = scopeFor(principal, 'deals', 'create') === 'partner';
      return {
        ...input,
        ...(await resolveStage(tx, input.pipelineId, input.stageId)),
        ownerId: input.ownerId !== undefined ? input.ownerId : asPartner ? null : principal.userId,
        partnerId: input.partnerId !== undefined ? input.partnerId : asPartner ? principal.partnerId : null,
        custom: await checkCustomValues(tx, 'deals', input.custom),
      };
    },
    async preparePatch(patch, existing, { tx, principal }) {
      if (patch.clientId && patch.clientId !== existing.clientId) {
        await ensureVisibleRef(tx, principal, 'clients', clients, patch.clientId, 'clientId');
      }
      const stageMoved = patch.stageId !== undefined || patch.pipelineId !== undefined;
      return {
        ...patch,
        ...(stageMoved
          ? await resolveStage(
              tx,
              patch.pipelineId ?? (patch.stageId ? undefined : (existing.pipelineId as string)),
              patch.stageId,
              existing.closedAt as string | null,
            )
          : {}),
        ...(patch.custom
          ? {
              custom: await checkCustomValues(
                tx,
                'deals',
                patch.custom,
                existing.custom as Record<string, unknown>,
              ),
            }
          : {}),
      };
    },
  });
}
