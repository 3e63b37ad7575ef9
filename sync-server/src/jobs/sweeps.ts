import type { Logger } from 'pino';
import type { Db } from '../platform/db.ts';

/** One idempotent catch-up pass: safe to run at any time, from any number of processes at once. */
export type Sweep = (db: Db) => Promise<number>;

const registry = new Map<string, Sweep>();

/** Modules add their due-work passes (close lots, recall offers, approve commissions) here at import time. */
export function registerSweep(name: string, sweep: Sweep): void {
  registry.set(name, sweep);
}

/** Runs every sweep once; one failing does not stop the others (it is retried on the next pass). */
export async function runSweeps(db: Db, logger: Logger): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  for (const [name, sweep] of registry) {
    try {
      done[name] = await sweep(db);
    } catch (err) {
      logger.error({ err, sweep: name }, 'job sweep failed');
    }
  }
  const worked = Object.entries(done).filter(([, n]) => n > 0);
  if (worked.length) logger.info(Object.fromEntries(worked), 'job sweep');
  return done;
}
