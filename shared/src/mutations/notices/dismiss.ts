import { z } from 'zod';
import { Id } from '../../entities/fields.ts';
import { DomainError } from '../../errors.ts';
import { syncNotices } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { loadLive, updateRow } from '../records.ts';

/**
 * Marks one of the caller's sync notices read, on every device (the notice stays, with `dismissedAt`). Another
 * user's notice is not_found, as on the server, where the personal `sync_notices` scope hides it. Dismissing again
 * keeps the first `dismissedAt` but still writes the row, so the replica's overlay retires when it syncs back.
 */
export const noticeDismiss = defineMutation({
  name: 'notice.dismiss',
  resource: 'sync_notices',
  action: 'update',
  kind: 'update',
  table: syncNotices,
  event: 'notice.dismissed',
  input: z.strictObject({ id: Id }),
  async apply(tx, { id }, { principal, now }) {
    const notice = await loadLive(tx, syncNotices, id, 'notice');
    if (notice.userId !== principal.userId) throw DomainError.notFound('notice');
    const dismissedAt = notice.dismissedAt ?? now;
    await updateRow(tx, syncNotices, id, { dismissedAt });
    return { id, payload: { dismissedAt } };
  },
});
