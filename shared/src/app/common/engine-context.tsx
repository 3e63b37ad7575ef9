import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { AppEngine, EngineSession, EngineStatus } from '../../engine/contract.ts';
import type { Platform } from '../platform.ts';

interface EngineContextValue {
  engine: AppEngine;
  platform: Platform;
  session: EngineSession | null;
  status: EngineStatus;
}

const EngineContext = createContext<EngineContextValue | null>(null);

const INITIAL_STATUS: EngineStatus = {
  online: null,
  syncing: 'off',
  pending: 0,
  rejected: [],
  lastSyncedAt: null,
  lastPushedAt: null,
  errors: [],
};

export function EngineProvider(props: {
  engine: AppEngine;
  platform: Platform;
  initialSession: EngineSession | null;
  children: ReactNode;
}) {
  const { engine, platform } = props;
  const [session, setSession] = useState(props.initialSession);
  const [status, setStatus] = useState<EngineStatus>(INITIAL_STATUS);
  useEffect(() => {
    const stop = engine.onEvent((event) => {
      if (event.type === 'session') setSession(event.session);
      else setStatus(event.status);
    });
    void engine.status().then(setStatus);
    return stop;
  }, [engine]);
  const value = useMemo(() => ({ engine, platform, session, status }), [engine, platform, session, status]);
  return <EngineContext.Provider value={value}>{props.children}</EngineContext.Provider>;
}

function useEngineContext(): EngineContextValue {
  const value = useContext(EngineContext);
  if (!value) throw new Error('EngineProvider missing');
  return value;
}

export const useEngine = () => useEngineContext().engine;
export const usePlatform = () => useEngineContext().platform;
export const useSession = () => useEngineContext().session;
export const useSyncStatus = () => useEngineContext().status;

/** The signed-in user; only for screens behind the sign-in gate. */
export function useUser() {
  const session = useSession();
  if (!session) throw new Error('useUser outside a signed-in screen');
  return session.user;
}

/** Whether the user holds `resource:action` at any scope (the server re-checks every write). */
export function useCan(resource: string, action: string): boolean {
  const session = useSession();
  return !!session?.user.permissions.some((p) => p.resource === resource && p.action === action);
}

export interface LiveResult<T> {
  rows: T[];
  loading: boolean;
  error: string | null;
}

/**
 * A live query over the local replica: re-renders when its rows change. `params` are compared by value, so an
 * inline array is fine. Pass `sql = null` to skip.
 */
export function useLiveQuery<T = Record<string, unknown>>(
  sql: string | null,
  params: unknown[] = [],
): LiveResult<T> {
  const engine = useEngine();
  const key = JSON.stringify(params);
  const paramsRef = useRef(params);
  paramsRef.current = params;
  const [state, setState] = useState<LiveResult<T>>({ rows: [], loading: sql !== null, error: null });
  // biome-ignore lint/correctness/useExhaustiveDependencies: params are keyed by value
  useEffect(() => {
    if (sql === null) {
      setState({ rows: [], loading: false, error: null });
      return;
    }
    setState((s) => ({ ...s, loading: true }));
    return engine.watch<T>(
      sql,
      paramsRef.current,
      (rows) => setState({ rows, loading: false, error: null }),
      (error) => setState({ rows: [], loading: false, error }),
    );
  }, [engine, sql, key]);
  return state;
}
