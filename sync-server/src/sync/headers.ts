import type { ShapeDefinition } from './definition.ts';

/** Every header a browser client must be able to read (protocol §4.2, C27). */
export const EXPOSE_HEADERS =
  'electric-cursor,electric-handle,electric-has-data,electric-offset,electric-schema,electric-up-to-date,' +
  'electric-internal-known-error,retry-after';

/**
 * CORS for /v1/*: any origin may read shapes with a bearer token or the secret, but credentials (cookies) are not
 * allowed cross-origin, so another site cannot read a signed-in user's data through their browser.
 */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  return {
    'access-control-allow-origin': origin || '*',
    'access-control-expose-headers': EXPOSE_HEADERS,
    'access-control-allow-methods': 'GET, POST, HEAD, DELETE, OPTIONS',
    ...(origin ? { vary: 'Origin' } : {}),
  };
}

/** OPTIONS preflight (204): the client sends `authorization` and custom `headers` on every request. */
export function preflightHeaders(
  origin: string | undefined,
  requested: string | undefined,
): Record<string, string> {
  return {
    ...corsHeaders(origin),
    'access-control-allow-headers': requested || 'authorization, content-type, if-none-match, traceparent',
    'access-control-max-age': '86400',
  };
}

const CURSOR_EPOCH_S = Date.UTC(2024, 9, 9) / 1000;
const CURSOR_STEP_S = 20;

/** electric-cursor (protocol §6.3): changes between consecutive live polls, so caches never collapse them. */
export function nextCursor(previous: string | null, nowMs = Date.now()): string {
  let cursor = Math.ceil((nowMs / 1000 - CURSOR_EPOCH_S) / CURSOR_STEP_S) * CURSOR_STEP_S;
  const prev = previous && /^\d{1,15}$/.test(previous) ? Number(previous) : null;
  if (prev !== null && cursor <= prev) cursor = prev + 1 + Math.floor(Math.random() * 3600);
  return String(cursor);
}

/**
 * `tail`: a non-live answer that reaches the end of the log (it ends in up-to-date). Its `global_last_seen_lsn` is
 * "now", and pglite-sync's multi-shape commit waits until every shape reports an LSN at least as new as the latest
 * change: after a change on one shape it refreshes the others with the very same URL (`offset=<tx>_inf`, no cursor).
 * A browser that cached that URL for 60 s (Electric's chunk value) answers the refresh with the old LSN, and the
 * replica holds the change back until the cache expires. Per-user tails are therefore never stored.
 */
export type CacheKind = 'initial' | 'chunk' | 'tail' | 'live' | 'refetch';

const CACHE: Record<CacheKind, string> = {
  initial: 'public, max-age=604800, s-maxage=3600, stale-while-revalidate=2629746',
  chunk: 'public, max-age=60, stale-while-revalidate=300',
  tail: 'public, max-age=60, stale-while-revalidate=300',
  live: 'public, max-age=5, stale-while-revalidate=5',
  refetch: 'public, max-age=60, must-revalidate',
};

/** Electric's cache-control (protocol §7); a user's own shapes are private to their browser and vary by credentials. */
export function cacheHeaders(
  kind: CacheKind,
  def: Pick<ShapeDefinition, 'audience'>,
): Record<string, string> {
  if (def.audience === 'service') return { 'cache-control': CACHE[kind] };
  if (kind === 'tail') return { 'cache-control': 'no-store', vary: 'Origin, Authorization, Cookie' };
  return {
    'cache-control': CACHE[kind].replace('public', 'private').replace(/, s-maxage=\d+/, ''),
    vary: 'Origin, Authorization, Cookie',
  };
}

export const ERROR_CACHE = { 'cache-control': 'no-store', 'surrogate-control': 'no-store' };

/** JSON for a header value: ASCII only (column names may be Cyrillic). */
export const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
