import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Logger } from 'pino';

/** The channel sync_stamp() notifies at every commit that touched a captured table. */
export const CHANNEL = 'mak_sync';

/** A commit: its tx_seq and the `schema.table`s it changed ('*' = unknown, re-check everything). */
export interface CommitEvent {
  tables: ReadonlySet<string> | '*';
}

export interface Notifier {
  /** Calls `fn` for every commit from now on; resolves once the listener is live (so nothing after is missed). */
  subscribe(fn: (e: CommitEvent) => void): Promise<() => void>;
  close(): Promise<void>;
}

export function parsePayload(payload: string): CommitEvent {
  const tables = payload.slice(payload.indexOf(':') + 1);
  if (tables === '*' || !payload.includes(':')) return { tables: '*' };
  return { tables: new Set(tables.split(',').filter(Boolean)) };
}

/** Fans one LISTEN out to every held long poll. `start` opens the listener on first use. */
function fanOut(start: (emit: (e: CommitEvent) => void) => Promise<() => Promise<void>>): Notifier {
  const subscribers = new Set<(e: CommitEvent) => void>();
  const emit = (e: CommitEvent) => {
    for (const fn of [...subscribers]) fn(e);
  };
  let started: Promise<() => Promise<void>> | null = null;
  let closed = false;
  return {
    async subscribe(fn) {
      // After close a poll arriving late must not reopen the listener (a LISTEN connection nobody closes).
      if (closed) return () => false;
      subscribers.add(fn);
      started ??= start(emit);
      try {
        await started;
      } catch (err) {
        subscribers.delete(fn);
        started = null;
        throw err;
      }
      return () => subscribers.delete(fn);
    },
    async close() {
      closed = true;
      emit({ tables: '*' });
      subscribers.clear();
      const stop = started ? await started.catch(() => null) : null;
      started = null;
      await stop?.();
    },
  };
}

/** PGlite: the same single connection delivers NOTIFY to `listen`. */
export function pgliteNotifier(db: PGlite): Notifier {
  return fanOut(async (emit) => {
    const unlisten = await db.listen(CHANNEL, (payload) => emit(parsePayload(payload)));
    return async () => {
      await unlisten().catch(() => {});
    };
  });
}

/**
 * Postgres: a dedicated connection (not from the pool) holds LISTEN. When it drops, it reconnects with backoff and
 * wakes everyone once it is back, because commits in between were not announced.
 */
export function postgresNotifier(url: string, logger: Logger): Notifier {
  return fanOut(async (emit) => {
    let client: pg.Client | null = null;
    let closed = false;
    let retry: NodeJS.Timeout | null = null;
    const reconnect = (delay: number) => {
      retry = setTimeout(() => {
        connect().then(
          () => emit({ tables: '*' }),
          () => reconnect(Math.min(delay * 2, 30_000)),
        );
      }, delay);
    };
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ connectionString: url });
      let lost = false;
      const onLost = (err?: Error) => {
        if (closed || lost) return;
        lost = true;
        logger.warn({ err }, 'sync: LISTEN connection lost; reconnecting');
        c.end().catch(() => {});
        client = null;
        reconnect(500);
      };
      c.on('notification', (n) => {
        if (n.channel === CHANNEL) emit(parsePayload(n.payload ?? ''));
      });
      c.on('error', onLost);
      c.on('end', () => onLost());
      try {
        await c.connect();
        await c.query(`LISTEN ${CHANNEL}`);
      } catch (err) {
        lost = true;
        await c.end().catch(() => {});
        throw err;
      }
      if (closed) {
        lost = true;
        await c.end();
        return;
      }
      client = c;
    };
    await connect();
    return async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
    };
  });
}
