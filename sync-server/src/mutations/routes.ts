import { createRoute, z } from '@hono/zod-openapi';
import { requireAuth } from '../middleware/authenticate.ts';
import { errorResponses } from '../modules/records/define-resource.ts';
import { createRouter } from '../openapi.ts';
import { executeMutation, type MutationResult } from './execute.ts';

export const MAX_BATCH = 100;

const Call = z.strictObject({
  id: z.uuid().openapi({ description: 'Client-made mutation id (UUID v7), the idempotency key' }),
  name: z.string().min(1).max(100).openapi({ example: 'client.update' }),
  args: z.unknown().openapi({ description: 'The mutation input, e.g. `{id, patch, base}` for an update' }),
});
const Batch = z.strictObject({ mutations: z.array(Call).min(1).max(MAX_BATCH) }).openapi('MutationBatch');

const Notice = z.object({
  kind: z.enum(['overwrote', 'possible_duplicate']),
  entity: z.string(),
  entityId: z.string(),
  field: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});
const Result = z
  .union([
    z.object({
      id: z.string(),
      status: z.literal('applied'),
      txid: z.number(),
      notices: z.array(Notice).optional(),
    }),
    z.object({
      id: z.string(),
      status: z.literal('rejected'),
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  ])
  .openapi('MutationResult');
type WireResult = z.infer<typeof Result>;

function toWire(r: MutationResult): WireResult {
  if (r.status === 'applied') {
    return { id: r.id, status: r.status, txid: r.txid, ...(r.notices ? { notices: r.notices } : {}) };
  }
  return {
    id: r.id,
    status: r.status,
    code: r.code,
    message: r.message,
    ...(r.fields ? { fields: r.fields } : {}),
  };
}

const security: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];
const route = createRoute({
  method: 'post',
  path: '/mutations',
  tags: ['Sync'],
  summary: 'Apply a batch of mutations from the offline outbox',
  description:
    'Applied one by one, in order, each in its own transaction and idempotent by `id`: a repeat answers the first ' +
    'result. `applied` carries the `txid` to await in the shape stream, and `notices` (an edit of someone else it ' +
    'overwrote, a likely duplicate). `rejected` is final: drop the optimistic change and show `message`. A 503 ' +
    'means the server could not write (database down): `results` holds the answers so far; retry the rest. ' +
    'The body limit applies to the whole batch; split large outboxes.',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: Batch } } } },
  responses: {
    200: {
      description: 'One result per mutation, in order',
      content: { 'application/json': { schema: z.object({ results: z.array(Result) }) } },
    },
    ...errorResponses,
    503: {
      description: 'Storage unavailable: retry from the first mutation without a result',
      content: {
        'application/json': {
          schema: z.object({
            code: z.string(),
            message: z.string(),
            results: z.array(Result),
            requestId: z.string(),
          }),
        },
      },
    },
  },
});

/** `POST /api/mutations`: the outbox's push endpoint (ARCHITECTURE §5). */
export function mutationRoutes() {
  const app = createRouter();
  app.openapi(route, async (c) => {
    const auth = requireAuth(c);
    const { mutations } = c.req.valid('json');
    const results: WireResult[] = [];
    for (const call of mutations) {
      const log = c.var.log.child({ mutationId: call.id, mutation: call.name });
      try {
        const result = await executeMutation(c.var.deps, auth, call);
        log.info(
          { status: result.status, ...(result.status === 'rejected' ? { code: result.code } : {}) },
          'mutation',
        );
        results.push(toWire(result));
      } catch (err) {
        log.error({ err }, 'mutation failed; batch stopped');
        return c.json(
          {
            code: 'internal',
            message: 'The server could not apply the mutations; retry the ones without a result',
            results,
            requestId: c.var.requestId,
          },
          503,
        );
      }
    }
    return c.json({ results }, 200);
  });
  return app;
}
