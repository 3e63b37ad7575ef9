import { describe, expect, it } from 'vitest';
import { createLiveGate, type LiveGateOptions } from './live-gate.ts';

// The gate's bookkeeping against a scripted fetch; live-gate.server.test.ts runs it against the real server.

interface Call {
  url: string;
  body: { shapes: { handle: string; offset: string }[] } | undefined;
  signal: AbortSignal | undefined;
  done: boolean;
  answer(status: number, body?: unknown): void;
  fail(err: unknown): void;
}

function scripted() {
  const calls: Call[] = [];
  const fetch = ((input: string, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init?.signal ?? undefined;
      const call: Call = {
        url: String(input),
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
        signal,
        done: false,
        answer: (status, body) => {
          call.done = true;
          resolve(new Response(body === undefined ? null : JSON.stringify(body), { status }));
        },
        fail: (err) => {
          call.done = true;
          reject(err);
        },
      };
      signal?.addEventListener('abort', () => call.fail(signal.reason), { once: true });
      calls.push(call);
    })) as typeof globalThis.fetch;
  const waits = () => calls.filter((c) => c.url.endsWith('/api/sync/wait'));
  const shapes = () => calls.filter((c) => c.url.includes('/v1/shape'));
  const open = (list: Call[]) => list.filter((c) => !c.done);
  return { calls, fetch, waits, shapes, open };
}

const gateOver = (s: ReturnType<typeof scripted>, extra: Partial<LiveGateOptions> = {}) =>
  createLiveGate({
    waitUrl: 'http://srv/api/sync/wait',
    fetch: s.fetch,
    headers: () => ({ authorization: 'Bearer t' }),
    settleMs: 0,
    ...extra,
  });
const live = (handle: string, offset = '10_0') =>
  `http://srv/v1/shape?table=x&handle=${handle}&offset=${offset}&live=true&cursor=1`;
const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms));
const settled = <T>(p: Promise<T>) => {
  const state: { value?: T; error?: unknown; done: boolean } = { done: false };
  p.then(
    (value) => Object.assign(state, { value, done: true }),
    (error) => Object.assign(state, { error, done: true }),
  );
  return state;
};

