import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '@mak/shared/errors';
import type { Context } from 'hono';
import type { AppEnv, AuthState } from '../context.ts';
import { requireAuth } from '../middleware/authenticate.ts';
import { errorResponses } from '../modules/records/define-resource.ts';
import { createRouter } from '../openapi.ts';
import type { ShapeDefinition } from './definition.ts';
import { syncEngineOf } from './engine.ts';
import { ShapeError } from './errors.ts';
import { BEFORE_ALL, parseOffset } from './offset.ts';
import type { ShapeParams } from './params.ts';
import { USER_SHAPES, userShapeDefinition } from './user-shapes.ts';
import { type ReadableDefinitions, waitForShapes } from './wait.ts';

const WaitBody = z
  .strictObject({
    shapes: z
      .array(
        z.strictObject({
          handle: z.string().min(1).max(200).openapi({ description: 'electric-handle of the shape' }),
          offset: z
            .string()
            .refine((o) => parseOffset(o) !== null, 'must be a shape offset: -1 or <tx>_<op>')
            .openapi({ description: 'the offset the live request would ask from', example: '1234_0' }),
        }),
      )
      .min(1)
      .max(64),
  })
  .openapi('SyncWaitRequest');

const WaitAnswer = z
  .object({
    ready: z.array(z.string()).openapi({ description: 'Handles whose live request would answer now' }),
  })
  .openapi('SyncWaitResponse');

const nameParams = (table: string): ShapeParams => ({
  table,
  offset: BEFORE_ALL,
  handle: null,
  live: false,
  cursor: null,
  where: null,
  params: null,
  columns: null,
  replica: null,
  secret: null,
});

/** A 403 (the role may not read that shape) leaves it out; anything else (401: the session ended) is the answer. */
async function unlessForbidden(resolve: () => Promise<ShapeDefinition>): Promise<ShapeDefinition[]> {
  try {
    return [await resolve()];
  } catch (err) {
    if (err instanceof ShapeError && err.status === 403) return [];
    throw err;
  }
}

/**
 * The caller's named shapes on the given tables, as GET /v1/shape would resolve them; later calls re-resolve
 * those with the session read again, so a role or team change during the wait marks their handles ready.
 */
function readableFor(c: Context<AppEnv>, auth: AuthState): ReadableDefinitions {
  let known: ShapeDefinition[] | null = null;
  return async (tables) => {
    const next: ShapeDefinition[] = [];
    if (known === null) {
      for (const [name, spec] of Object.entries(USER_SHAPES)) {
        if (tables.has(`public.${spec.table}`))
          next.push(...(await unlessForbidden(() => userShapeDefinition(c, auth, nameParams(name)))));
      }
    } else {
      for (const d of known) if (d.refresh) next.push(...(await unlessForbidden(d.refresh)));
    }
    known = next;
    return next;
  };
}

function shapeErrorToDomain(err: unknown): unknown {
  if (!(err instanceof ShapeError)) return err;
  const message = err.message;
  if (err.status === 401) return new DomainError('unauthenticated', message);
  if (err.status === 403) return new DomainError('forbidden', message);
  return err;
}

const security: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];

const route = createRoute({
  method: 'post',
  path: '/sync/wait',
  tags: ['Sync'],
  summary: 'Wait until any of your shapes has news (one long poll for many shapes)',
  description:
    'Send the handle and offset of each shape whose `GET /v1/shape?live=true` you would hold. The answer ' +
    'lists the handles whose live request would answer at once: new changes past the offset, or a handle ' +
    'that is unknown, rotated, at a snapshot offset or not yours (its real request then answers as usual). ' +
    'It answers as soon as one is ready, else after about 20 s with `ready: []`. No data is served here.',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: WaitBody } } } },
  responses: {
    200: { description: 'Ready handles', content: { 'application/json': { schema: WaitAnswer } } },
    ...errorResponses,
    404: {
      description: 'Shapes are served by a real Electric (ELECTRIC_URL): hold plain long polls',
      content: { 'application/json': { schema: z.object({ code: z.string(), message: z.string() }) } },
    },
  },
});

/**
 * POST /api/sync/wait: one request that waits for many shapes' long polls, so a browser on HTTP/1.1 (6 connections
 * per origin) holds one long poll instead of one per shape. It answers which handles have news; the client then
 * sends those shapes' real live requests, which answer at once and do their own authorisation.
 */
export function syncWaitRoutes() {
  const app = createRouter();
  app.openapi(route, async (c) => {
    const auth = requireAuth(c);
    // Behind a real Electric the handles are not ours to judge: 404 tells the client to hold plain long polls.
    if (c.var.deps.config.electricUrl)
      throw new DomainError('not_found', 'Shapes are served by Electric here: hold plain long polls');
    const { shapes } = c.req.valid('json');
    try {
      const ready = await waitForShapes({
        engine: syncEngineOf(c.var.deps),
        targets: shapes,
        readable: readableFor(c, auth),
        signal: c.req.raw.signal,
      });
      return c.json({ ready }, 200, { 'cache-control': 'no-store' });
    } catch (err) {
      throw shapeErrorToDomain(err);
    }
  });
  return app;
}
