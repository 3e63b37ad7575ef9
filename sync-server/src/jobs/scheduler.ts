import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Db } from '../platform/db.ts';
import { runSweeps } from './sweeps.ts';

/**
 * Runs the due-work sweeps (auction closing, offer recalls, commission approvals). Correctness never depends on
 * it: each sweep settles a record with a conditional UPDATE in the record's own transaction, so two schedulers,
 * a restart, or a late timer can only make work happen once. The scheduler decides *when*: every tick, and right
 * at a known deadline (`wakeAt`).
 */
export interface JobScheduler {
  kind: 'in-process' | 'bullmq';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Something falls due at `at` (a lot's end, an offer's deadline): run the sweeps then. */
  wakeAt(at: Date): void;
  /** One pass now (tests, an admin's "close due lots"). */
  runNow(): Promise<Record<string, number>>;
}

export interface SchedulerOptions {
  tickMs: number;
  /** BullMQ queue name: one per deployment (instances of one deployment share it). */
  queue: string;
}

/** Without Redis: a timer in this process. After a restart the first tick catches up on everything overdue. */
export function inProcessScheduler(db: Db, logger: Logger, opts: SchedulerOptions): JobScheduler {
  let interval: NodeJS.Timeout | null = null;
  const timers = new Set<NodeJS.Timeout>();
  let running: Promise<Record<string, number>> | null = null;
  let again = false;
  const pass = async (): Promise<Record<string, number>> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        let result: Record<string, number>;
        do {
          again = false;
          result = await runSweeps(db, logger);
        } while (again);
        return result;
      } finally {
        running = null;
      }
    })();
    return running;
  };
  return {
    kind: 'in-process',
    async start() {
      interval = setInterval(() => void pass(), opts.tickMs);
      interval.unref();
      void pass();
    },
    async stop() {
      if (interval) clearInterval(interval);
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await running?.catch(() => {});
    },
    wakeAt(at) {
      const delay = at.getTime() - Date.now() + 20;
      if (delay > opts.tickMs * 60 || !interval) return;
      const t = setTimeout(
        () => {
          timers.delete(t);
          void pass();
        },
        Math.max(0, delay),
      );
      t.unref();
      timers.add(t);
    },
    runNow: pass,
  };
}

/**
 * With Redis: a BullMQ job scheduler repeats the sweep every tick (one run per tick across all instances), and a
 * delayed job per deadline runs it on time; both live in Redis, so they survive a restart of any instance.
 */
export function bullmqScheduler(
  db: Db,
  logger: Logger,
  redisUrl: string,
  opts: SchedulerOptions,
): JobScheduler {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(opts.queue, { connection });
  let worker: Worker | null = null;
  return {
    kind: 'bullmq',
    async start() {
      await queue.waitUntilReady();
      worker = new Worker(opts.queue, async () => runSweeps(db, logger), {
        connection: new Redis(redisUrl, { maxRetriesPerRequest: null }),
        concurrency: 1,
      });
      worker.on('error', (err) => logger.error({ err }, 'job worker error'));
      await queue.upsertJobScheduler(
        'economy-sweep',
        { every: opts.tickMs },
        { name: 'sweep', opts: { removeOnComplete: true, removeOnFail: 100 } },
      );
    },
    async stop() {
      await worker?.close();
      await (worker?.opts.connection as Redis | undefined)?.quit().catch(() => {});
      await queue.close();
      await connection.quit().catch(() => {});
    },
    wakeAt(at) {
      const ms = at.getTime();
      queue
        .add(
          'wake',
          {},
          {
            delay: Math.max(0, ms - Date.now() + 20),
            jobId: `wake-${ms}`,
            removeOnComplete: true,
            removeOnFail: 100,
          },
        )
        .catch((err: unknown) => logger.error({ err }, 'could not schedule a job'));
    },
    runNow: () => runSweeps(db, logger),
  };
}
