import { swaggerUI } from '@hono/swagger-ui';
import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '@mak/shared/errors';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Deps } from './context.ts';
import { errorResponse } from './errors.ts';
import { authenticate } from './middleware/authenticate.ts';
import { requestContext } from './middleware/request-context.ts';
import { auctionRoutes } from './modules/auction/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { clientRoutes } from './modules/clients/routes.ts';
import { contactRoutes } from './modules/contacts/routes.ts';
import { customFieldRoutes } from './modules/custom-fields/routes.ts';
import { dealRoutes } from './modules/deals/routes.ts';
import { distributionRoutes } from './modules/distribution/routes.ts';
import { economyListRoutes } from './modules/economy/list-routes.ts';
import { ledgerRoutes } from './modules/ledger/routes.ts';
import { noteRoutes } from './modules/notes/routes.ts';
import { partnerMemberRoutes } from './modules/partner-members/routes.ts';
import { partnerRoutes } from './modules/partners/routes.ts';
import { payoutRoutes } from './modules/payouts/routes.ts';
import { pipelineRoutes } from './modules/pipelines/routes.ts';
import { referralRoutes } from './modules/referrals/routes.ts';
import { roleRoutes } from './modules/roles/routes.ts';
import { segmentRoutes } from './modules/segments/routes.ts';
import { syncRoutes } from './modules/sync/routes.ts';
import { syncNoticeRoutes } from './modules/sync-notices/routes.ts';
import { taskRoutes } from './modules/tasks/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { webAppRoutes } from './modules/web-app/routes.ts';
import { mutationRoutes } from './mutations/routes.ts';
import { createRouter } from './openapi.ts';
import { shapeRoutes } from './sync/routes.ts';

export const API_VERSION = '0.1.0';
/** Large enough for any record with its custom fields; a 1 MB string is a mistake or an attack. */
export const MAX_BODY_BYTES = 256 * 1024;
const PUBLIC_API_PATHS = new Set([
  '/api/health',
  '/api/auth/login',
  '/api/openapi.json',
  '/api/docs',
  // The partner economy's anonymous forms (rate-limited): a referral lead, an invitation being accepted.
  '/api/referrals/leads',
  '/api/partner-invites/accept',
]);

export function buildApp(deps: Deps) {
  const app = createRouter();
  app.onError((err, c) => errorResponse(c, err));
  app.notFound((c) => errorResponse(c, DomainError.notFound(`Route ${c.req.method} ${c.req.path}`)));
  app.use('*', requestContext(deps));
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined }));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new DomainError('payload_too_large', `Request body is over ${MAX_BODY_BYTES} bytes`);
      },
    }),
  );
  app.use('/api/*', authenticate);
  // Sign-in comes before input validation, so an anonymous caller learns nothing about a route's schema.
  app.use('/api/*', async (c, next) => {
    if (!c.var.auth && !PUBLIC_API_PATHS.has(c.req.path))
      throw new DomainError('unauthenticated', 'Sign in first');
    await next();
  });

  const api = createRouter();
  api.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['System'],
      summary: 'Liveness and the database in use',
      responses: {
        200: {
          description: 'Up',
          content: {
            'application/json': {
              schema: z.object({
                status: z.literal('ok'),
                database: z.enum(['pglite', 'postgres']),
                redis: z.boolean(),
                version: z.string(),
                uptimeSeconds: z.number(),
              }),
            },
          },
        },
      },
    }),
    async (c) => {
      await deps.database.db.execute('select 1');
      return c.json(
        {
          status: 'ok' as const,
          database: deps.database.kind,
          redis: Boolean(deps.config.redisUrl),
          version: API_VERSION,
          uptimeSeconds: Math.round(process.uptime()),
        },
        200,
      );
    },
  );
  for (const module of [
    authRoutes(),
    clientRoutes(),
    contactRoutes(),
    dealRoutes(),
    pipelineRoutes(),
    taskRoutes(),
    noteRoutes(),
    segmentRoutes(),
    customFieldRoutes(),
    userRoutes(),
    roleRoutes(),
    partnerRoutes(),
    // The partner economy (issue 5).
    partnerMemberRoutes(),
    distributionRoutes(),
    auctionRoutes(),
    ledgerRoutes(),
    payoutRoutes(),
    referralRoutes(),
    economyListRoutes(),
    mutationRoutes(),
    syncRoutes(),
    syncNoticeRoutes(),
  ]) {
    api.route('/', module);
  }
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'cookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'mak_session',
  });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'MaK CRM API', version: API_VERSION, description: 'REST API of the MaK CRM sync-server.' },
    servers: [{ url: '/api' }],
  });
  api.get('/docs', swaggerUI({ url: '/api/openapi.json' }));
  app.route('/api', api);
  app.route('/', shapeRoutes());
  if (deps.config.webAppDir) app.route('/', webAppRoutes(deps.config.webAppDir));
  else app.get('/', (c) => c.redirect('/api/docs'));
  return app;
}

export type App = ReturnType<typeof buildApp>;
