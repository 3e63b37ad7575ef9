import type { ShapeDefinition } from './definition.ts';
import { ShapeError } from './errors.ts';
import { asciiJson, type CacheKind, cacheHeaders, ERROR_CACHE, nextCursor } from './headers.ts';
import { MUST_REFETCH } from './messages.ts';
import type { ShapeParams } from './params.ts';
import { sqlState } from './sql.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

export interface ShapeBody {
  /** The JSON array, already serialised (snapshot chunks come from the database as text). */
  body: string;
  handle: string;
  requestOffset: string;
  offset: string;
  upToDate: boolean;
  hasData: boolean;
  /** electric-schema JSON (sent on non-live responses only). */
  schema: string;
  cache: CacheKind;
  /** Same bytes for the same (handle, offset): the etag can be revalidated (snapshot chunks). */
  stable: boolean;
}

/** A 200 with the protocol headers (§4.2): handle, offset, schema (non-live), cursor (live), up-to-date, etag. */
export function shapeResponse(
  p: ShapeParams,
  def: ShapeDefinition,
  r: ShapeBody,
  ifNoneMatch?: string,
): Response {
  const etag = `"${r.handle}:${r.requestOffset}:${r.offset}${r.stable ? '' : `:${process.hrtime.bigint()}`}"`;
  const headers: Record<string, string> = {
    'content-type': JSON_TYPE,
    'electric-handle': r.handle,
    'electric-offset': r.offset,
    'electric-has-data': String(r.hasData),
    etag,
    ...cacheHeaders(p.live ? 'live' : r.cache, def),
  };
  if (p.live) headers['electric-cursor'] = nextCursor(p.cursor);
  else headers['electric-schema'] = asciiJson(JSON.parse(r.schema));
  if (r.upToDate) headers['electric-up-to-date'] = '';
  if (r.stable && ifNoneMatch === etag) return new Response(null, { status: 304, headers });
  return new Response(r.body, { status: 200, headers });
}

/** 409 must-refetch with the handle to refetch from (C20): body and content-type as pglite-sync 0.6.1 needs. */
export function mustRefetchResponse(def: ShapeDefinition, handle: string): Response {
  return new Response(JSON.stringify(MUST_REFETCH), {
    status: 409,
    headers: { 'content-type': JSON_TYPE, 'electric-handle': handle, ...cacheHeaders('refetch', def) },
  });
}

/** Errors as Electric sends them (JSON, no-store, C28); a database outage is a 503 the client retries. */
export function errorResponse(err: unknown, log: { error: (o: object, msg: string) => void }): Response {
  let e: ShapeError;
  if (err instanceof ShapeError) e = err;
  else if (isUnreachable(err)) {
    e = new ShapeError(
      503,
      { code: 'database_unreachable', message: 'Database is unreachable' },
      { 'retry-after': '5' },
    );
  } else {
    log.error({ err }, 'shape request failed');
    return new Response(JSON.stringify({ message: 'Internal error' }), {
      status: 500,
      headers: { 'content-type': JSON_TYPE, ...ERROR_CACHE },
    });
  }
  const headers: Record<string, string> = { 'content-type': JSON_TYPE, ...ERROR_CACHE, ...e.headers };
  if (e.status === 503 && !headers['retry-after']) headers['retry-after'] = '5';
  return new Response(JSON.stringify(e.body), { status: e.status, headers });
}

function isUnreachable(err: unknown): boolean {
  const state = sqlState(err);
  if (state?.startsWith('08') || state === '57P01' || state === '57P03') return true;
  const code = (err as { code?: unknown; cause?: { code?: unknown } } | null)?.code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    /Connection terminated/.test(String((err as Error)?.message))
  );
}
