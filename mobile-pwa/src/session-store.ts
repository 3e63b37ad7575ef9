/** The signed-in session of the PWA, kept in a small IndexedDB database of its own (the replica is separate). */
import type { SessionStore, StoredSession } from '@mak/shared/engine';

const DB_NAME = 'mak-session';
const STORE = 'session';
const KEY = 'current';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDb(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE);
  return request(req);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** What was stored may come from an older build or be tampered with: anything unexpected counts as signed out. */
function asStoredSession(value: unknown): StoredSession | null {
  if (!isRecord(value) || !isString(value.token) || !isString(value.serverUrl)) return null;
  const user = value.user;
  if (!isRecord(user) || !isString(user.id) || !isString(user.email) || !isString(user.role)) return null;
  if (!Array.isArray(user.permissions)) return null;
  return value as unknown as StoredSession;
}

export function indexedDbSessionStore(): SessionStore {
  let db: Promise<IDBDatabase> | null = null;
  const transaction = async (mode: IDBTransactionMode) => {
    db ??= openDb();
    return (await db).transaction(STORE, mode);
  };
  return {
    async load() {
      const tx = await transaction('readonly');
      return asStoredSession(await request(tx.objectStore(STORE).get(KEY)));
    },
    async save(session) {
      const tx = await transaction('readwrite');
      const store = tx.objectStore(STORE);
      if (session) store.put(session, KEY);
      else store.delete(KEY);
      // Durable once the transaction commits, not when the request succeeds.
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error('session write aborted'));
      });
    },
  };
}
