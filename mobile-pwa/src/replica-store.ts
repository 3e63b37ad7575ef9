/**
 * Where a user's replica lives in this browser: one IndexedDB database per user, named with a format version and
 * PGlite's version, because a database written by another PGlite release may not open (pglite #874). An old one is
 * dropped rather than migrated: the replica is a cache of the server, rebuilt by the next sync.
 */

/** Bump when a stored replica must not be reused even though PGlite's version did not change. */
const REPLICA_FORMAT = 2;
const USER_ID = /^[0-9a-f-]{36}$/i;

function checkedUserId(userId: string): string {
  if (!USER_ID.test(userId)) throw new Error(`not a user id: ${userId.slice(0, 40)}`);
  return userId.toLowerCase();
}

const prefixOf = (userId: string) => `mak-${checkedUserId(userId)}-v`;

/** The name of this user's replica in this build (PGlite's IndexedDB database is `/pglite/<name>`). */
export const replicaStoreName = (userId: string) =>
  `${prefixOf(userId)}${REPLICA_FORMAT}-pglite-${__PGLITE_VERSION__}`;

/** PGlite's IndexedDB databases of this user (PGlite names them after its mount path, ending in the data dir). */
async function databasesOf(userId: string): Promise<string[]> {
  const prefix = prefixOf(userId);
  const all = await indexedDB.databases();
  const names = all.map((db) => db.name ?? '');
  return names.filter((name) => name.split('/').pop()?.startsWith(prefix));
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    // Another connection is still open: the deletion completes when it closes; nothing to wait for here.
    req.onblocked = () => resolve();
  });
}

/** Deletes this user's replicas of earlier formats or PGlite releases. */
export async function dropStaleReplicas(userId: string): Promise<void> {
  const current = replicaStoreName(userId);
  for (const name of await databasesOf(userId)) if (!name.endsWith(current)) await deleteDatabase(name);
}

/** Deletes every replica of this user (after a clean sign-out, or when the user resets the local data). */
export async function removeReplicas(userId: string): Promise<void> {
  for (const name of await databasesOf(userId)) await deleteDatabase(name);
}

/** Deletes the replicas of every user of this browser. */
export async function removeAllReplicas(): Promise<void> {
  const all = await indexedDB.databases();
  const replica = /^mak-[0-9a-f-]{36}-v/;
  for (const db of all)
    if (db.name && replica.test(db.name.split('/').pop() ?? '')) await deleteDatabase(db.name);
}
