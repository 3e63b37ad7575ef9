/**
 * The engine host of the desktop app, without Electron: the session file and one on-disk replica per user under
 * the user-data folder. The Electron entry (index.ts) only supplies the folder, safeStorage and the IPC.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { createEngineHost, type EngineHost, type EngineHostOptions } from '@mak/shared/engine';
import type { Principal } from '@mak/shared/permissions';
import { openReplica } from '@mak/shared/replica';
import { type DesktopSessionStore, fileSessionStore, type TokenSealer } from './session-store.ts';

export interface DesktopEngineOptions {
  /** Electron's `app.getPath('userData')`. */
  userDataDir: string;
  sealer: TokenSealer;
  fetch?: typeof fetch;
  connect?: EngineHostOptions['connect'];
}

export interface DesktopEngine {
  host: EngineHost;
  sessions: DesktopSessionStore;
}

const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `<userData>/replica/<userId>`; the id comes from the server, so it must be a UUID before it names a folder. */
export function replicaDir(userDataDir: string, userId: string): string {
  if (!USER_ID.test(userId)) throw new Error(`not a user id: ${JSON.stringify(userId.slice(0, 60))}`);
  return path.join(userDataDir, 'replica', userId.toLowerCase());
}

export function sessionFile(userDataDir: string): string {
  return path.join(userDataDir, 'session.json');
}

/** Opens (creating its folder: PGlite makes only the last level) the on-disk replica of one user. */
export async function openUserReplica(userDataDir: string, userId: string, principal: Principal) {
  const dataDir = replicaDir(userDataDir, userId);
  await mkdir(dataDir, { recursive: true });
  return openReplica({ dataDir, principal });
}

export function createDesktopEngine(options: DesktopEngineOptions): DesktopEngine {
  const sessions = fileSessionStore(sessionFile(options.userDataDir), options.sealer);
  const host = createEngineHost({
    sessions,
    fetch: options.fetch,
    connect: options.connect,
    openReplica: (userId, principal) => openUserReplica(options.userDataDir, userId, principal),
    async removeReplica(userId) {
      await rm(replicaDir(options.userDataDir, userId), { recursive: true, force: true });
    },
  });
  return { host, sessions };
}
