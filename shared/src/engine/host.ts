/**
 * The engine's host side: one signed-in session, its local replica, and the calls of contract.ts. Runs in a
 * browser worker (PWA) or the Electron main process; the host around it supplies storage and the data folder.
 */
import { DomainError } from '../errors.ts';
import type { mutators } from '../mutations/registry.ts';
import type { Principal } from '../permissions/index.ts';
import type { Replica } from '../replica/index.ts';
import type { SyncStatus } from '../replica/status.ts';
import type {
  ApiRequest,
  ApiResponse,
  AppEngine,
  EngineEvent,
  EngineSession,
  EngineStatus,
  LoginInput,
  LoginResult,
  SessionUser,
} from './contract.ts';

export interface StoredSession extends EngineSession {
  token: string;
}

/** Where the session survives restarts (Electron: a file sealed with safeStorage; PWA: IndexedDB). */
export interface SessionStore {
  load(): Promise<StoredSession | null>;
  save(session: StoredSession | null): Promise<void>;
}

type AppReplica = Replica<typeof mutators>;

export interface EngineHostOptions {
  sessions: SessionStore;
  /** Opens the replica of one user (the host picks its data folder) for this principal. */
  openReplica(userId: string, principal: Principal): Promise<AppReplica>;
  /** Removes a user's replica after a clean sign-out (nothing left to send). Omitted: data is kept. */
  removeReplica?(userId: string): Promise<void>;
  fetch?: typeof fetch;
  /** Passed to replica.connect: tests shorten backoffs; a browser on HTTP/1.1 turns on the live gate. */
  connect?: Partial<
    Omit<Parameters<AppReplica['connect']>[0], 'serverUrl' | 'userId' | 'getToken' | 'fetch'>
  >;
}

export interface EngineHost {
  engine: AppEngine;
  /** Resumes the stored session, if any: opens its replica and starts syncing (offline is fine). */
  start(): Promise<EngineSession | null>;
  /** The network is back (browser `online` event, Electron net change). */
  networkBack(): void;
  /** The replica of the current session (tests, benchmarks). */
  replica(): AppReplica | null;
  close(): Promise<void>;
}

export function principalOf(user: SessionUser): Principal {
  return {
    userId: user.id,
    roleKey: user.role,
    teamId: user.teamId,
    partnerId: user.partnerId,
    grants: new Map(user.permissions.map((p) => [`${p.resource}:${p.action}`, p.scope] as const)),
  } as Principal;
}

export function toEngineStatus(s: SyncStatus): EngineStatus {
  return {
    online: s.online,
    syncing: s.syncing,
    pending: s.pending,
    rejected: s.rejected,
    lastSyncedAt: s.lastSyncedAt?.toISOString() ?? null,
    lastPushedAt: s.lastPushedAt?.toISOString() ?? null,
    errors: s.errors.map((e) => ({ source: e.source, message: e.message, at: e.at.toISOString() })),
  };
}

const SIGNED_OUT: EngineStatus = {
  online: null,
  syncing: 'off',
  pending: 0,
  rejected: [],
  lastSyncedAt: null,
  lastPushedAt: null,
  errors: [],
};

