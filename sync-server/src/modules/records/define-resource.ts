import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { DomainError } from '@mak/shared/errors';
import { newId } from '@mak/shared/ids';
import type { MutationName } from '@mak/shared/mutations';
import { type Action, accessPredicate, type Principal, type Resource } from '@mak/shared/permissions';
import { auditLog } from '@mak/shared/schema';
import {
  and,
  asc,
  desc as descOrder,
  eq,
  getTableColumns,
  isNotNull,
  isNull,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { AppEnv, AuthState } from '../../context.ts';
import { toDomainError } from '../../errors.ts';
import { requireAuth } from '../../middleware/authenticate.ts';
import { executeMutation, rejectionError } from '../../mutations/execute.ts';
import { createRouter } from '../../openapi.ts';
import type { Queryable, Tx } from '../../platform/db.ts';
import {
  afterCursor,
  decodeCursor,
  encodeCursor,
  ListQueryBase,
  parseSort,
  type SortSpec,
  searchPredicate,
} from './list-query.ts';
import { serializeRow } from './serialize.ts';
import {
  type RecordAccess,
  serverOnlyCreate,
  serverOnlySetDeleted,
  serverOnlyUpdate,
} from './server-only-writes.ts';

type Row = Record<string, unknown>;
type RecordTable = PgTable & {
  id: PgColumn;
  version: PgColumn;
  deletedAt: PgColumn;
  search?: PgColumn;
  searchText?: PgColumn;
};

export interface WriteContext {
  tx: Tx;
  principal: Principal;
}

export interface ResourceSpec<C extends z.ZodTypeAny, P extends z.ZodTypeAny, F extends z.ZodRawShape> {
  resource: Resource;
  /** Path segment under /api and the audit log's table name. */
  name: string;
  tag: string;
  table: RecordTable;
  Row: z.ZodTypeAny;
  Create: C;
  Patch: P;
  /** Resource-specific list filters, parsed from the query string. */
  filters: F;
  applyFilters(f: z.infer<z.ZodObject<F>>): SQL[];
  sorts: Record<string, SortSpec>;
  defaultSort: string;
  /**
   * The mutations behind create, update, delete and restore (shared/src/mutations): the one write path, shared
   * with POST /api/mutations. Without them (users: argon2 hashing is server-only) the prepare hooks below apply.
   */
  mutations?: { create: MutationName; update: MutationName; delete: MutationName; restore: MutationName };
  /** Server-only write path (users): turns validated input into column values. */
  prepareCreate?(input: z.infer<C>, ctx: WriteContext): Promise<Row>;
  preparePatch?(patch: z.infer<P>, existing: Row, ctx: WriteContext): Promise<Row>;
  /** Columns never sent out (password hashes, TOTP secrets). */
  hidden?: string[];
  /** Runs in the write transaction after a soft delete (e.g. ending a deactivated user's sessions). */
  afterDelete?(id: string, ctx: WriteContext): Promise<void>;
}

const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const IfMatch = z.object({
  'if-match': z.string().max(40).optional().openapi({
    description: 'Version the edit is based on (ETag of GET); 409 when the record has moved on.',
  }),
});
const IdempotencyKey = z.object({
  'idempotency-key': z
    .uuid()
    .optional()
    .openapi({
      description:
        'A UUID naming this write: a retry with the same key answers the first result (or refusal) ' +
        'instead of writing twice. It becomes the id of the mutation the write runs as.',
    }),
});
const ErrorBody = z
  .object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  })
  .openapi('Error');
const HistoryEntry = z
  .object({
    id: z.number(),
    action: z.enum(['create', 'update', 'delete', 'restore', 'purge']),
    actorId: z.string().nullable(),
    at: z.string(),
    diff: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
  })
  .openapi('HistoryEntry');

export const errorResponses = {
  400: {
    description: 'Invalid input; `fields` names each failing field',
    content: { 'application/json': { schema: ErrorBody } },
  },
  401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorBody } } },
  403: {
    description: 'Not allowed for this role or scope',
    content: { 'application/json': { schema: ErrorBody } },
  },
};
const notFound = {
  404: {
    description: 'No such record in your scope',
    content: { 'application/json': { schema: ErrorBody } },
  },
};
const conflict = {
  409: { description: 'Stale version or duplicate', content: { 'application/json': { schema: ErrorBody } } },
};
const tooLarge = {
  413: { description: 'Body too large', content: { 'application/json': { schema: ErrorBody } } },
};

/** Validated request parts; the route generics are too wide for Hono's inference inside this factory. */
function valid<T>(c: { req: { valid: unknown } }, target: 'json' | 'param' | 'query' | 'header'): T {
  return (c.req.valid as (t: string) => T)(target);
}

function parseExpectedVersion(header: string | undefined, bodyVersion: unknown): number | null {
  if (typeof bodyVersion === 'number') return bodyVersion;
  if (!header) return null;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m) throw DomainError.validation('if-match', 'must be a version number, e.g. "3"');
  return Number(m[1]);
}

