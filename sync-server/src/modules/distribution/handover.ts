import { clients, deals } from '@mak/shared/schema';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db.ts';

/**
 * The lead becomes the partner's: the client (and its deal) get its partner_id, which is what the partner's scope
 * and shapes follow, so it appears in the partner's replica with this commit.
 */
export async function handOver(
  tx: Tx,
  lead: { clientId: string; dealId: string | null },
  partnerId: string,
): Promise<void> {
  await tx.update(clients).set({ partnerId }).where(eq(clients.id, lead.clientId));
  if (lead.dealId) await tx.update(deals).set({ partnerId }).where(eq(deals.id, lead.dealId));
}
