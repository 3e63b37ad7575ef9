import type { Principal } from '@mak/shared/permissions';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { JobScheduler } from './jobs/scheduler.ts';
import type { Database } from './platform/db.ts';
import type { RateLimiter } from './platform/rate-limiter.ts';
import type { SyncEngine } from './sync/engine.ts';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roleKey: string;
  teamId: string | null;
  partnerId: string | null;
  locale: string;
  totpEnabled: boolean;
}

export interface AuthState {
  user: SessionUser;
  principal: Principal;
  sessionId: string;
  via: 'cookie' | 'bearer';
}

/** What every request handler can reach: adapters are injected once when the app is built. */
export interface Deps {
  config: Config;
  database: Database;
  rateLimiter: RateLimiter;
  logger: Logger;
  /** The /v1/shape engine (commit notifications, raw SQL); made by startServer. */
  sync?: SyncEngine;
  /** Due-work scheduler (jobs/scheduler.ts); made by startServer. */
  jobs?: JobScheduler;
}

export type AppEnv = {
  Variables: {
    deps: Deps;
    requestId: string;
    log: Logger;
    auth?: AuthState;
  };
};
