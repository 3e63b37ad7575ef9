import type { PGliteInterface } from '@electric-sql/pglite';
import type { FieldIssue } from '../errors.ts';
import {
  type MutationResult,
  type OutboxEntry,
  readPending,
  recordAttempt,
  recordResults,
} from './outbox.ts';
import type { StatusStore } from './status.ts';

export interface PushOptions {
  serverUrl: string;
  getToken: () => string | Promise<string>;
  fetch: typeof fetch;
  /** Mutations per request (default 50). */
  batchSize?: number;
  /** Exponential backoff between failed attempts: initialMs × 2^(n−1), capped at maxMs, with jitter. */
  backoff?: { initialMs?: number; maxMs?: number };
}

export interface PushLoop {
  /** New work was queued: send it if the loop is idle (a backoff wait is not cut short). */
  kick(): void;
  /** Try now even if waiting out a backoff (the host calls it when the network comes back). */
  retryNow(): void;
  /** Stops after the request in flight is aborted; resolves when the loop has exited. */
  stop(): Promise<void>;
}

/**
 * What one attempt comes to (write-patterns `sync.ts`: accepted / rejected / retry, STYLE §5 "4xx means final,
 * 5xx means retry"): `done` when every sent mutation got an answer, `isolate` when the server refused the batch as a
 * whole (send one at a time to find the culprit), `retry` for network errors, 5xx, 429, 401, 404 and partial answers.
 */
type Outcome =
  | { kind: 'done' }
  | { kind: 'isolate' }
  | { kind: 'retry'; error: string; retryAfterMs?: number };

const RETRY_STATUSES = new Set([401, 404, 408, 425, 429]);

export function startPushLoop(pg: PGliteInterface, status: StatusStore, options: PushOptions): PushLoop {
  const batchSize = options.batchSize ?? 50;
  const initialMs = options.backoff?.initialMs ?? 1_000;
  const maxMs = options.backoff?.maxMs ?? 60_000;
  const controller = new AbortController();
  let stopped = false;
  let wake: (() => void) | null = null;
  let kickable = true;
  let kicked = false;

  const sleep = (ms: number, canKick: boolean) =>
    new Promise<void>((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
      kickable = canKick;
    });

  const delay = (failures: number, retryAfterMs = 0) => {
    const base = Math.min(maxMs, initialMs * 2 ** (failures - 1));
    return Math.min(maxMs, Math.max(retryAfterMs, base / 2 + (Math.random() * base) / 2));
  };

  async function send(batch: OutboxEntry[]): Promise<Outcome> {
    let res: Response;
    try {
      const token = await options.getToken();
      res = await options.fetch(`${options.serverUrl}/api/mutations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          mutations: batch.map((e) => ({ id: e.mutationId, name: e.name, args: e.args })),
        }),
        signal: controller.signal,
      });
    } catch (err) {
      if (!stopped) status.set({ online: false });
      return { kind: 'retry', error: `network: ${err instanceof Error ? err.message : String(err)}` };
    }
    status.set({ online: true });
    const body: unknown = await res.json().catch(() => null);
    if (res.status >= 500 || RETRY_STATUSES.has(res.status)) {
      const retryAfter = Number(res.headers.get('retry-after'));
      return {
        kind: 'retry',
        error: `HTTP ${res.status}${errorMessage(body)}`,
        retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined,
      };
    }
    if (!res.ok) {
      if (batch.length > 1) return { kind: 'isolate' };
      // One mutation the server refuses outright (413, 400 on the envelope, 403): final, like a rejection.
      const reason = body as { code?: string; message?: string; fields?: FieldIssue[] } | null;
      await recordResults(pg, [
        {
          id: batch[0]?.mutationId ?? '',
          status: 'rejected',
          code: reason?.code ?? `http_${res.status}`,
          message: reason?.message ?? `HTTP ${res.status}`,
          fields: reason?.fields ?? [],
        },
      ]);
      return { kind: 'done' };
    }
    const results = (body as { results?: MutationResult[] } | null)?.results;
    if (!Array.isArray(results)) return { kind: 'retry', error: 'malformed answer from /api/mutations' };
    const sent = new Set(batch.map((e) => e.mutationId));
    const answered = results.filter(
      (r) => sent.has(r.id) && (r.status === 'applied' || r.status === 'rejected'),
    );
    await recordResults(pg, answered);
    if (answered.some((r) => r.status === 'applied')) status.set({ lastPushedAt: new Date() });
    if (answered.length < batch.length)
      return { kind: 'retry', error: 'the server answered part of the batch' };
    return { kind: 'done' };
  }

  async function run(): Promise<void> {
    let failures = 0;
    let limit = batchSize;
    while (!stopped) {
      kicked = false;
      let outcome: Outcome;
      try {
        const batch = await readPending(pg, limit);
        if (batch.length === 0) {
          failures = 0;
          if (!kicked) await sleep(Number.POSITIVE_INFINITY, true);
          continue;
        }
        outcome = await send(batch);
        if (stopped) break;
        if (outcome.kind === 'retry') await recordAttempt(pg, batch, outcome.error);
        await status.refreshOutbox();
      } catch (err) {
        if (stopped) break;
        outcome = { kind: 'retry', error: err instanceof Error ? err.message : String(err) };
      }
      if (outcome.kind === 'retry') {
        failures++;
        status.fail('push', outcome.error);
        await sleep(delay(failures, outcome.retryAfterMs), false);
      } else if (outcome.kind === 'isolate') {
        limit = 1;
      } else {
        failures = 0;
        limit = batchSize;
        status.succeed('push');
      }
    }
  }

  const loop = run();
  return {
    kick() {
      kicked = true;
      if (wake && kickable) wake();
    },
    retryNow() {
      kicked = true;
      wake?.();
    },
    async stop() {
      stopped = true;
      controller.abort();
      wake?.();
      await loop;
    },
  };
}

function errorMessage(body: unknown): string {
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? `: ${message}` : '';
}
