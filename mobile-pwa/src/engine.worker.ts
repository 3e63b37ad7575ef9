/**
 * The engine worker: holds the signed-in session and its PGlite replica (persisted in IndexedDB) and answers the
 * page over postMessage. Only one tab's worker opens the replica at a time (a Web Lock): PGlite corrupts a database
 * opened twice. Until this worker holds the lock every engine call waits, and the page says why.
 */
import './zod-without-eval.ts';
import {
  type AppEngine,
  createEngineHost,
  ENGINE_CALLS,
  type EngineCalls,
  type HostToUi,
  serveEngine,
  type UiToHost,
} from '@mak/shared/engine';
import { openReplica } from '@mak/shared/replica';
import { dropStaleReplicas, removeAllReplicas, removeReplicas, replicaStoreName } from './replica-store.ts';
import { indexedDbSessionStore } from './session-store.ts';
import { type BootState, type PageToWorker, REPLICA_LOCK, type WorkerToPage } from './worker-protocol.ts';

const post = (message: WorkerToPage) => globalThis.postMessage(message);
const boot = (state: BootState) => post({ boot: state });
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

const sessions = indexedDbSessionStore();
const host = createEngineHost({
  sessions,
  async openReplica(userId, principal) {
    await dropStaleReplicas(userId);
    // Not relaxedDurability: with PGlite 0.5.1 on IndexedDB its background flushes failed and a reload found the
    // synced rows gone, and close() shuts IndexedDB before the last flush. Every query waits for its flush instead.
    return openReplica({ dataDir: `idb://${replicaStoreName(userId)}`, principal, walSegmentMb: 1 });
  },
  removeReplica: removeReplicas,
  // One held request for all shapes: on HTTP/1.1 a browser allows 6 connections per origin, and a long poll per
  // shape would take them all, queueing sign-in, pushes and REST calls behind them.
  connect: { liveGate: true },
});

/** Resolves once this worker holds the replica lock; the lock is kept until the worker ends with its tab. */
function holdReplicaLock(): Promise<void> {
  const locks = globalThis.navigator.locks;
  // Web Locks need a secure context (https or localhost); elsewhere tabs are not kept apart.
  if (!locks) return Promise.resolve();
  const forever = () => new Promise<never>(() => {});
  return new Promise((acquired) => {
    void locks.request(REPLICA_LOCK, { ifAvailable: true }, async (lock) => {
      if (lock) {
        acquired();
        return forever();
      }
      boot({ state: 'waiting-for-other-tab' });
      void locks.request(REPLICA_LOCK, async () => {
        acquired();
        return forever();
      });
    });
  });
}

const started: Promise<void> = holdReplicaLock()
  .then(() => host.start())
  .then(() => boot({ state: 'ready' }));
started.catch((err: unknown) => {
  console.error('engine start failed', err);
  boot({ state: 'failed', message: messageOf(err) });
});

/** The host's engine, with every call held until the lock is ours and the stored session is resumed. */
const engine: AppEngine = {
  ...(Object.fromEntries(
    ENGINE_CALLS.map((method) => [
      method,
      async (...args: unknown[]) => {
        await started;
        return (host.engine[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      },
    ]),
  ) as unknown as EngineCalls),
  watch(sql, params, onRows, onError) {
    let stop: (() => void) | null = null;
    let cancelled = false;
    started.then(
      () => {
        if (!cancelled) stop = host.engine.watch(sql, params, onRows, onError);
      },
      (err: unknown) => onError?.(messageOf(err)),
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  },
  onEvent: (listener) => host.engine.onEvent(listener),
};

let receiveEngine: ((message: UiToHost) => void) | null = null;
serveEngine(engine, {
  post: (message: HostToUi) => post({ engine: message }),
  listen: (receive) => {
    receiveEngine = receive;
  },
});

/** The stored replica cannot be opened (a failed start): forget the session and every local replica. */
async function resetLocalData() {
  await sessions.save(null);
  await removeAllReplicas();
}

globalThis.addEventListener('message', (event: MessageEvent<PageToWorker>) => {
  const message = event.data;
  if ('engine' in message) receiveEngine?.(message.engine);
  else if (message.control === 'network-back') host.networkBack();
  else if (message.control === 'reset-local-data') {
    resetLocalData().then(
      () => boot({ state: 'reset-done' }),
      (err: unknown) => boot({ state: 'failed', message: messageOf(err) }),
    );
  }
});
globalThis.addEventListener('online', () => host.networkBack());
// pglite-sync starts its apply transaction without awaiting it: a failed apply surfaces only here.
globalThis.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  console.error('engine worker: unhandled rejection', event.reason);
});
