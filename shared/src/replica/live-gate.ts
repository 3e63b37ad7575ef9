/**
 * The live gate: a fetch for the shape streams that holds at most one long poll (`POST /api/sync/wait`) for all of
 * them. A browser on HTTP/1.1 has 6 connections per origin; one held `live=true` request per shape would take them
 * all and queue the outbox push behind 20-s polls. Each live request is held here instead; the pending ones are
 * coalesced into one wait, and when the server says a handle has news, that shape's real request is sent (and
 * answers at once). Everything else goes straight through, at most `maxRequests` at a time.
 */

export interface LiveGateOptions {
  /** `${serverUrl}/api/sync/wait` */
  waitUrl: string;
  fetch: typeof fetch;
  /** Headers for the wait (the session); asked before each one. */
  headers: () => Record<string, string> | Promise<Record<string, string>>;
  /**
   * Shape requests in flight besides the wait (released live ones and non-live ones); the rest queue. After any
   * change pglite-sync refreshes every other shape (a non-live request each), so 1 keeps the browser's 6
   * connections freest but makes that burst sequential; the default 3 leaves 2 for pushes and the API.
   */
  maxRequests?: number;
  /** Live requests arriving within this window share one wait instead of re-issuing it for each. */
  settleMs?: number;
  /** A request in flight longer than this gives its slot up. */
  slotMs?: number;
  /** A wait unanswered this long (the server answers within ~20 s) counts as a network failure. */
  waitTimeoutMs?: number;
}

export interface LiveGate {
  fetch: typeof fetch;
  /** Fails what is held or queued and stops waiting (the shape sync stopped). */
  close(): void;
}

interface Held {
  handle: string;
  offset: string;
  url: string;
  init: RequestInit | undefined;
  resolve: (res: Response) => void;
  reject: (err: unknown) => void;
  detach: () => void;
}

interface Queued {
  run: () => void;
  reject: (err: unknown) => void;
  detach: () => void;
}

interface Wait {
  controller: AbortController;
  members: Set<Held>;
}

const NO_BODY = new Set([101, 103, 204, 205, 304]);
/** The most shapes one wait takes (the server's limit). */
const MAX_SHAPES = 64;

const aborted = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');

/** A `live=true` long poll (not SSE) with a handle and offset: what the gate holds. */
function liveTarget(url: string): { handle: string; offset: string } | null {
  let q: URLSearchParams;
  try {
    q = new URL(url).searchParams;
  } catch {
    return null;
  }
  if (q.get('live') !== 'true' || q.get('live_sse') === 'true' || q.get('experimental_live_sse') === 'true')
    return null;
  const handle = q.get('handle');
  const offset = q.get('offset');
  return handle && offset ? { handle, offset } : null;
}

function readyHandles(body: unknown): string[] | null {
  const ready = (body as { ready?: unknown } | null)?.ready;
  return Array.isArray(ready) && ready.every((h) => typeof h === 'string') ? ready : null;
}

