import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { live } from '@electric-sql/pglite/live';
import { electricSync } from '@electric-sql/pglite-sync';
import { drizzle, type PgliteDatabase } from 'drizzle-orm/pglite';
import { mutators as registry } from '../mutations/registry.ts';
import type { Principal } from '../permissions/index.ts';
import * as schema from '../schema/index.ts';
import { watchQuery } from './live.ts';
import { applyLocalSchema } from './local-schema.ts';
import type { MutatorArgs, MutatorRegistry } from './mutator-port.ts';
import { dismissRejection, runMutation } from './outbox.ts';
import { type PushLoop, type PushOptions, startPushLoop } from './push.ts';
import { type ShapeSync, type ShapeSyncOptions, startShapeSync } from './shapes.ts';
import { createStatusStore, type StatusStore } from './status.ts';

export interface OpenReplicaOptions<R extends MutatorRegistry> {
  /**
   * Where the replica lives, chosen by the host: a folder under Electron's userData (one per user, and only one
   * process may open it), `idb://mak-<user>-v<n>` in a browser worker; omitted, it lives in memory.
   */
  dataDir?: string;
  /** Start from a dump (`pg.dumpDataDir()`): fixtures in tests, or a snapshot the server built. */
  loadDataDir?: Blob | File;
  /**
   * initdb's WAL segment size in MB (a power of 2; PostgreSQL's default is 16). A browser replica on IndexedDB
   * stores every file a commit touched whole, and every commit touches the current WAL segment: small segments make
   * each local write flush about 1 MB instead of 16 MB. Only used when the replica is created.
   */
  walSegmentMb?: number;
  /** The mutation registry; `shared/src/mutations/registry.ts` unless a test passes stand-ins. */
  mutators?: R;
  /** Who acts, for the mutators' optimistic run (the server checks again with its own view of the user). */
  principal: Principal;
}

export interface ConnectOptions {
  serverUrl: string;
  userId: string;
  /** The session token; asked before every request, so a refreshed one is picked up. */
  getToken: () => string | Promise<string>;
  fetch?: typeof fetch;
  push?: Pick<PushOptions, 'batchSize' | 'backoff'>;
  syncRestartBackoff?: ShapeSyncOptions['restartBackoff'];
  /** false: push the outbox but do not subscribe shapes. */
  sync?: boolean;
  /**
   * Hold one long poll for all shapes instead of one each (see live-gate.ts). A browser on HTTP/1.1 needs it: its
   * 6 connections per origin would otherwise be taken by long polls, and pushes would queue behind them.
   */
  liveGate?: ShapeSyncOptions['liveGate'];
}

async function createPg(options: { dataDir?: string; loadDataDir?: Blob | File; walSegmentMb?: number }) {
  return PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    ...(options.walSegmentMb ? { initDbStartParams: [`--wal-segsize=${options.walSegmentMb}`] } : {}),
    extensions: { electric: electricSync(), pg_trgm, live },
  });
}

export type ReplicaPg = Awaited<ReturnType<typeof createPg>>;

export interface Replica<R extends MutatorRegistry> {
  readonly pg: ReplicaPg;
  /** drizzle over the local views (snake_case in SQL), for reads outside live queries. */
  readonly db: PgliteDatabase<typeof schema>;
  readonly status: Pick<StatusStore, 'get' | 'subscribe'>;
  /** Applies a mutation optimistically and queues it for the server. Throws DomainError('validation') on bad input. */
  mutate<N extends keyof R & string>(name: N, args: MutatorArgs<R, N>): Promise<{ mutationId: string }>;
  /** The signed-in user's role or team changed. */
  setPrincipal(principal: Principal): void;
  /** Forgets a rejected mutation the user has seen. */
  dismissRejection(mutationId: string): Promise<void>;
  /** A live query; see watchQuery. */
  watch<T>(
    query: string,
    params: unknown[],
    onRows: (rows: T[]) => void,
    onError?: (e: unknown) => void,
  ): () => Promise<void>;
  /** Starts shape sync and the push loop for a signed-in user. */
  connect(options: ConnectOptions): Promise<void>;
  disconnect(): Promise<void>;
  /** The network is back: push now instead of waiting out the backoff. */
  retryNow(): void;
  close(): Promise<void>;
}

/** Opens (or creates) the local replica: PGlite with pglite-sync, pg_trgm and live queries, and the local schema. */
export async function openReplica<R extends MutatorRegistry = typeof registry>(
  options: OpenReplicaOptions<R>,
): Promise<Replica<R>> {
  const mutators: MutatorRegistry = options.mutators ?? registry;
  let principal = options.principal;
  const pg = await createPg(options);
  try {
    await applyLocalSchema(pg);
  } catch (err) {
    await pg.close();
    throw err;
  }
  const db = drizzle({ client: pg, schema, casing: 'snake_case' });
  const status = createStatusStore(pg);
  await status.refreshOutbox();
  await status.loadTimes();
  const watches = new Set<() => Promise<void>>();
  let pusher: PushLoop | null = null;
  let shapes: ShapeSync | null = null;

  const replica: Replica<R> = {
    pg,
    db,
    status: { get: status.get, subscribe: status.subscribe },
    async mutate(name, args) {
      const result = await runMutation({ db, mutators, principal }, name, args);
      await status.refreshOutbox();
      await status.loadTimes();
      pusher?.kick();
      return result;
    },
    setPrincipal(next) {
      principal = next;
    },
    async dismissRejection(mutationId) {
      await dismissRejection(pg, mutationId);
      await status.refreshOutbox();
      await status.loadTimes();
    },
    watch(query, params, onRows, onError) {
      const stop = watchQuery(pg, query, params, onRows, onError);
      const unsubscribe = async () => {
        watches.delete(unsubscribe);
        await stop();
      };
      watches.add(unsubscribe);
      return unsubscribe;
    },
    async connect(connect) {
      await replica.disconnect();
      const fetchFn = connect.fetch ?? ((input, init) => fetch(input, init));
      if (connect.sync !== false) {
        shapes = await startShapeSync(pg, status, {
          serverUrl: connect.serverUrl,
          userId: connect.userId,
          getToken: connect.getToken,
          fetch: fetchFn,
          restartBackoff: connect.syncRestartBackoff,
          liveGate: connect.liveGate,
        });
      }
      pusher = startPushLoop(pg, status, {
        serverUrl: connect.serverUrl,
        getToken: connect.getToken,
        fetch: fetchFn,
        ...connect.push,
      });
    },
    async disconnect() {
      const [p, s] = [pusher, shapes];
      pusher = null;
      shapes = null;
      await p?.stop();
      await s?.stop();
    },
    retryNow() {
      pusher?.retryNow();
    },
    async close() {
      await replica.disconnect();
      await Promise.all([...watches].map((stop) => stop()));
      await status.flushTimes().catch(() => {});
      await pg.close();
    },
  };
  return replica;
}
