import { newId } from '@mak/shared/ids';
import { syncNotices } from '@mak/shared/schema';
import type { Tx } from '../platform/db.ts';

/** A notice in a mutation's result: what the writer should know about the write it just made. */
export interface ResultNotice {
  kind: 'overwrote' | 'possible_duplicate';
  entity: string;
  entityId: string;
  field: string | null;
  payload: Record<string, unknown>;
}

/** A `sync_notices` row for one user (synced to them): an edit of theirs overwritten, a likely duplicate. */
export interface StoredNotice {
  userId: string;
  kind: 'overwritten' | 'possible_duplicate';
  entity: string;
  entityId: string;
  field: string | null;
  payload: Record<string, unknown>;
}

export interface Notices {
  stored: StoredNotice[];
  told: ResultNotice[];
}

export const NO_NOTICES: Notices = { stored: [], told: [] };

export async function storeNotices(tx: Tx, notices: StoredNotice[]): Promise<void> {
  if (notices.length) await tx.insert(syncNotices).values(notices.map((n) => ({ id: newId(), ...n })));
}
