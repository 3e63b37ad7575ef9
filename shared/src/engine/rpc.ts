/**
 * The engine's wire between the UI and its host: request/answer for EngineCalls, plus pushed events and live-query
 * rows. The transport is anything that posts structured-clonable messages both ways (a Worker, Electron IPC).
 */
import { type AppEngine, ENGINE_CALLS, type EngineCalls, type EngineEvent } from './contract.ts';

export type UiToHost =
  | { kind: 'call'; id: number; method: keyof EngineCalls; args: unknown[] }
  | { kind: 'watch'; watchId: number; sql: string; params: unknown[] }
  | { kind: 'unwatch'; watchId: number };

export type HostToUi =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; message: string }
  | { kind: 'rows'; watchId: number; rows: unknown[] }
  | { kind: 'watch-error'; watchId: number; message: string }
  | { kind: 'event'; event: EngineEvent };

export interface Port<In, Out> {
  post(message: Out): void;
  /** Registers the single receiver of incoming messages. */
  listen(receive: (message: In) => void): void;
}

/** The UI side: an AppEngine whose calls travel over `port`. */
export function engineClient(port: Port<HostToUi, UiToHost>): AppEngine {
  let nextId = 1;
  const calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const watches = new Map<number, { onRows: (rows: unknown[]) => void; onError?: (m: string) => void }>();
  const listeners = new Set<(e: EngineEvent) => void>();
  port.listen((message) => {
    switch (message.kind) {
      case 'result': {
        const call = calls.get(message.id);
        calls.delete(message.id);
        if (!call) return;
        if (message.ok) call.resolve(message.value);
        else call.reject(new Error(message.message));
        return;
      }
      case 'rows':
        watches.get(message.watchId)?.onRows(message.rows);
        return;
      case 'watch-error': {
        const watch = watches.get(message.watchId);
        if (watch?.onError) watch.onError(message.message);
        else console.error('live query failed:', message.message);
        return;
      }
      case 'event':
        for (const listener of [...listeners]) listener(message.event);
        return;
    }
  });
  const call = (method: keyof EngineCalls, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      calls.set(id, { resolve, reject });
      port.post({ kind: 'call', id, method, args });
    });
  const engine = Object.fromEntries(
    ENGINE_CALLS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as EngineCalls;
  return {
    ...engine,
    watch(sql, params, onRows, onError) {
      const watchId = nextId++;
      watches.set(watchId, { onRows: onRows as (rows: unknown[]) => void, onError });
      port.post({ kind: 'watch', watchId, sql, params });
      return () => {
        if (!watches.delete(watchId)) return;
        port.post({ kind: 'unwatch', watchId });
      };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The host side: answers a client's messages with `engine` (an in-process AppEngine, see host.ts). */
export function serveEngine(engine: AppEngine, port: Port<UiToHost, HostToUi>): () => void {
  const watches = new Map<number, () => void>();
  const stopEvents = engine.onEvent((event) => port.post({ kind: 'event', event }));
  port.listen((message) => {
    switch (message.kind) {
      case 'call': {
        const fn = engine[message.method] as (...args: unknown[]) => Promise<unknown>;
        Promise.resolve()
          .then(() => fn.apply(engine, message.args))
          .then(
            (value) => port.post({ kind: 'result', id: message.id, ok: true, value }),
            (error: unknown) =>
              port.post({
                kind: 'result',
                id: message.id,
                ok: false,
                message: error instanceof Error ? error.message : String(error),
              }),
          );
        return;
      }
      case 'watch':
        watches.set(
          message.watchId,
          engine.watch(
            message.sql,
            message.params,
            (rows) => port.post({ kind: 'rows', watchId: message.watchId, rows }),
            (msg) => port.post({ kind: 'watch-error', watchId: message.watchId, message: msg }),
          ),
        );
        return;
      case 'unwatch':
        watches.get(message.watchId)?.();
        watches.delete(message.watchId);
        return;
    }
  });
  return () => {
    stopEvents();
    for (const stop of watches.values()) stop();
    watches.clear();
  };
}