describe('live gate', () => {
  it('passes non-live requests through and holds live ones behind one wait until their handle is ready', async () => {
    const s = scripted();
    const gate = gateOver(s);
    const snapshot = settled(gate.fetch('http://srv/v1/shape?table=x&offset=-1'));
    const a = settled(gate.fetch(live('a')));
    const b = settled(gate.fetch(live('b', '7_inf')));
    await tick();
    expect(s.shapes().map((c) => c.url)).toEqual(['http://srv/v1/shape?table=x&offset=-1']);
    expect(s.waits()).toHaveLength(1);
    expect(s.waits()[0]?.body).toEqual({
      shapes: [
        { handle: 'a', offset: '10_0' },
        { handle: 'b', offset: '7_inf' },
      ],
    });
    s.shapes()[0]?.answer(200, []);
    s.waits()[0]?.answer(200, { ready: ['b'] });
    await tick();
    expect(snapshot.done).toBe(true);
    expect(s.shapes().map((c) => c.url)).toContain(live('b', '7_inf'));
    s.shapes()
      .at(-1)
      ?.answer(200, [{ headers: { control: 'up-to-date' } }]);
    await tick();
    expect(b.value?.status).toBe(200);
    expect(await b.value?.json()).toEqual([{ headers: { control: 'up-to-date' } }]);
    expect(a.done).toBe(false);
    // `a` is waited for again, alone.
    expect(s.open(s.waits())).toHaveLength(1);
    expect(s.waits().at(-1)?.body).toEqual({ shapes: [{ handle: 'a', offset: '10_0' }] });
    gate.close();
  });

  it('re-issues the wait when the set grows, keeps it when it shrinks, drops it when nothing is held', async () => {
    const s = scripted();
    const gate = gateOver(s);
    const ca = new AbortController();
    const a = settled(gate.fetch(live('a'), { signal: ca.signal }));
    await tick();
    const cb = new AbortController();
    const b = settled(gate.fetch(live('b'), { signal: cb.signal }));
    await tick();
    expect(s.waits()).toHaveLength(2);
    expect(s.waits()[0]?.signal?.aborted).toBe(true);
    expect(s.waits()[1]?.body?.shapes.map((x) => x.handle)).toEqual(['a', 'b']);
    ca.abort();
    await tick();
    expect(a.error).toBe(ca.signal.reason);
    expect(s.waits()).toHaveLength(2);
    expect(s.waits()[1]?.signal?.aborted).toBe(false);
    cb.abort('refresh');
    await tick();
    expect(b.error).toBe('refresh');
    expect(s.waits()[1]?.signal?.aborted).toBe(true);
    expect(s.waits()).toHaveLength(2);
  });

  it('fails the held requests when the wait fails on the network, and waits again for new ones', async () => {
    const s = scripted();
    const gate = gateOver(s);
    const a = settled(gate.fetch(live('a')));
    await tick();
    const offline = new TypeError('fetch failed');
    s.waits()[0]?.fail(offline);
    await tick();
    expect(a.error).toBe(offline);
    expect(s.shapes()).toHaveLength(0);
    gate.fetch(live('a')).catch(() => {});
    await tick();
    expect(s.waits()).toHaveLength(2);
    gate.close();
  });

  it('sends the real requests when the wait answers an error status; a 404 turns the gate off', async () => {
    const s = scripted();
    const gate = gateOver(s);
    gate.fetch(live('a')).catch(() => {});
    gate.fetch(live('b')).catch(() => {});
    await tick();
    s.waits()[0]?.answer(401, { code: 'unauthenticated' });
    await tick();
    expect(s.shapes().map((c) => c.url)).toEqual([live('a'), live('b')]);
    gate.fetch(live('c')).catch(() => {});
    await tick();
    s.waits()[1]?.answer(404, { code: 'not_found' });
    await tick();
    expect(s.shapes().map((c) => c.url)).toEqual([live('a'), live('b'), live('c')]);
    gate.fetch(live('d')).catch(() => {});
    await tick();
    expect(s.waits()).toHaveLength(2);
    expect(s.shapes().at(-1)?.url).toBe(live('d'));
    gate.close();
  });

  it('keeps at most maxRequests shape requests in flight; a slow one gives its slot up after slotMs', async () => {
    const s = scripted();
    const gate = gateOver(s, { maxRequests: 1, slotMs: 200 });
    const chunk = (n: number) => `http://srv/v1/shape?table=x&handle=h&offset=0_${n}`;
    const first = settled(gate.fetch(chunk(0)));
    const second = settled(gate.fetch(chunk(1)));
    const cancelled = new AbortController();
    const third = settled(gate.fetch(chunk(2), { signal: cancelled.signal }));
    const fourth = settled(gate.fetch(chunk(3)));
    await tick();
    expect(s.shapes().map((c) => c.url)).toEqual([chunk(0)]);
    cancelled.abort();
    s.shapes()[0]?.answer(200, []);
    await tick();
    expect(first.value?.status).toBe(200);
    expect(third.error).toBe(cancelled.signal.reason);
    expect(s.shapes().map((c) => c.url)).toEqual([chunk(0), chunk(1)]);
    await tick(250);
    expect(s.shapes().map((c) => c.url)).toEqual([chunk(0), chunk(1), chunk(3)]);
    expect(second.done || fourth.done).toBe(false);
    gate.close();
  });

  it('fails what it holds when closed', async () => {
    const s = scripted();
    const gate = gateOver(s);
    const a = settled(gate.fetch(live('a')));
    await tick();
    gate.close();
    await tick();
    expect((a.error as DOMException).name).toBe('AbortError');
    expect(s.waits()[0]?.signal?.aborted).toBe(true);
  });
});
