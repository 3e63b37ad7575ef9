import pg from 'pg';
import { inject } from 'vitest';
import type { Config } from '../config.ts';
import { type Database, openDatabase } from '../platform/db.ts';
import { type RunningServer, startServer } from '../server.ts';

export type Engine = 'postgres' | 'pglite';

/** The engine this test file runs on: the vitest project sets MAK_TEST_DB. */
export const engine = (): Engine => (process.env.MAK_TEST_DB === 'pglite' ? 'pglite' : 'postgres');

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    database:
      engine() === 'pglite'
        ? { kind: 'pglite', dataDir: ':memory:' }
        : { kind: 'postgres', url: inject('databaseUrl') },
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    sessionDays: 30,
    seedDemo: false,
    ...overrides,
  };
}

export interface TestServer extends RunningServer {
  database: Database;
  /** fetch against the server with JSON in and out; `token` signs the request in. */
  api: (path: string, init?: ApiInit) => Promise<ApiResponse>;
}

export interface ApiInit {
  method?: string;
  token?: string;
  body?: unknown;
  /** Sent as is: for malformed-JSON tests. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience, each test asserts the shape it needs
  body: any;
}

/** A real server on a random loopback port, on real Postgres (fresh db per run) or in-memory PGlite. */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const config = testConfig(overrides);
  const database = await openDatabase(config.database);
  const running = await startServer(config, { database });
  const api = async (path: string, init: ApiInit = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.rawBody !== undefined) body = init.rawBody;
    else if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(`${running.url}${path}`, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  return {
    ...running,
    database,
    api,
    async stop() {
      await running.stop();
      await database.close();
    },
  };
}

/**
 * A database of its own on the test server, for suites whose assertions cover every row a user can see (an admin's
 * replica) and so must not share the run's database with files writing beside them.
 */
export async function createScratchDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(inject('databaseUrl'));
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
