import http2 from 'node:http2';
import type { Socket } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import type { Deps } from './context.ts';
import './jobs/economy.ts';
import { bullmqScheduler, inProcessScheduler } from './jobs/scheduler.ts';
import { createLogger } from './logger.ts';
import { type Database, openDatabase, writeTx } from './platform/db.ts';
import { memoryRateLimiter, redisRateLimiter } from './platform/rate-limiter.ts';
import { seedDemoIfEmpty } from './seed/demo.ts';
import { ensureBuiltinRoles } from './seed/roles.ts';
import { createSyncEngine } from './sync/engine.ts';

export interface RunningServer {
  url: string;
  deps: Deps;
  stop(): Promise<void>;
}

/** Opens adapters, migrates, seeds the demo workspace on first run, and listens. Used by main.ts and tests. */
export async function startServer(
  config: Config,
  opts: { database?: Database } = {},
): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const database = opts.database ?? (await openDatabase(config.database));
  await database.migrate();
  await writeTx(database.db, null, (tx) => ensureBuiltinRoles(tx));
  const seeded = config.seedDemo ? await seedDemoIfEmpty(database.db, logger) : null;
  const rateLimiter = config.redisUrl ? redisRateLimiter(config.redisUrl) : memoryRateLimiter();
  const sync = createSyncEngine({ database, config, logger });
  const jobOpts = { tickMs: config.jobs?.tickMs ?? 1000, queue: config.jobs?.queue ?? 'mak-economy' };
  const jobs = config.redisUrl
    ? bullmqScheduler(database.db, logger, config.redisUrl, jobOpts)
    : inProcessScheduler(database.db, logger, jobOpts);
  if (config.jobs?.enabled !== false) await jobs.start();
  const deps: Deps = { config, database, rateLimiter, logger, sync, jobs };
  const app = buildApp(deps);
  // For stop() under TLS: an http2 server has no closeAllConnections, so its sessions and sockets are tracked here.
  const sessions = new Set<http2.ServerHttp2Session>();
  const sockets = new Set<Socket>();
  const server: ServerType = await new Promise((resolve) => {
    const { tls } = config;
    if (!tls) {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
      return;
    }
    // HTTP/2 over TLS: one connection carries every long poll and push (a browser allows 6 per origin on HTTP/1.1).
    const s = serve(
      {
        fetch: app.fetch,
        port: config.port,
        hostname: config.host,
        createServer: http2.createSecureServer,
        serverOptions: { cert: tls.cert, key: tls.key, allowHTTP1: true },
      },
      () => resolve(s),
    );
    s.on('session', (session: http2.ServerHttp2Session) => {
      sessions.add(session);
      session.once('close', () => sessions.delete(session));
    });
    // HTTP/1.1 clients (allowHTTP1) hold plain keep-alive sockets, outside any session.
    s.on('secureConnection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = config.publicUrl ?? `${config.tls ? 'https' : 'http'}://${host}:${port}`;
  if (seeded) logger.info({ logins: seeded.logins.map((l) => l.email) }, 'demo workspace created');
  return {
    url,
    deps,
    async stop() {
      // Held long polls answer at once, so closing the server does not wait for them.
      await sync.close();
      // Clients re-poll at once on their keep-alive connections, which would hold close() open for ever: idle
      // ones go now, the rest after a short grace for requests in flight.
      await new Promise<void>((resolve) => {
        const grace = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
          for (const session of sessions) session.destroy();
          for (const socket of sockets) socket.destroy();
        }, 1_000);
        server.close(() => {
          clearTimeout(grace);
          resolve();
        });
        if ('closeIdleConnections' in server) server.closeIdleConnections();
        // Idle HTTP/2 sessions get a GOAWAY: streams in flight finish, then the session closes.
        for (const session of sessions) session.close();
      });
      await jobs.stop();
      await rateLimiter.close();
      if (!opts.database) await database.close();
    },
  };
}
