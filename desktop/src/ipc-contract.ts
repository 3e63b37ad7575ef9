/**
 * The narrow, typed bridge between the Electron renderer and the main process (which will host the PGlite replica
 * and the sync engine). The preload exposes exactly these calls; nothing else of Node reaches the renderer.
 */
export interface SyncStatus {
  online: boolean;
  pending: number;
  lastSyncedAt: string | null;
  errors: string[];
}

export interface DesktopApi {
  getServerUrl(): Promise<string | null>;
  setServerUrl(url: string): Promise<void>;
  syncStatus(): Promise<SyncStatus>;
}

export const IPC_CHANNELS = {
  getServerUrl: 'mak:get-server-url',
  setServerUrl: 'mak:set-server-url',
  syncStatus: 'mak:sync-status',
} as const satisfies Record<keyof DesktopApi, string>;
