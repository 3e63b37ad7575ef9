import type { PGliteInterface, Transaction } from '@electric-sql/pglite';
import type {
  ShapeToTableOptions,
  SyncNamespaceObj,
  SyncShapesToTablesResult,
} from '@electric-sql/pglite-sync';
import { DomainError } from '../errors.ts';
import { createLiveGate, type LiveGateOptions } from './live-gate.ts';
import { quoteIdent as q } from './local-schema/columns.ts';
import { localSchema } from './local-schema.ts';
import type { StatusStore } from './status.ts';

export type SyncingPg = PGliteInterface & { electric: SyncNamespaceObj };

/** A named shape the server offers this user, and the table it fills. */
export interface ShapeRef {
  name: string;
  table: string;
}

export interface ShapeSyncOptions {
  serverUrl: string;
  userId: string;
  getToken: () => string | Promise<string>;
  fetch: typeof fetch;
  /** Wait before resubscribing after a stream stopped on an error: initialMs × 2^(n−1) up to maxMs. */
  restartBackoff?: { initialMs?: number; maxMs?: number };
  /** One long poll for all shapes (`POST /api/sync/wait`, live-gate.ts): for browsers on HTTP/1.1. */
  liveGate?: boolean | Pick<LiveGateOptions, 'maxRequests'>;
}

export interface ShapeSync {
  shapes: ShapeRef[];
  stop(): Promise<void>;
}

/** Used until the server answers `GET /api/sync/shapes`: one shape per synced table, named like it. */
export const FALLBACK_SHAPES: readonly ShapeRef[] = localSchema().tables.map((t) => ({
  name: t.name,
  table: t.name,
}));

interface StoredSubscription {
  key: string;
  userId: string;
  shapes: ShapeRef[];
}

const shapesKey = 'shapes';
const subscriptionKey = 'subscription';

async function readState<T>(pg: PGliteInterface, key: string): Promise<T | undefined> {
  const res = await pg.query<{ value: T }>('SELECT value FROM mak_sync_state WHERE key = $1', [key]);
  return res.rows[0]?.value;
}

async function writeState(pg: PGliteInterface | Transaction, key: string, value: unknown): Promise<void> {
  await pg.query(
    `INSERT INTO mak_sync_state (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [key, value],
  );
}

/**
 * The shapes the server picked for this user. Offline, the list from the last answer is used; a server that does
 * not have the route yet (404) gets the fallback list.
 */
export async function listShapes(pg: PGliteInterface, options: ShapeSyncOptions): Promise<ShapeRef[]> {
  const known = new Set(localSchema().tables.map((t) => t.name));
  try {
    const res = await options.fetch(`${options.serverUrl}/api/sync/shapes`, {
      headers: { authorization: `Bearer ${await options.getToken()}` },
    });
    if (res.status === 404) return [...FALLBACK_SHAPES];
    if (res.ok) {
      const body = (await res.json()) as { shapes?: ShapeRef[] };
      // A table this client version has no local schema for cannot be synced; newer clients will take it.
      const shapes = (body.shapes ?? [])
        .filter((s) => known.has(s.table))
        .map((s): ShapeRef => ({ name: s.name, table: s.table }));
      await writeState(pg, shapesKey, shapes);
      return shapes;
    }
  } catch {
    // Offline: fall through to the last known list, so a restart without network still resumes sync later.
  }
  return (await readState<ShapeRef[]>(pg, shapesKey)) ?? [...FALLBACK_SHAPES];
}

/**
 * Whether two lists name the same shapes. Only name and table count, in any order: the list is stored as jsonb,
 * which reorders object keys, and the server's answer carries more fields (scope), so comparing the JSON text made
 * every start look like a new list and re-download the whole replica.
 */
export function sameShapes(a: readonly ShapeRef[], b: readonly ShapeRef[]): boolean {
  const canon = (list: readonly ShapeRef[]) =>
    list
      .map((s) => `${s.name}\u0000${s.table}`)
      .sort()
      .join('\u0001');
  return canon(a) === canon(b);
}

/**
 * Makes sure the synced tables belong to this user, server and shape list. Anything else (another user signed in,
 * another server, the server changed the shape list) empties them and forgets the old subscription, so the next
 * subscribe is a clean initial sync rather than a resume over rows it would insert twice.
 */
async function claimSubscription(
  pg: SyncingPg,
  key: string,
  userId: string,
  shapes: ShapeRef[],
): Promise<void> {
  const stored = await readState<StoredSubscription>(pg, subscriptionKey);
  const same = stored?.key === key && sameShapes(stored.shapes, shapes);
  if (stored && !same) {
    const otherUser = stored.userId !== userId;
    if (otherUser) {
      const pending = await pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM mak_outbox WHERE status = 'pending'`,
      );
      if ((pending.rows[0]?.n ?? 0) > 0) {
        throw new DomainError('conflict', 'This replica holds unsent changes of another user', {
          details: { userId: stored.userId },
        });
      }
    }
    await pg.electric.initMetadataTables();
    await pg.electric.deleteSubscription(stored.key);
    await pg.transaction(async (tx) => {
      for (const t of localSchema().tables) {
        await tx.exec(`DELETE FROM ${q(`${t.name}_synced`)}`);
        if (otherUser) await tx.exec(`DELETE FROM ${q(`${t.name}_local`)}`);
      }
      if (otherUser) await tx.exec('DELETE FROM mak_outbox');
    });
  }
  if (!same) await writeState(pg, subscriptionKey, { key, userId, shapes } satisfies StoredSubscription);
}

