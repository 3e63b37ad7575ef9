import { toMajor, toMinor } from '../money.ts';
import type { DealRecord } from './use-deal.ts';

/** The editable fields of the deal card, as the form holds them. */
export interface DealDraft {
  title: string;
  clientId: string | null;
  amount: number | string;
  currency: string;
  ownerId: string | null;
  expectedCloseDate: string | null;
  custom: Record<string, unknown>;
}

export function draftOf(deal: DealRecord): DealDraft {
  return {
    title: deal.title,
    clientId: deal.client_id,
    amount: toMajor(deal.amount),
    currency: deal.currency,
    ownerId: deal.owner_id,
    expectedCloseDate: deal.expected_close_date,
    custom: deal.custom ?? {},
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What `deal.update` needs: the fields changed since `base` (custom values per key, null clearing one) and the
 * values they were based on, so the server can tell when it overwrites someone else's edit.
 */
export function dealPatch(
  base: DealDraft,
  draft: DealDraft,
): { patch: Record<string, unknown>; base: Record<string, unknown> } | 'invalid-amount' | null {
  const patch: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  const put = (key: string, next: unknown, prev: unknown) => {
    if (same(next, prev)) return;
    patch[key] = next;
    before[key] = prev;
  };
  put('title', draft.title.trim(), base.title);
  put('clientId', draft.clientId, base.clientId);
  const amount = toMinor(draft.amount);
  if (amount === null) return 'invalid-amount';
  put('amount', amount, toMinor(base.amount));
  put('currency', draft.currency, base.currency);
  put('ownerId', draft.ownerId, base.ownerId);
  put('expectedCloseDate', draft.expectedCloseDate || null, base.expectedCloseDate);
  const custom: Record<string, unknown> = {};
  const customBase: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(base.custom), ...Object.keys(draft.custom)])) {
    const next = draft.custom[key] ?? null;
    if (!same(next, base.custom[key])) {
      custom[key] = next;
      customBase[key] = base.custom[key] ?? null;
    }
  }
  if (Object.keys(custom).length) {
    patch.custom = custom;
    before.custom = customBase;
  }
  return Object.keys(patch).length ? { patch, base: before } : null;
}

export function isDirty(base: DealDraft | null, draft: DealDraft | null): boolean {
  return !!base && !!draft && !same(base, draft);
}