export function createLiveGate(options: LiveGateOptions): LiveGate {
  const maxRequests = Math.max(1, options.maxRequests ?? 3);
  const settleMs = options.settleMs ?? 50;
  const slotMs = options.slotMs ?? 3_000;
  const waitTimeoutMs = options.waitTimeoutMs ?? 45_000;
  const held = new Set<Held>();
  const queue: Queued[] = [];
  let running = 0;
  let wait: Wait | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let passThrough = false;
  let closed = false;

  const next = () => {
    while (running < maxRequests && queue.length > 0) queue.shift()?.run();
  };

  /** Reads the body before answering: the slot (like the connection it stands for) is busy until then. */
  const fetchWhole = async (input: RequestInfo | URL, init: RequestInit | undefined) => {
    const res = await options.fetch(input, init);
    if (NO_BODY.has(res.status) || !res.body) return res;
    return new Response(await res.arrayBuffer(), res);
  };

  /**
   * Sends a request when one of `maxRequests` slots is free. A request that takes longer than `slotMs` gives its
   * slot up (a large snapshot chunk, or a released poll that holds after all), so the queue never stalls behind it.
   */
  const send = (input: RequestInfo | URL, init: RequestInit | undefined): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      if (signal?.aborted) return reject(aborted(signal));
      const onAbort = () => {
        const i = queue.indexOf(job);
        if (i >= 0) queue.splice(i, 1);
        reject(aborted(signal as AbortSignal));
      };
      const job: Queued = {
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
        run: () => {
          job.detach();
          running++;
          let freed = false;
          const free = () => {
            if (freed) return;
            freed = true;
            clearTimeout(slotTimer);
            running--;
            next();
            if (running === 0) schedule();
          };
          const slotTimer = setTimeout(free, slotMs);
          fetchWhole(input, init).then(resolve, reject).finally(free);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(job);
      next();
    });

  const forget = (h: Held) => {
    held.delete(h);
    h.detach();
  };

  /** Sends the real request: through the slots when the server said it has news, else directly (it may hold). */
  const release = (h: Held, hasNews: boolean) => {
    forget(h);
    (hasNews ? send(h.url, h.init) : options.fetch(h.url, h.init)).then(h.resolve, h.reject);
  };

  const fail = (h: Held, err: unknown) => {
    forget(h);
    h.reject(err);
  };

  const stopWaiting = () => {
    wait?.controller.abort();
    wait = null;
  };

  /**
   * Re-issues the wait when a held request is not in the one in flight (the set grew). Not while shape requests are
   * out: after a change the other shapes refresh and come back one by one, and one wait for all of them costs the
   * server less than one per arrival; whatever changes meanwhile is found by the next wait, which starts from the
   * held offsets.
   */
  const schedule = () => {
    if (closed || timer !== undefined) return;
    if (held.size === 0) return stopWaiting();
    const current = wait;
    if (current && [...held].every((h) => current.members.has(h))) return;
    if (current && (running > 0 || queue.length > 0)) return;
    timer = setTimeout(() => {
      timer = undefined;
      void issueWait();
    }, settleMs);
  };

  async function issueWait(): Promise<void> {
    stopWaiting();
    if (held.size === 0 || closed) return;
    const mine: Wait = { controller: new AbortController(), members: new Set() };
    const shapes = new Map<string, { handle: string; offset: string }>();
    for (const h of [...held]) {
      const key = `${h.handle} ${h.offset}`;
      if (!shapes.has(key) && shapes.size === MAX_SHAPES) {
        release(h, false); // past what one wait takes: a plain long poll, as without the gate
        continue;
      }
      shapes.set(key, { handle: h.handle, offset: h.offset });
      mine.members.add(h);
    }
    wait = mine;
    let res: Response;
    let ready: string[] | null = null;
    const watchdog = setTimeout(
      () => mine.controller.abort(new DOMException('No answer to the wait', 'TimeoutError')),
      waitTimeoutMs,
    );
    try {
      const headers = { ...(await options.headers()), 'content-type': 'application/json' };
      if (wait !== mine) return;
      res = await options.fetch(options.waitUrl, {
        method: 'POST',
        headers,
        body: JSON.stringify({ shapes: [...shapes.values()] }),
        signal: mine.controller.signal,
      });
      if (res.ok) ready = readyHandles(await res.json());
      else await res.body?.cancel();
    } catch (err) {
      // Superseded or closed: stopWaiting() already let go of it.
      if (wait !== mine) return;
      wait = null;
      // The network failed: the held requests fail with it, and their streams back off as for any failed fetch.
      for (const h of mine.members) if (held.has(h)) fail(h, err);
      return schedule();
    } finally {
      clearTimeout(watchdog);
    }
    if (wait !== mine) return;
    wait = null;
    if (res.status === 404) passThrough = true; // a server without the route, or one behind a real Electric
    if (ready === null) {
      // Any other answer (401, 503…): the real requests go out and meet it themselves.
      for (const h of mine.members) if (held.has(h)) release(h, false);
    } else {
      const news = new Set(ready);
      for (const h of mine.members) if (held.has(h) && news.has(h.handle)) release(h, true);
    }
    schedule();
  }

  const gateFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const target = input instanceof Request ? null : liveTarget(String(input));
    if (closed || (passThrough && target)) return options.fetch(input, init);
    if (!target) return send(input, init);
    const url = String(input);
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(aborted(signal));
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => {
        fail(h, aborted(signal as AbortSignal));
        schedule();
      };
      const h: Held = {
        ...target,
        url,
        init,
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      held.add(h);
      schedule();
    });
  };

  return {
    fetch: gateFetch as typeof fetch,
    close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      stopWaiting();
      const err = new DOMException('The live gate was closed.', 'AbortError');
      for (const h of [...held]) fail(h, err);
      for (const q of queue.splice(0)) {
        q.detach();
        q.reject(err);
      }
    },
  };
}
