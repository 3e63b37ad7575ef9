import { OpenAPIHono } from '@hono/zod-openapi';
import { DomainError } from '@mak/shared/errors';
import type { AppEnv } from './context.ts';
import { zodToDomain } from './errors.ts';

/** Path of the first string holding a NUL character: PostgreSQL cannot store one in text. */
function nulPath(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = nulPath(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return null;
}

/** Every module's sub-app: validation failures become one 400 shape naming the fields. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, _c) => {
      // Fields are named as the client wrote them (`name`, `limit`, `if-match`), whichever part of the request.
      const target = (result as { target?: string }).target;
      if (!result.success) throw zodToDomain(result.error);
      const nul = target === 'json' || target === 'query' ? nulPath(result.data) : null;
      if (nul) throw DomainError.validation(nul.join('.') || '(body)', 'must not contain NUL characters');
    },
  });
}
