import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { resolveShapeDefinition, type ShapeDefinition, sameSecret } from './definition.ts';
import { syncEngineOf } from './engine.ts';
import { invalid, ShapeError } from './errors.ts';
import { ERROR_CACHE } from './headers.ts';
import { parseShapeParams } from './params.ts';
import { resolveColumns } from './registry.ts';
import { quoteIdent } from './sql.ts';
import { loadTableInfo } from './table-info.ts';

/**
 * Proxy mode (protocol §11, C31): with ELECTRIC_URL set, /v1/shape is authorised here exactly as in our own mode and
 * then served by a real Electric. Only the protocol parameters travel from the client; the shape (table, where,
 * params, columns, replica) and the upstream's secret are set here; the body is streamed through unbuffered.
 */

/** `ELECTRIC_PROTOCOL_QUERY_PARAMS` (§2) minus `subset__*`, which we answer 400 to in both modes (C30). */
export const FORWARDED_PARAMS = [
  'live',
  'live_sse',
  'experimental_live_sse',
  'handle',
  'offset',
  'cursor',
  'expired_handle',
  'log',
  'cache-buster',
] as const;
const FORWARDED = new Set<string>(FORWARDED_PARAMS);
/** SSE is the upstream's to serve: accepted (as booleans) in proxy mode only. */
const SSE = ['live_sse', 'experimental_live_sse'];
/** Request headers the upstream may see: never the client's Authorization or Cookie. */
const REQUEST_HEADERS = ['accept', 'if-none-match', 'traceparent'];
/** Response headers not copied: the body is decoded and re-framed, hop-by-hop ones belong to the upstream hop. */
const DROPPED = new Set([
  'content-encoding',
  'content-length',
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'set-cookie',
]);
/** Waiting for the upstream's response headers (a long poll is held ~20 s upstream); the body has no limit. */
const HEADERS_TIMEOUT_MS = 60_000;

const upstreamDown = () =>
  new ShapeError(
    503,
    { code: 'upstream_unreachable', message: 'The sync service is unreachable' },
    { 'retry-after': '5' },
  );

function upstreamUrl(c: Context<AppEnv>, path: string, withSecret = true): URL {
  const base = c.var.deps.config.electricUrl ?? '';
  const url = new URL(`${base.replace(/\/+$/, '')}${path}`);
  const secret = c.var.deps.config.electricUpstreamSecret;
  if (secret && withSecret) url.searchParams.set('secret', secret);
  return url;
}

/** An identifier as a query value: bare when Postgres would read it back unchanged, else quoted. */
const ident = (name: string): string => (/^[a-z_][a-z0-9_$]*$/.test(name) ? name : quoteIdent(name));

/** True when the caller claims the service secret (resolveShapeDefinition answers 401 if the claim is wrong). */
function claimsServiceSecret(c: Context<AppEnv>, querySecret: string | null): boolean {
  if (querySecret !== null) return true;
  const secret = c.var.deps.config.electricSecret;
  const header = c.req.header('authorization');
  const token = header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : null;
  return Boolean(secret && token && sameSecret(token, secret));
}

/** The shape's columns as sent upstream: for user shapes always an explicit list, so secrets never travel. */
async function upstreamColumns(c: Context<AppEnv>, def: ShapeDefinition): Promise<string[] | null> {
  if (def.audience === 'service') return def.columns;
  const info = await loadTableInfo(syncEngineOf(c.var.deps).sql, def.schema, def.table);
  return resolveColumns(def, info);
}

async function callUpstream(c: Context<AppEnv>, url: URL, method: string): Promise<Response> {
  const headers: Record<string, string> = {};
  for (const name of REQUEST_HEADERS) {
    const v = c.req.header(name);
    if (v) headers[name] = v;
  }
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error('upstream timeout')), HEADERS_TIMEOUT_MS);
  try {
    // The client going away also ends the upstream request (a held long poll, a stream in progress).
    const signal = AbortSignal.any([timeout.signal, c.req.raw.signal]);
    return await fetch(url, { method, headers, signal, redirect: 'manual' });
  } catch (err) {
    c.var.log.warn({ err, url: url.origin }, 'electric upstream unreachable');
    throw upstreamDown();
  } finally {
    clearTimeout(timer);
  }
}

