import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context.ts';
import { zodToDomain } from './errors.ts';

/** Every module's sub-app: validation failures become one 400 shape naming the fields. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const target = (result as { target?: string }).target;
        const prefix = target === 'json' ? '' : (target ?? '');
        throw zodToDomain(result.error, prefix === 'param' ? '' : prefix);
      }
    },
  });
}