/**
 * Subscribes the user's named shapes into the `X_synced` tables with pglite-sync, under one key per user and server
 * so that a restart resumes from the stored offsets. A stream that stops on an error (401 after the session
 * expired, 400, a parse failure) is resubscribed after a backoff; resuming never refetches from scratch without a
 * must-refetch, which would insert rows twice.
 */
export async function startShapeSync(
  pg: SyncingPg,
  status: StatusStore,
  options: ShapeSyncOptions,
): Promise<ShapeSync> {
  let shapes = await listShapes(pg, options);
  const key = `mak:${options.userId}@${options.serverUrl}`;
  await claimSubscription(pg, key, options.userId, shapes);
  const tables = new Map(localSchema().tables.map((t) => [t.name, t]));
  const initialMs = options.restartBackoff?.initialMs ?? 5_000;
  const maxMs = options.restartBackoff?.maxMs ?? 60_000;

  const observedFetch: typeof fetch = async (input, init) => {
    try {
      const res = await options.fetch(input, init);
      status.set({ online: true });
      return res;
    } catch (err) {
      if (!init?.signal?.aborted) status.set({ online: false });
      throw err;
    }
  };
  const gate = options.liveGate
    ? createLiveGate({
        waitUrl: `${options.serverUrl}/api/sync/wait`,
        fetch: observedFetch,
        headers: async () => ({ authorization: `Bearer ${await options.getToken()}` }),
        ...(typeof options.liveGate === 'object' ? options.liveGate : {}),
      })
    : null;

  const shapeOptions = (ref: ShapeRef): ShapeToTableOptions => {
    const known = new Set(tables.get(ref.table)?.columns.map((c) => c.name));
    const synced = q(`${ref.table}_synced`);
    const local = q(`${ref.table}_local`);
    return {
      shape: {
        url: `${options.serverUrl}/v1/shape`,
        params: { table: ref.name },
        headers: { authorization: async () => `Bearer ${await options.getToken()}` },
        fetchClient: gate?.fetch ?? observedFetch,
        // Without it the stream rethrows a 4xx from a promise nobody awaits: an uncaught error in the worker. Here
        // it stops that stream (nothing returned) and the restart above takes over.
        onError: (error) => {
          onStreamError(error);
        },
      },
      table: `${ref.table}_synced`,
      primaryKey: ['id'],
      // Columns this client version does not know (the server is newer) are left out rather than failing the apply.
      mapColumns: (message) =>
        Object.fromEntries(Object.entries(message.value).filter(([k]) => known.has(k))),
      // A new snapshot follows in the same transaction. Synced rows go (their triggers drop overlays that have no
      // pending mutation); overlays of accepted mutations are covered by the new snapshot.
      onMustRefetch: async (tx) => {
        await tx.exec(`DELETE FROM ${synced}`);
        await tx.exec(`DELETE FROM ${local} WHERE NOT mak_mutation_pending(mutation_id)`);
      },
    };
  };

  let stopped = false;
  let failures = 0;
  let current: SyncShapesToTablesResult | null = null;
  let watchers: Array<() => void> = [];
  let restartTimer: ReturnType<typeof setTimeout> | undefined;

  const unsubscribe = () => {
    for (const stop of watchers) stop();
    watchers = [];
    current?.unsubscribe();
    current = null;
  };

  let restarting = false;
  /** Any shape failing stops them all and restarts later; the same failure may be reported twice (see onError). */
  const onStreamError = (error: unknown) => {
    status.fail('sync', error);
    if (stopped || restarting) return;
    restarting = true;
    unsubscribe();
    failures++;
    const wait = Math.min(maxMs, initialMs * 2 ** (failures - 1));
    restartTimer = setTimeout(() => {
      restarting = false;
      resubscribe().catch(onStreamError);
    }, wait);
  };

  async function subscribe(): Promise<void> {
    if (stopped) return;
    status.set({ syncing: 'initial' });
    const result = await pg.electric.syncShapesToTables({
      key,
      shapes: Object.fromEntries(shapes.map((s) => [s.name, shapeOptions(s)])),
      onError: onStreamError,
    });
    current = result;
    const streams = Object.values(result.streams);
    watchers = streams.map((stream) =>
      stream.subscribe((messages) => {
        const last = messages[messages.length - 1];
        const upToDate = last && 'control' in last.headers && last.headers.control === 'up-to-date';
        if (upToDate && streams.every((s) => s.isUpToDate)) {
          failures = 0;
          // pglite-sync commits the batch in a transaction it does not await: queue behind it, so "live" is
          // reported once the rows are readable rather than while they are still being written.
          pg.transaction(async () => {})
            .then(() => {
              status.succeed('sync');
              status.set({ syncing: 'live', lastSyncedAt: new Date() });
            })
            .catch(() => {}); // the replica was closed meanwhile: nothing left to report
        }
      }),
    );
  }

  /**
   * After a failure the list is asked for again: the one in use may be the stored or fallback list of a start
   * without the server, or the user's role changed, and a shape they may no longer read would fail every retry.
   */
  async function resubscribe(): Promise<void> {
    if (stopped) return;
    const next = await listShapes(pg, options);
    if (stopped) return;
    if (!sameShapes(next, shapes)) {
      await claimSubscription(pg, key, options.userId, next);
      shapes = next;
    }
    await subscribe();
  }

  await subscribe();
  return {
    get shapes() {
      return shapes;
    },
    async stop() {
      stopped = true;
      clearTimeout(restartTimer);
      unsubscribe();
      gate?.close();
      // pglite-sync starts its apply transaction without awaiting it; queueing behind it means nothing is still
      // writing when the caller goes on to close the database.
      await pg.transaction(async () => {});
      status.set({ syncing: 'off' });
    },
  };
}