/** The upstream's answer, streamed: status and headers copied (minus DROPPED), CORS is added by the route. */
function relay(upstream: Response, def: ShapeDefinition | null): Response {
  const headers = new Headers();
  upstream.headers.forEach((value, name) => {
    if (!DROPPED.has(name) && !name.startsWith('access-control-')) headers.append(name, value);
  });
  if (def?.audience === 'user') {
    // Per-user shapes behind one URL: shared caches must key on the credentials, browsers keep them private.
    const vary = headers.get('vary');
    headers.set('vary', vary ? `${vary}, Authorization, Cookie` : 'Authorization, Cookie');
    const cache = headers.get('cache-control');
    if (cache) headers.set('cache-control', cache.replace('public', 'private').replace(/, s-maxage=\d+/, ''));
    // A non-live tail carries "now" as its global LSN: never stored (the reason is in headers.ts, CacheKind).
    if (headers.has('electric-up-to-date') && !headers.has('electric-cursor'))
      headers.set('cache-control', 'no-store');
  }
  const noBody = upstream.status === 204 || upstream.status === 304;
  return new Response(noBody ? null : upstream.body, { status: upstream.status, headers });
}

/** GET /v1/shape in proxy mode. */
export async function proxyShape(c: Context<AppEnv>): Promise<Response> {
  const query = new URL(c.req.url).searchParams;
  const own = new URLSearchParams(query);
  for (const name of SSE) {
    const v = own.get(name);
    if (v !== null && v !== 'true' && v !== 'false') throw invalid(name, 'must be a boolean');
    own.delete(name);
  }
  const parsed = parseShapeParams(own);
  // A user's shape is the server's: whatever where/params/columns/replica the client sent are not forwarded.
  const def = await resolveShapeDefinition(
    c,
    claimsServiceSecret(c, parsed.secret)
      ? parsed
      : { ...parsed, where: null, params: null, columns: null, replica: null },
  );
  const columns = await upstreamColumns(c, def);
  const url = upstreamUrl(c, '/v1/shape');
  for (const [name, value] of query) if (FORWARDED.has(name)) url.searchParams.append(name, value);
  url.searchParams.set(
    'table',
    def.schema === 'public' ? ident(def.table) : `${ident(def.schema)}.${ident(def.table)}`,
  );
  if (def.where !== null) {
    url.searchParams.set('where', def.where);
    def.params.forEach((v, i) => {
      url.searchParams.set(`params[${i + 1}]`, v);
    });
  }
  if (columns) url.searchParams.set('columns', columns.map(ident).join(','));
  url.searchParams.set('replica', def.replica);
  return relay(await callUpstream(c, url, 'GET'), def);
}

/** DELETE /v1/shape in proxy mode, after the route checked the service secret. */
export async function proxyDelete(c: Context<AppEnv>, def: ShapeDefinition): Promise<Response> {
  const url = upstreamUrl(c, '/v1/shape');
  url.searchParams.set('table', `${ident(def.schema)}.${ident(def.table)}`);
  const handle = c.req.query('handle');
  if (handle) url.searchParams.set('handle', handle);
  return relay(await callUpstream(c, url, 'DELETE'), null);
}

/** GET /v1/health in proxy mode: the upstream's own health (503 + retry-after when it cannot be reached). */
export async function proxyHealth(c: Context<AppEnv>): Promise<Response> {
  try {
    const upstream = await callUpstream(c, upstreamUrl(c, '/v1/health', false), 'GET');
    const body = await upstream.text();
    return new Response(body, {
      status: upstream.status,
      headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/json', ...ERROR_CACHE },
    });
  } catch {
    return new Response(JSON.stringify({ status: 'waiting' }), {
      status: 503,
      headers: { 'content-type': 'application/json', ...ERROR_CACHE, 'retry-after': '5' },
    });
  }
}