function headersOf(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export function createEngineHost(options: EngineHostOptions): EngineHost {
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  let session: StoredSession | null = null;
  let replica: AppReplica | null = null;
  let stopStatus: (() => void) | null = null;
  const listeners = new Set<(e: EngineEvent) => void>();
  const emit = (event: EngineEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  const publicSession = (): EngineSession | null =>
    session ? { serverUrl: session.serverUrl, user: session.user } : null;

  async function request<T>(
    serverUrl: string,
    token: string | null,
    req: ApiRequest,
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetchFn(`${trimSlash(serverUrl)}${req.path}`, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { status: 0, ok: false, body: { code: 'network', message } as T, headers: {} };
    }
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = { code: 'internal', message: text.slice(0, 200) };
    }
    return { status: res.status, ok: res.ok, body: body as T, headers: headersOf(res.headers) };
  }

  async function openFor(stored: StoredSession) {
    const opened = await options.openReplica(stored.user.id, principalOf(stored.user));
    replica = opened;
    stopStatus = opened.status.subscribe((s) => emit({ type: 'status', status: toEngineStatus(s) }));
    await opened.connect({
      ...options.connect,
      serverUrl: stored.serverUrl,
      userId: stored.user.id,
      getToken: () => session?.token ?? '',
      fetch: fetchFn,
    });
    emit({ type: 'status', status: toEngineStatus(opened.status.get()) });
  }

  async function closeReplica(): Promise<number> {
    const open = replica;
    replica = null;
    stopStatus?.();
    stopStatus = null;
    if (!open) return 0;
    const pending = open.status.get().pending;
    await open.close();
    return pending;
  }

  const needReplica = (): AppReplica => {
    if (!replica) throw new DomainError('unauthenticated', 'Not signed in');
    return replica;
  };

  const engine: AppEngine = {
    async session() {
      return publicSession();
    },
    async login(input: LoginInput): Promise<LoginResult> {
      const serverUrl = trimSlash(input.serverUrl);
      const res = await request<{ token: string; user: SessionUser; code?: string; message?: string }>(
        serverUrl,
        null,
        {
          method: 'POST',
          path: '/api/auth/login',
          body: { email: input.email, password: input.password, ...(input.totp ? { totp: input.totp } : {}) },
        },
      );
      if (!res.ok) {
        const body = (res.body ?? {}) as { code?: string; message?: string };
        return {
          ok: false,
          status: res.status,
          code: body.code ?? (res.status === 0 ? 'network' : 'internal'),
          message: body.message ?? `HTTP ${res.status}`,
        };
      }
      if (session && session.user.id !== res.body.user.id) await closeReplica();
      const sameUser = session?.user.id === res.body.user.id && replica;
      session = { serverUrl, token: res.body.token, user: res.body.user };
      await options.sessions.save(session);
      if (sameUser) replica?.setPrincipal(principalOf(session.user));
      else await openFor(session);
      emit({ type: 'session', session: publicSession() });
      return { ok: true, session: { serverUrl, user: session.user } };
    },
    async logout() {
      const ending = session;
      // Sync stops while the token is still good and still handed out: a long poll re-sent meanwhile with no token
      // or a revoked one would be refused with 401, which pglite-sync surfaces as an unhandled rejection.
      const pending = await closeReplica();
      session = null;
      await options.sessions.save(null);
      if (ending) {
        await request(ending.serverUrl, ending.token, { method: 'POST', path: '/api/auth/logout' });
      }
      // Client data leaves the device with the session, unless it still holds edits the server has not taken.
      if (ending && pending === 0) await options.removeReplica?.(ending.user.id);
      emit({ type: 'session', session: null });
      emit({ type: 'status', status: SIGNED_OUT });
    },
    async refreshUser() {
      if (!session) return null;
      const res = await request<SessionUser>(session.serverUrl, session.token, {
        method: 'GET',
        path: '/api/auth/me',
      });
      if (res.status === 401) {
        await endSession();
        return null;
      }
      if (res.ok) {
        session = { ...session, user: res.body };
        await options.sessions.save(session);
        replica?.setPrincipal(principalOf(res.body));
        emit({ type: 'session', session: publicSession() });
      }
      return publicSession();
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await needReplica().pg.query<T>(sql, params)).rows;
    },
    async mutate(name, args) {
      try {
        const r = await needReplica().mutate(name as never, args as never);
        return { ok: true, mutationId: r.mutationId };
      } catch (err) {
        if (err instanceof DomainError) {
          return { ok: false, error: { code: err.code, message: err.message, fields: err.fields } };
        }
        throw err;
      }
    },
    async dismissRejection(mutationId) {
      await needReplica().dismissRejection(mutationId);
    },
    async retryNow() {
      replica?.retryNow();
    },
    async status() {
      return replica ? toEngineStatus(replica.status.get()) : SIGNED_OUT;
    },
    async api<T>(req: ApiRequest) {
      if (!session) throw new DomainError('unauthenticated', 'Not signed in');
      if (!req.path.startsWith('/api/')) throw new DomainError('validation', 'path must start with /api/');
      const res = await request<T>(session.serverUrl, session.token, req);
      if (res.status === 401) await endSession();
      return res;
    },
    async acceptInvite(input) {
      return request<{ email: string; partnerId: string; role: string }>(trimSlash(input.serverUrl), null, {
        method: 'POST',
        path: '/api/partner-invites/accept',
        body: { token: input.token, name: input.name, password: input.password },
      });
    },
    watch(sql, params, onRows, onError) {
      if (!replica) {
        onError?.('Not signed in');
        return () => {};
      }
      const stop = replica.watch(sql, params, onRows, (e) =>
        onError?.(e instanceof Error ? e.message : String(e)),
      );
      return () => {
        void stop();
      };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  /** The server no longer knows the token: sign in again; the replica and its unsent edits stay on disk. */
  async function endSession() {
    session = null;
    await options.sessions.save(null);
    await closeReplica();
    emit({ type: 'session', session: null });
  }

  return {
    engine,
    async start() {
      const stored = await options.sessions.load();
      if (!stored) return null;
      session = stored;
      try {
        await openFor(stored);
      } catch (err) {
        // A replica that will not open (disk full, a folder another process holds) must not leave a signed-in UI
        // whose every query fails: sign in again; the stored data stays where it is.
        session = null;
        await closeReplica();
        emit({
          type: 'status',
          status: {
            ...SIGNED_OUT,
            errors: [{ source: 'sync', message: String(err), at: new Date().toISOString() }],
          },
        });
        return null;
      }
      return publicSession();
    },
    networkBack() {
      replica?.retryNow();
    },
    replica: () => replica,
    async close() {
      await closeReplica();
      listeners.clear();
    },
  };
}
