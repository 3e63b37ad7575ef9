/**
 * Messages between the page and the engine worker: the engine's own RPC (shared/src/engine/rpc.ts) plus the boot
 * state of the worker, which the page shows before the app can render (another tab holds the replica, or it failed).
 */
import type { HostToUi, UiToHost } from '@mak/shared/engine';

export type BootState =
  /** Another tab of this browser has the replica open; this one waits for it to close. */
  | { state: 'waiting-for-other-tab' }
  | { state: 'ready' }
  | { state: 'failed'; message: string }
  /** The local data was wiped on the user's request: the page reloads. */
  | { state: 'reset-done' };

export type WorkerToPage = { engine: HostToUi } | { boot: BootState };

export type PageToWorker = { engine: UiToHost } | { control: 'network-back' | 'reset-local-data' };

/** The Web Lock a tab's worker holds while it has the replica open: one PGlite per IndexedDB database. */
export const REPLICA_LOCK = 'mak-crm-replica';
