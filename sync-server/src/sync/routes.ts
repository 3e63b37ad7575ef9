import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { authenticate } from '../middleware/authenticate.ts';
import { resolveShapeDefinition, sameSecret, serviceDefinition } from './definition.ts';
import { syncEngineOf } from './engine.ts';
import { invalid, ShapeError, unauthorized } from './errors.ts';
import { corsHeaders, ERROR_CACHE, preflightHeaders } from './headers.ts';
import { parseShapeParams } from './params.ts';
import { proxyDelete, proxyHealth, proxyShape } from './proxy.ts';
import { ensureCaptured, rotateShapes } from './registry.ts';
import { errorResponse } from './respond.ts';
import { serveShape } from './serve.ts';

/**
 * ElectricSQL's HTTP Shape protocol (shared/design/electric-protocol.md): GET /v1/shape (snapshot, log, long poll),
 * DELETE /v1/shape, OPTIONS (CORS preflight) and GET /v1/health. Authentication: the Electric service secret, or a
 * user session (bearer or cookie) for the user's named shapes.
 */
export function shapeRoutes() {
  const app = new Hono<AppEnv>();

  app.use('/v1/*', async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: preflightHeaders(origin, c.req.header('access-control-request-headers')),
      });
    }
    await next();
    for (const [k, v] of Object.entries(corsHeaders(origin))) {
      if (k === 'vary' && c.res.headers.get('vary'))
        c.res.headers.set('vary', `${c.res.headers.get('vary')}, ${v}`);
      else c.res.headers.set(k, v);
    }
  });
  app.use('/v1/shape', authenticate);

  app.get('/v1/health', async (c) => {
    if (c.var.deps.config.electricUrl) return proxyHealth(c);
    try {
      await syncEngineOf(c.var.deps).sql.query('SELECT 1');
      return c.json({ status: 'active' }, 200, ERROR_CACHE);
    } catch {
      return c.json({ status: 'waiting' }, 503, { ...ERROR_CACHE, 'retry-after': '5' });
    }
  });

  app.get('/v1/shape', async (c) => {
    try {
      // Proxy mode (protocol §11): same route and auth, served by the real Electric at ELECTRIC_URL.
      if (c.var.deps.config.electricUrl) return await proxyShape(c);
      const params = parseShapeParams(new URL(c.req.url).searchParams);
      const def = await resolveShapeDefinition(c, params);
      return await serveShape({
        engine: syncEngineOf(c.var.deps),
        params,
        def,
        ifNoneMatch: c.req.header('if-none-match'),
        signal: c.req.raw.signal,
      });
    } catch (err) {
      return errorResponse(err, c.var.log);
    }
  });

  // Subset snapshots (POST) are not served (protocol §10.9): a 400, never a wrong 200 (C30).
  app.post('/v1/shape', (c) =>
    errorResponse(invalid('subset', 'subset snapshots (POST /v1/shape) are not supported'), c.var.log),
  );

  // Deleting a shape rotates it: its handle answers 409 from now on (C22). Service secret only.
  app.delete('/v1/shape', async (c) => {
    try {
      const q = new URL(c.req.url).searchParams;
      const secret = c.var.deps.config.electricSecret;
      const header = c.req.header('authorization');
      const given =
        q.get('secret') ??
        q.get('api_secret') ??
        (header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : null);
      if (!secret || !given || !sameSecret(given, secret))
        throw c.var.auth
          ? new ShapeError(403, { message: 'Only the service may delete shapes' })
          : unauthorized();
      const def = serviceDefinition({ ...parseDeleteParams(q), secret: given });
      if (c.var.deps.config.electricUrl) return await proxyDelete(c, def);
      const engine = syncEngineOf(c.var.deps);
      await ensureCaptured(engine.sql, def.schema, def.table);
      const handle = q.get('handle') || null;
      const n = await engine.sql.transaction({}, (tx) =>
        rotateShapes(tx, def.schema, def.table, handle, 'deleted'),
      );
      if (n === 0) throw new ShapeError(404, { message: 'No such shape' });
      return new Response(null, { status: 202, headers: ERROR_CACHE });
    } catch (err) {
      return errorResponse(err, c.var.log);
    }
  });

  return app;
}

function parseDeleteParams(q: URLSearchParams) {
  return {
    table: q.get('table'),
    offset: { kind: 'before-all' as const },
    handle: q.get('handle'),
    live: false,
    cursor: null,
    where: null,
    params: null,
    columns: null,
    replica: null,
  };
}
