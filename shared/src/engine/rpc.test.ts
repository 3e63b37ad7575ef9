import { describe, expect, it } from 'vitest';
import type { AppEngine, EngineEvent } from './contract.ts';
import { engineClient, type HostToUi, type Port, serveEngine, type UiToHost } from './rpc.ts';

/** Two ends of an in-memory channel that, like postMessage, deliver asynchronously and structured-clone. */
function channel(): { ui: Port<HostToUi, UiToHost>; host: Port<UiToHost, HostToUi> } {
  let toUi: ((m: HostToUi) => void) | null = null;
  let toHost: ((m: UiToHost) => void) | null = null;
  return {
    ui: {
      post: (m) => queueMicrotask(() => toHost?.(structuredClone(m))),
      listen: (fn) => {
        toUi = fn;
      },
    },
    host: {
      post: (m) => queueMicrotask(() => toUi?.(structuredClone(m))),
      listen: (fn) => {
        toHost = fn;
      },
    },
  };
}

function fakeEngine() {
  const listeners = new Set<(e: EngineEvent) => void>();
  const watchers = new Map<string, (rows: unknown[]) => void>();
  const engine = {
    async query(sql: string, params: unknown[] = []) {
      return [{ sql, params, at: new Date('2026-01-02T03:04:05Z') }];
    },
    async mutate(name: string) {
      if (name === 'boom') throw new Error('exploded');
      return { ok: true, mutationId: 'm1' };
    },
    watch(sql: string, _params: unknown[], onRows: (rows: unknown[]) => void) {
      watchers.set(sql, onRows);
      onRows([{ n: 1 }]);
      return () => watchers.delete(sql);
    },
    onEvent(listener: (e: EngineEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as AppEngine;
  return { engine, listeners, watchers };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('engine RPC', () => {
  it('answers calls, keeping dates and reporting thrown errors as rejections', async () => {
    const { ui, host } = channel();
    const fake = fakeEngine();
    serveEngine(fake.engine, host);
    const client = engineClient(ui);
    const rows = await client.query<{ sql: string; params: unknown[]; at: Date }>('SELECT $1', [7]);
    expect(rows[0]?.params).toEqual([7]);
    expect(rows[0]?.at).toBeInstanceOf(Date);
    expect(await client.mutate('x', {})).toEqual({ ok: true, mutationId: 'm1' });
    await expect(client.mutate('boom', {})).rejects.toThrow('exploded');
  });

  it('streams live rows until unwatched and forwards events', async () => {
    const { ui, host } = channel();
    const fake = fakeEngine();
    const stop = serveEngine(fake.engine, host);
    const client = engineClient(ui);
    const seen: unknown[][] = [];
    const unwatch = client.watch('SELECT 1', [], (rows) => seen.push(rows));
    await tick();
    fake.watchers.get('SELECT 1')?.([{ n: 2 }]);
    await tick();
    expect(seen).toEqual([[{ n: 1 }], [{ n: 2 }]]);
    unwatch();
    await tick();
    expect(fake.watchers.size).toBe(0);

    const events: EngineEvent[] = [];
    client.onEvent((e) => events.push(e));
    for (const l of fake.listeners) l({ type: 'session', session: null });
    await tick();
    expect(events).toEqual([{ type: 'session', session: null }]);
    stop();
    expect(fake.listeners.size).toBe(0);
  });
});
