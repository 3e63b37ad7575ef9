import { describe, expect, it } from 'vitest';
import { invalid } from './errors.ts';
import { cacheHeaders, nextCursor } from './headers.ts';
import { errorResponse, mustRefetchResponse } from './respond.ts';

const log = { error: () => {} };

describe('protocol responses', () => {
  it('C28 errors are no-store; a database outage is 503 with retry-after; other failures are a bare 500', async () => {
    const bad = errorResponse(invalid('offset', 'has invalid format'), log);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('cache-control')).toBe('no-store');
    expect(await bad.json()).toEqual({
      message: 'Invalid request',
      errors: { offset: ['has invalid format'] },
    });
    const down = errorResponse(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      log,
    );
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(down.headers.get('cache-control')).toBe('no-store');
    expect((await down.json()).code).toBe('database_unreachable');
    const shutdown = errorResponse(Object.assign(new Error('terminating'), { code: '57P01' }), log);
    expect(shutdown.status).toBe(503);
    const bug = errorResponse(new Error('secret detail'), log);
    expect(bug.status).toBe(500);
    expect(await bug.text()).not.toContain('secret');
  });

  it('C20 409 carries the new handle and a JSON must-refetch body; user shapes are cached privately', async () => {
    const r = mustRefetchResponse({ audience: 'service' } as never, 'h-2');
    expect(r.status).toBe(409);
    expect(r.headers.get('electric-handle')).toBe('h-2');
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(r.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
    expect(await r.json()).toEqual([{ headers: { control: 'must-refetch' } }]);
    expect(cacheHeaders('initial', { audience: 'service' })).toEqual({
      'cache-control': 'public, max-age=604800, s-maxage=3600, stale-while-revalidate=2629746',
    });
    expect(cacheHeaders('initial', { audience: 'user' })['cache-control']).toBe(
      'private, max-age=604800, stale-while-revalidate=2629746',
    );
  });

  it('a user shape’s non-live tail (it ends in up-to-date, its LSN is "now") is never stored by the browser', () => {
    // pglite-sync refreshes the other shapes after a change with the same URL each time; a cached tail would
    // answer with an old global_last_seen_lsn and hold the change back from the replica.
    expect(cacheHeaders('tail', { audience: 'user' })['cache-control']).toBe('no-store');
    expect(cacheHeaders('chunk', { audience: 'user' })['cache-control']).toBe(
      'private, max-age=60, stale-while-revalidate=300',
    );
    expect(cacheHeaders('tail', { audience: 'service' })['cache-control']).toBe(
      'public, max-age=60, stale-while-revalidate=300',
    );
  });

  it('C16 the cursor moves past the one sent, even within one 20 s window', () => {
    const now = Date.UTC(2026, 0, 1);
    const first = nextCursor(null, now);
    expect(Number(first) % 20).toBe(0);
    expect(Number(nextCursor(first, now))).toBeGreaterThan(Number(first));
    expect(nextCursor('', now)).toBe(first);
  });
});
