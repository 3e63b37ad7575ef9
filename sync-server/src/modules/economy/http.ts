import { z } from '@hono/zod-openapi';
import { errorResponses } from '../records/define-resource.ts';

export const security: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  reason: z.string().optional(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  requestId: z.string().optional(),
});

export const json = <T extends z.ZodTypeAny>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const body = <T extends z.ZodTypeAny>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** 400/401/403 plus the 404 and 409 every economy route can answer (409: a state or money rule refused it). */
export const economyErrors = {
  ...errorResponses,
  404: json(ErrorBody, 'No such record in your scope'),
  409: json(ErrorBody, 'Refused by a business rule; `reason` names it (insufficient_funds, lot_closed, …)'),
};

export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

/** Validated request parts (Hono's inference does not reach through the shared helpers). */
export function valid<T>(c: { req: { valid: unknown } }, target: 'json' | 'param' | 'query' | 'header'): T {
  return (c.req.valid as (t: string) => T)(target);
}
