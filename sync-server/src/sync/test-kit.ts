import type { Config } from '../config.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { type SqlClient, sqlClientOf } from './sql.ts';

export const SECRET = 'test-electric-secret';
export const auth = { authorization: `Bearer ${SECRET}` };

export interface ShapeServer extends TestServer {
  sql: SqlClient;
}

/** A real server with the Electric service secret set, plus raw SQL on its database. */
export async function startShapeServer(overrides: Partial<Config> = {}): Promise<ShapeServer> {
  const server = await startTestServer({ electricSecret: SECRET, ...overrides });
  return Object.assign(server, { sql: sqlClientOf(server.database) });
}

// biome-ignore lint/suspicious/noExplicitAny: protocol values as the server sends them; tests assert shapes
type Loose = Record<string, any>;
export type Msg = { key?: string; value?: Loose; old_value?: Loose; headers: Loose };

export interface ShapeResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: body as parsed JSON
  body: any;
  handle: string | null;
  offset: string | null;
  upToDate: boolean;
}

/** GET /v1/shape?<query> with the raw headers. */
export async function shapeGet(
  url: string,
  query: Record<string, string>,
  headers: Record<string, string> = {},
  path = '/v1/shape',
): Promise<ShapeResponse> {
  const res = await fetch(`${url}${path}?${new URLSearchParams(query)}`, { headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // keep text
  }
  return {
    status: res.status,
    headers: res.headers,
    body,
    handle: res.headers.get('electric-handle'),
    offset: res.headers.get('electric-offset'),
    upToDate: res.headers.has('electric-up-to-date'),
  };
}

export interface Drained {
  handle: string;
  offset: string;
  messages: Msg[];
  requests: number;
  lastBody: Msg[];
}

/** Follows electric-offset from -1 (or a given point) until a response ends with up-to-date. */
export async function drain(
  url: string,
  query: Record<string, string>,
  headers: Record<string, string> = {},
  from?: { handle: string; offset: string },
): Promise<Drained> {
  let handle = from?.handle ?? '';
  let offset = from?.offset ?? '-1';
  const messages: Msg[] = [];
  for (let requests = 1; requests < 200; requests++) {
    const res = await shapeGet(url, { ...query, offset, ...(handle ? { handle } : {}) }, headers);
    if (res.status !== 200) throw new Error(`drain: ${res.status} ${JSON.stringify(res.body)}`);
    handle = res.handle as string;
    offset = res.offset as string;
    messages.push(...(res.body as Msg[]).filter((m) => !m.headers.control));
    if (res.upToDate) return { handle, offset, messages, requests, lastBody: res.body };
  }
  throw new Error('drain: never up to date');
}

/** Rows as a client holds them after applying `messages` (insert/update merge/delete by key). */
export function materialise(messages: Msg[], into = new Map<string, Record<string, unknown>>()) {
  for (const m of messages) {
    if (!m.key) continue;
    if (m.headers.operation === 'insert') into.set(m.key, { ...m.value });
    if (m.headers.operation === 'update') into.set(m.key, { ...into.get(m.key), ...m.value });
    if (m.headers.operation === 'delete') into.delete(m.key);
  }
  return into;
}

export async function waitFor<T>(probe: () => T | Promise<T>, timeoutMs = 5000, stepMs = 25): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
