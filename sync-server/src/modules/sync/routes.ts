import { createRoute, z } from '@hono/zod-openapi';
import { requireAuth } from '../../middleware/authenticate.ts';
import { createRouter } from '../../openapi.ts';
import { syncEngineOf } from '../../sync/engine.ts';
import { userShapesOf } from '../../sync/user-shapes.ts';
import { syncWaitRoutes } from '../../sync/wait-route.ts';
import { errorResponses } from '../records/define-resource.ts';

const ShapeInfo = z
  .object({
    name: z.string().openapi({ description: 'Pass as `table=<name>` to GET /v1/shape' }),
    table: z.string(),
    scope: z.enum(['own', 'partner', 'team', 'all']),
    primaryKey: z.array(z.string()),
    columns: z.array(z.string()),
    url: z.string().openapi({ example: '/v1/shape?table=clients' }),
  })
  .openapi('SyncShape');

/** The caller's named shapes: what their replica may sync over GET /v1/shape (Electric protocol, long poll). */
export function syncRoutes() {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/sync/shapes',
      tags: ['Sync'],
      summary: 'The shapes you may sync, with their tables and columns',
      description:
        'Sync a shape with an Electric client (`ShapeStream`, pglite-sync) at `GET /v1/shape?table=<name>` with ' +
        'your bearer token or session cookie. The server sets the rows (your role and scope; never soft-deleted ' +
        'ones) and the columns; `where`, `params` and `columns` in the query are refused.',
      security: [{ bearer: [] }, { cookie: [] }],
      responses: {
        200: {
          description: 'Your shapes',
          content: { 'application/json': { schema: z.object({ shapes: z.array(ShapeInfo) }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      const shapes = userShapesOf(principal);
      const rows = await syncEngineOf(c.var.deps).sql.query<{
        table: string;
        columns: string[];
        pk: string[];
      }>(
        `SELECT c.relname AS table,
                array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE NOT (a.attname = ANY (coalesce(sc.excluded, '{}')))) AS columns,
                coalesce((SELECT array_agg(pa.attname::text ORDER BY pa.attnum) FROM pg_index i JOIN pg_attribute pa
                          ON pa.attrelid = i.indrelid AND pa.attnum = ANY (i.indkey) WHERE i.indrelid = c.oid AND i.indisprimary),
                         '{}') AS pk
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         LEFT JOIN sync_captured sc ON sc.schema_name = 'public' AND sc.table_name = c.relname
         WHERE c.relname = ANY ($1::text[]) GROUP BY c.oid, c.relname`,
        [[...new Set(shapes.map((s) => s.spec.table))]],
      );
      const byTable = new Map(rows.map((r) => [r.table, r]));
      return c.json(
        {
          shapes: shapes.map(({ name, spec, scope }) => {
            const t = byTable.get(spec.table);
            const all = t?.columns ?? [];
            const columns = (spec.columns ? all.filter((col) => spec.columns?.includes(col)) : all).filter(
              (col) => !spec.omit.includes(col),
            );
            return {
              name,
              table: spec.table,
              scope,
              primaryKey: t?.pk ?? [],
              columns,
              url: `/v1/shape?table=${name}`,
            };
          }),
        },
        200,
      );
    },
  );
  app.route('/', syncWaitRoutes());
  return app;
}
