import type { EngineStatus } from '../../../engine/contract.ts';

/** What the indicator says, most urgent first. */
export type SyncState = 'offline' | 'error' | 'rejected' | 'initial' | 'pending' | 'connecting' | 'synced';

/**
 * One state out of the engine's status and the browser's own idea of the network (`navigator.onLine` turns false
 * at once, the engine only notices at its next request). Rejections outrank progress: they wait for the user.
 */
export function syncStateOf(status: EngineStatus, browserOnline: boolean): SyncState {
  if (!browserOnline || status.online === false) return 'offline';
  if (status.rejected.length) return 'rejected';
  if (status.errors.length) return 'error';
  if (status.syncing === 'initial') return 'initial';
  if (status.pending > 0) return 'pending';
  if (status.online === null || status.syncing === 'off') return 'connecting';
  return 'synced';
}

export const SYNC_STATE_COLOR: Record<SyncState, string> = {
  offline: 'gray',
  error: 'red',
  rejected: 'red',
  initial: 'blue',
  pending: 'yellow',
  connecting: 'blue',
  synced: 'teal',
};
