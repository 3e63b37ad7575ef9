/**
 * What the UI may ask of the engine that hosts the local replica (a browser worker in the PWA, the Electron main
 * process on the desktop). Every argument and result is structured-clonable: the same calls travel over
 * postMessage and over Electron IPC. The UI never talks to the network itself; it goes through `api`.
 */
import type { FieldIssue } from '../errors.ts';
import type { RejectedMutation } from '../replica/status.ts';

export interface Permission {
  resource: string;
  action: string;
  scope: string;
}

/** The signed-in user, as `POST /api/auth/login` and `GET /api/auth/me` answer it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: string;
  teamId: string | null;
  partnerId: string | null;
  locale: string;
  totpEnabled: boolean;
  permissions: Permission[];
}

export interface EngineSession {
  serverUrl: string;
  user: SessionUser;
}

export interface EngineStatus {
  /** Whether the server answered the last request; null until something was tried. */
  online: boolean | null;
  syncing: 'off' | 'initial' | 'live';
  pending: number;
  rejected: RejectedMutation[];
  lastSyncedAt: string | null;
  lastPushedAt: string | null;
  errors: { source: string; message: string; at: string }[];
}

export interface LoginInput {
  serverUrl: string;
  email: string;
  password: string;
  /** A TOTP or recovery code, once the server answered `totp_required`. */
  totp?: string;
}

export type LoginResult =
  | { ok: true; session: EngineSession }
  /** `code` is the server's error code (`totp_required`, `unauthenticated`, `locked`, `rate_limited`…) or `network`. */
  | { ok: false; status: number; code: string; message: string };

/** Accepting an invitation into a partner organisation: no session yet, so the server is named here. */
export interface AcceptInviteInput {
  serverUrl: string;
  /** The one-time token from the invitation link (`#/invite/<token>`). */
  token: string;
  name: string;
  password: string;
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Server path starting with `/api/`, with its query string. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiResponse<T = unknown> {
  status: number;
  ok: boolean;
  /** Parsed JSON, or null (204, or the network failed: then status is 0). */
  body: T;
  headers: Record<string, string>;
}

export type MutateResult =
  | { ok: true; mutationId: string }
  | { ok: false; error: { code: string; message: string; fields: FieldIssue[] } };

/** Calls with a single answer. */
export interface EngineCalls {
  session(): Promise<EngineSession | null>;
  login(input: LoginInput): Promise<LoginResult>;
  logout(): Promise<void>;
  /** Re-reads the user (role, 2FA, locale) from the server after a settings change. */
  refreshUser(): Promise<EngineSession | null>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Applies a mutation to the replica at once and queues it for the server. */
  mutate(name: string, args: unknown): Promise<MutateResult>;
  dismissRejection(mutationId: string): Promise<void>;
  /** Push and poll now instead of waiting out a backoff. */
  retryNow(): Promise<void>;
  status(): Promise<EngineStatus>;
  /** A request to the sync-server with the session's token; needs the network. */
  api<T = unknown>(req: ApiRequest): Promise<ApiResponse<T>>;
  /**
   * `POST /api/partner-invites/accept` without a session (the invitee has no account yet): creates the user, who
   * then signs in with `login`. The server's answer as is: 201 `{email, partnerId, role}`, or the refusal.
   */
  acceptInvite(
    input: AcceptInviteInput,
  ): Promise<ApiResponse<{ email: string; partnerId: string; role: string }>>;
}

export type EngineEvent =
  | { type: 'status'; status: EngineStatus }
  /** Signed in, signed out, or the server ended the session (null). */
  | { type: 'session'; session: EngineSession | null };

/** The UI's view of the engine: the calls plus subscriptions. */
export interface AppEngine extends EngineCalls {
  /** A live query over the replica's views; returns the unsubscribe function. */
  watch<T = Record<string, unknown>>(
    sql: string,
    params: unknown[],
    onRows: (rows: T[]) => void,
    onError?: (message: string) => void,
  ): () => void;
  onEvent(listener: (event: EngineEvent) => void): () => void;
}

export const ENGINE_CALLS = [
  'session',
  'login',
  'logout',
  'refreshUser',
  'query',
  'mutate',
  'dismissRejection',
  'retryNow',
  'status',
  'api',
  'acceptInvite',
] as const satisfies readonly (keyof EngineCalls)[];