/**
 * The REST surface of one record type: list (cursor, filters, sort, q), get, create, update (optimistic
 * concurrency), soft delete, restore and history. Authorization is one predicate per action from
 * shared/permissions, applied to reads and re-checked on the written row inside the transaction, so a write can
 * neither touch nor produce a record outside the caller's scope.
 */
export function defineResource<C extends z.ZodTypeAny, P extends z.ZodTypeAny, F extends z.ZodRawShape>(
  spec: ResourceSpec<C, P, F>,
): OpenAPIHono<AppEnv> {
  const app = createRouter();
  const { table, resource, name } = spec;
  const { search, searchText, ...allColumns } = getTableColumns(table) as Record<string, PgColumn>;
  const visibleColumns = Object.fromEntries(
    Object.entries(allColumns).filter(([key]) => !spec.hidden?.includes(key)),
  ) as Record<string, PgColumn>;
  const idCol = table.id;
  const security: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];
  const ListQuery = ListQueryBase.extend(spec.filters);
  const ListResult = z.object({ items: z.array(spec.Row), nextCursor: z.string().nullable() });

  function must(principal: Principal, action: Action): SQL {
    const predicate = accessPredicate(principal, resource, action);
    if (!predicate) throw DomainError.forbidden(`Your role may not ${action} ${name}`);
    return predicate;
  }

  async function findVisible(
    tx: Queryable,
    principal: Principal,
    id: string,
    deleted: boolean,
  ): Promise<Row> {
    const readable = must(principal, 'read');
    const [row] = await tx
      .select(visibleColumns)
      .from(table)
      .where(and(eq(idCol, id), deleted ? isNotNull(table.deletedAt) : isNull(table.deletedAt), readable));
    if (!row) throw DomainError.notFound(resource);
    return row;
  }

  async function assertInScope(tx: Tx, id: string, predicate: SQL, message: string): Promise<void> {
    const [hit] = await tx
      .select({ id: idCol })
      .from(table)
      .where(and(eq(idCol, id), predicate));
    if (!hit) throw DomainError.forbidden(message);
  }

  const access: RecordAccess = { spec, visibleColumns, must, findVisible, assertInScope };
  const writeHeaders = spec.mutations ? { headers: IdempotencyKey } : {};

  /** A write through the mutation executor, answered with the record as it now is. */
  async function viaMutation(
    c: { var: AppEnv['Variables']; req: { valid: unknown } },
    auth: AuthState,
    name: MutationName,
    args: unknown,
    expectedVersion?: number,
  ): Promise<Row> {
    const id = valid<{ 'idempotency-key'?: string }>(c, 'header')['idempotency-key'] ?? newId();
    const result = await executeMutation(c.var.deps, auth, { id, name, args, expectedVersion });
    if (result.status === 'rejected') throw rejectionError(result);
    const [row] = await c.var.deps.database.db
      .select(visibleColumns)
      .from(table)
      .where(eq(idCol, result.entityId));
    if (!row) throw DomainError.notFound(resource);
    return row;
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: `/${name}`,
      tags: [spec.tag],
      summary: `List ${name}`,
      security,
      request: { query: ListQuery },
      responses: {
        200: { description: 'One page', content: { 'application/json': { schema: ListResult } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      const query = valid<z.infer<typeof ListQueryBase> & z.infer<z.ZodObject<F>>>(c, 'query');
      const { desc, spec: sort } = parseSort(query.sort, spec.sorts, spec.defaultSort);
      const where: SQL[] = [must(principal, 'read'), ...spec.applyFilters(query)];
      if (query.deleted === 'exclude') where.push(isNull(table.deletedAt) as SQL);
      if (query.deleted === 'only') where.push(isNotNull(table.deletedAt) as SQL);
      if (query.q) {
        if (!search || !searchText) throw DomainError.validation('q', `${name} cannot be searched`);
        where.push(searchPredicate(query.q, sql`${search}`, sql`${searchText}`));
      }
      if (query.cursor) where.push(afterCursor(sort, desc, decodeCursor(query.cursor), sql`${idCol}`));
      const order = desc ? [descOrder(sort.expr), descOrder(idCol)] : [asc(sort.expr), asc(idCol)];
      const rows = await c.var.deps.database.db
        .select({ ...visibleColumns, __sortKey: sql<string>`cast(${sort.expr} as text)` })
        .from(table)
        .where(and(...where))
        .orderBy(...order)
        .limit(query.limit + 1)
        .catch((err: unknown) => {
          // Cursors are opaque, not signed: a forged one whose key the sort column cannot take is the client's error.
          if (query.cursor && toDomainError(err).code === 'validation') {
            throw DomainError.validation('cursor', 'is not a cursor this API issued');
          }
          throw err;
        });
      const more = rows.length > query.limit;
      const page = more ? rows.slice(0, query.limit) : rows;
      const last = page.at(-1);
      const items = page.map(({ __sortKey, ...rest }) => serializeRow(rest));
      return c.json(
        {
          items,
          nextCursor: more && last ? encodeCursor({ k: last.__sortKey, id: String((last as Row).id) }) : null,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `/${name}/{id}`,
      tags: [spec.tag],
      summary: `Get one of ${name}`,
      security,
      request: { params: IdParam },
      responses: {
        200: { description: 'The record', content: { 'application/json': { schema: spec.Row } } },
        ...errorResponses,
        ...notFound,
      },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      const { id } = valid<{ id: string }>(c, 'param');
      const row = await findVisible(c.var.deps.database.db, principal, id, false);
      c.header('etag', `"${row.version}"`);
      return c.json(serializeRow(row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `/${name}`,
      tags: [spec.tag],
      summary: `Create one of ${name}`,
      security,
      request: {
        ...writeHeaders,
        body: { required: true, content: { 'application/json': { schema: spec.Create } } },
      },
      responses: {
        201: { description: 'Created', content: { 'application/json': { schema: spec.Row } } },
        ...errorResponses,
        ...conflict,
        ...tooLarge,
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const input = valid<z.infer<C>>(c, 'json');
      const row = spec.mutations
        ? await viaMutation(c, auth, spec.mutations.create, input)
        : await serverOnlyCreate(c.var.deps.database.db, auth, access, input as Row);
      c.header('etag', `"${row.version}"`);
      return c.json(serializeRow(row), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: `/${name}/{id}`,
      tags: [spec.tag],
      summary: `Update one of ${name}`,
      description:
        'Send the version you edited as `If-Match` or as `version` in the body; a stale one answers 409.',
      security,
      request: {
        params: IdParam,
        headers: spec.mutations ? IfMatch.extend(IdempotencyKey.shape) : IfMatch,
        body: { required: true, content: { 'application/json': { schema: spec.Patch } } },
      },
      responses: {
        200: { description: 'Updated', content: { 'application/json': { schema: spec.Row } } },
        ...errorResponses,
        ...notFound,
        ...conflict,
        ...tooLarge,
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const { id } = valid<{ id: string }>(c, 'param');
      const { version, ...patch } = valid<z.infer<P> & { version?: number }>(c, 'json');
      const expected = parseExpectedVersion(valid<{ 'if-match'?: string }>(c, 'header')['if-match'], version);
      const row = spec.mutations
        ? await viaMutation(c, auth, spec.mutations.update, { id, patch }, expected ?? undefined)
        : await serverOnlyUpdate(c.var.deps.database.db, auth, access, id, patch, expected);
      c.header('etag', `"${row.version}"`);
      return c.json(serializeRow(row), 200);
    },
  );

  const setDeleted = (action: 'delete' | 'restore') =>
    createRoute({
      method: action === 'delete' ? 'delete' : 'post',
      path: action === 'delete' ? `/${name}/{id}` : `/${name}/{id}/restore`,
      tags: [spec.tag],
      summary:
        action === 'delete' ? `Delete one of ${name} (restorable)` : `Restore a deleted one of ${name}`,
      security,
      request: { params: IdParam, ...writeHeaders },
      responses: {
        200: { description: 'Done', content: { 'application/json': { schema: spec.Row } } },
        ...errorResponses,
        ...notFound,
      },
    });

  for (const action of ['delete', 'restore'] as const) {
    app.openapi(setDeleted(action), async (c) => {
      const auth = requireAuth(c);
      const { id } = valid<{ id: string }>(c, 'param');
      const row = spec.mutations
        ? await viaMutation(c, auth, spec.mutations[action], { id })
        : await serverOnlySetDeleted(c.var.deps.database.db, auth, access, id, action);
      return c.json(serializeRow(row), 200);
    });
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: `/${name}/{id}/history`,
      tags: [spec.tag],
      summary: `Change history of one of ${name}`,
      security,
      request: { params: IdParam },
      responses: {
        200: {
          description: 'Oldest first',
          content: { 'application/json': { schema: z.object({ items: z.array(HistoryEntry) }) } },
        },
        ...errorResponses,
        ...notFound,
      },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      const { id } = valid<{ id: string }>(c, 'param');
      const db = c.var.deps.database.db;
      const [visible] = await db
        .select({ id: idCol })
        .from(table)
        .where(and(eq(idCol, id), must(principal, 'read')));
      if (!visible) throw DomainError.notFound(resource);
      const items = await db
        .select({
          id: auditLog.id,
          action: auditLog.action,
          actorId: auditLog.actorId,
          at: auditLog.at,
          diff: auditLog.diff,
        })
        .from(auditLog)
        .where(and(eq(auditLog.tableName, name.replace(/-/g, '_')), eq(auditLog.rowId, id)))
        .orderBy(asc(auditLog.id));
      return c.json({ items: items.map(serializeRow) as z.infer<typeof HistoryEntry>[] }, 200);
    },
  );

  return app;
}
