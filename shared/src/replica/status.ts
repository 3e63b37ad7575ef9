import type { PGliteInterface } from '@electric-sql/pglite';
import type { ErrorCode, FieldIssue } from '../errors.ts';

/** A mutation the server refused: kept, with its reason, until the user dismisses it. */
export interface RejectedMutation {
  mutationId: string;
  name: string;
  args: unknown;
  createdAt: string;
  code: ErrorCode | string;
  message: string;
  fields: FieldIssue[];
}

export type SyncErrorSource = 'push' | 'sync' | 'shapes';

export interface SyncError {
  source: SyncErrorSource;
  message: string;
  at: Date;
}

export interface SyncStatus {
  /** Whether the server answered the last request; null until something was tried. */
  online: boolean | null;
  /** `off` before connect(); `initial` until every shape is up to date once; then `live`. */
  syncing: 'off' | 'initial' | 'live';
  /** Mutations waiting to be sent or answered. */
  pending: number;
  rejected: RejectedMutation[];
  /** When every shape was last up to date with the server. */
  lastSyncedAt: Date | null;
  /** When the server last accepted a batch of mutations. */
  lastPushedAt: Date | null;
  /** The latest unresolved error per source (cleared when that source next succeeds). */
  errors: SyncError[];
}

export type StatusListener = (status: SyncStatus) => void;

export interface StatusStore {
  get(): SyncStatus;
  /** Calls `listener` on every change (not immediately); returns the unsubscribe function. */
  subscribe(listener: StatusListener): () => void;
  set(patch: Partial<Omit<SyncStatus, 'errors'>>): void;
  fail(source: SyncErrorSource, error: unknown): void;
  succeed(source: SyncErrorSource): void;
  /** Re-reads the pending count and the rejected list from the outbox. */
  refreshOutbox(): Promise<void>;
  /** Reads the last sync and push times an earlier run stored. */
  loadTimes(): Promise<void>;
  /** Writes the times now if a write is waiting (the replica is closing). */
  flushTimes(): Promise<void>;
}

const PERSIST_EVERY_MS = 60_000;

interface RejectedRow {
  mutation_id: string;
  name: string;
  args: unknown;
  created_at: Date | string;
  rejection: { code?: string; message?: string; fields?: FieldIssue[] } | null;
}

export function createStatusStore(pg: PGliteInterface): StatusStore {
  let status: SyncStatus = {
    online: null,
    syncing: 'off',
    pending: 0,
    rejected: [],
    lastSyncedAt: null,
    lastPushedAt: null,
    errors: [],
  };
  const listeners = new Set<StatusListener>();
  const publish = (next: SyncStatus) => {
    status = next;
    for (const listener of listeners) listener(status);
  };
  // The last sync and push times outlive a restart (an offline start still says when the data was fresh), written
  // at most once a minute: each write is a commit, and a browser replica flushes to IndexedDB on every commit.
  let persistedAt = 0;
  let persistTimer: ReturnType<typeof setTimeout> | undefined;
  const writeTimes = async () => {
    clearTimeout(persistTimer);
    persistTimer = undefined;
    persistedAt = Date.now();
    const value = {
      lastSyncedAt: status.lastSyncedAt?.toISOString() ?? null,
      lastPushedAt: status.lastPushedAt?.toISOString() ?? null,
    };
    await pg.query(
      `INSERT INTO mak_sync_state (key, value) VALUES ('sync_times', $1)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [value],
    );
  };
  const persistTimes = () => {
    if (persistTimer) return;
    persistTimer = setTimeout(
      () => {
        writeTimes().catch(() => {}); // closed meanwhile: the next start shows the time written before
      },
      Math.max(0, persistedAt + PERSIST_EVERY_MS - Date.now()),
    );
  };
  return {
    get: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(patch) {
      const changed = Object.entries(patch).some(([k, v]) => status[k as keyof SyncStatus] !== v);
      if (changed) publish({ ...status, ...patch });
      if (patch.lastSyncedAt || patch.lastPushedAt) persistTimes();
    },
    async loadTimes() {
      const stored = await pg.query<{
        value: { lastSyncedAt?: string | null; lastPushedAt?: string | null };
      }>(`SELECT value FROM mak_sync_state WHERE key = 'sync_times'`);
      const value = stored.rows[0]?.value;
      const date = (v: string | null | undefined) => {
        const d = v ? new Date(v) : null;
        return d && !Number.isNaN(d.getTime()) ? d : null;
      };
      publish({
        ...status,
        lastSyncedAt: status.lastSyncedAt ?? date(value?.lastSyncedAt),
        lastPushedAt: status.lastPushedAt ?? date(value?.lastPushedAt),
      });
    },
    async flushTimes() {
      if (persistTimer) await writeTimes();
    },
    fail(source, error) {
      const message = error instanceof Error ? error.message : String(error);
      const errors = [
        ...status.errors.filter((e) => e.source !== source),
        { source, message, at: new Date() },
      ];
      publish({ ...status, errors });
    },
    succeed(source) {
      if (status.errors.some((e) => e.source === source)) {
        publish({ ...status, errors: status.errors.filter((e) => e.source !== source) });
      }
    },
    async refreshOutbox() {
      const pending = await pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM mak_outbox WHERE status = 'pending'`,
      );
      const rejected = await pg.query<RejectedRow>(
        `SELECT mutation_id, name, args, created_at, rejection FROM mak_outbox WHERE status = 'rejected' ORDER BY seq`,
      );
      publish({
        ...status,
        pending: pending.rows[0]?.n ?? 0,
        rejected: rejected.rows.map((r) => ({
          mutationId: r.mutation_id,
          name: r.name,
          args: r.args,
          createdAt: typeof r.created_at === 'string' ? r.created_at : r.created_at.toISOString(),
          code: r.rejection?.code ?? 'internal',
          message: r.rejection?.message ?? '',
          fields: r.rejection?.fields ?? [],
        })),
      });
    },
  };
}
