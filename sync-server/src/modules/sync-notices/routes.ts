import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '@mak/shared/errors';
import { newId } from '@mak/shared/ids';
import { accessPredicate } from '@mak/shared/permissions';
import { syncNotices } from '@mak/shared/schema';
import { and, asc, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { toDomainError } from '../../errors.ts';
import { requireAuth } from '../../middleware/authenticate.ts';
import { executeMutation, rejectionError } from '../../mutations/execute.ts';
import { createRouter } from '../../openapi.ts';
import { ErrorBody, IdParam, json, security, valid } from '../economy/http.ts';
import { errorResponses } from '../records/define-resource.ts';
import { afterCursor, decodeCursor, encodeCursor, parseSort, type SortSpec } from '../records/list-query.ts';
import { serializeRow } from '../records/serialize.ts';

const SyncNotice = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
    lastMutationId: z.string().nullable(),
    userId: z.string().openapi({ description: 'Always you: nobody reads another user’s notices' }),
    kind: z.string().openapi({
      description:
        '`overwritten`: a later edit replaced your value of `field`; `possible_duplicate`: a client you created ' +
        'shares a phone or e-mail with another',
    }),
    entity: z.string().openapi({ description: 'The table of the record concerned: clients, deals, …' }),
    entityId: z.string(),
    field: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()).openapi({
      description:
        'overwritten: yourValue, newValue, by, mutationId; possible_duplicate: otherClientId, matched',
    }),
    dismissedAt: z.string().nullable(),
    deletedAt: z.string().nullable(),
  })
  .openapi('SyncNotice');

const SORTS: Record<string, SortSpec> = {
  created_at: { expr: sql`${syncNotices.createdAt}`, type: 'timestamptz' },
};

const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional().openapi({ description: '`nextCursor` of the previous page' }),
  sort: z.string().max(64).optional().openapi({ description: '`created_at` or `-created_at` (default)' }),
  dismissed: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Only dismissed (`true`) or only undismissed (`false`) ones; both by default' }),
});

const IdempotencyKey = z.object({
  'idempotency-key': z.uuid().optional().openapi({
    description: 'A UUID naming this dismissal: a retry with the same key answers the first result',
  }),
});

const notFound = { 404: json(ErrorBody, 'No such notice of yours') };

/** The caller's own notices, whatever the role: the personal `sync_notices` scope (permissions/catalog.ts). */
function own(principal: Parameters<typeof accessPredicate>[0]): SQL {
  const predicate = accessPredicate(principal, 'sync_notices', 'read');
  if (!predicate) throw DomainError.forbidden('You may not read sync notices');
  return predicate;
}

/**
 * `GET /api/sync-notices`: the rows of the caller's `sync_notices` shape (their own, not deleted), for API clients
 * that do not sync; `POST /api/sync-notices/{id}/dismiss`: the `notice.dismiss` mutation, as a replica sends it.
 */
export function syncNoticeRoutes() {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/sync-notices',
      tags: ['Sync'],
      summary: 'List your sync notices (edits of yours overwritten, likely duplicates)',
      description:
        'The rows of your `sync_notices` sync shape: only ever your own notices, dismissed ones included unless ' +
        '`dismissed=false`. Newest first by default; pages of `limit` (≤ 200) with `cursor`.',
      security,
      request: { query: ListQuery },
      responses: {
        200: json(z.object({ items: z.array(SyncNotice), nextCursor: z.string().nullable() }), 'One page'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      const query = valid<z.infer<typeof ListQuery>>(c, 'query');
      const { desc: descending, spec: sort } = parseSort(query.sort, SORTS, '-created_at');
      const where: SQL[] = [own(principal), isNull(syncNotices.deletedAt) as SQL];
      if (query.dismissed)
        where.push(
          (query.dismissed === 'true'
            ? isNotNull(syncNotices.dismissedAt)
            : isNull(syncNotices.dismissedAt)) as SQL,
        );
      if (query.cursor)
        where.push(afterCursor(sort, descending, decodeCursor(query.cursor), sql`${syncNotices.id}`));
      const order = descending
        ? [desc(sort.expr), desc(syncNotices.id)]
        : [asc(sort.expr), asc(syncNotices.id)];
      const rows = await c.var.deps.database.db
        .select({ notice: syncNotices, sortKey: sql<string>`cast(${sort.expr} as text)` })
        .from(syncNotices)
        .where(and(...where))
        .orderBy(...order)
        .limit(query.limit + 1)
        .catch((err: unknown) => {
          // Cursors are opaque, not signed: a forged one the sort column cannot take is the client's error.
          if (query.cursor && toDomainError(err).code === 'validation')
            throw DomainError.validation('cursor', 'is not a cursor this API issued');
          throw err;
        });
      const more = rows.length > query.limit;
      const page = more ? rows.slice(0, query.limit) : rows;
      const last = page.at(-1);
      return c.json(
        {
          items: page.map((r) => serializeRow(r.notice) as z.infer<typeof SyncNotice>),
          nextCursor: more && last ? encodeCursor({ k: last.sortKey, id: last.notice.id }) : null,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/sync-notices/{id}/dismiss',
      tags: ['Sync'],
      summary: 'Dismiss one of your sync notices (on every device)',
      description:
        'Runs the `notice.dismiss` mutation (as `POST /api/mutations` does). Dismissing again keeps the first ' +
        '`dismissedAt`. Another user’s notice is 404, like an unknown id.',
      security,
      request: { params: IdParam, headers: IdempotencyKey },
      responses: {
        200: json(SyncNotice, 'The notice, dismissed'),
        ...errorResponses,
        ...notFound,
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const { id } = valid<{ id: string }>(c, 'param');
      const key = valid<{ 'idempotency-key'?: string }>(c, 'header')['idempotency-key'] ?? newId();
      const result = await executeMutation(c.var.deps, auth, {
        id: key,
        name: 'notice.dismiss',
        args: { id },
      });
      if (result.status === 'rejected') throw rejectionError(result);
      const [row] = await c.var.deps.database.db
        .select()
        .from(syncNotices)
        .where(and(eq(syncNotices.id, id), own(auth.principal)));
      if (!row) throw DomainError.notFound('notice');
      return c.json(serializeRow(row) as z.infer<typeof SyncNotice>, 200);
    },
  );

  return app;
}
