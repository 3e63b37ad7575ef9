import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { rowsOf } from '../../platform/db.ts';
import { type ApiInit, type ApiResponse, startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeWorld, PASSWORD, type World } from '../../testing/world.ts';

/** Shared by bad-input.api.test.ts and bad-input-2.api.test.ts: the records the write routes point at, and
 * the helpers that check every refusal (error shape, status < 500, nothing written). The routes:
 * bad-input.routes.ts. */

export const MISSING_ID = '01900000-0000-7000-8000-000000000001';

export interface Fx {
  server: TestServer;
  w: World;
  tag: string;
  ids: Record<string, string>;
  budget: string;
  size: string;
}
// biome-ignore lint/style/noNonNullAssertion: set in beforeAll before any test body runs
export let fx: Fx = null!;
export type Body = Record<string, unknown>;
export type Kind = 'str' | 'num' | 'bool' | 'arr' | 'rec';
/** The wrong JSON type for each kind: a number for a string, a string for a number or boolean, an object for
 * an array, an array for an object. */
export const WRONG: Record<Kind, unknown> = {
  str: 12345,
  num: '12',
  bool: 'true',
  arr: { 0: 'x' },
  rec: ['x'],
};
export const INJECTIONS = [
  "'; drop table clients; --",
  "' or '1'='1",
  '$$; select pg_sleep(5); $$',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
];

export interface WriteRoute {
  label: string;
  method: 'POST' | 'PATCH';
  path: () => string;
  /** Table a rejected create must leave untouched: its rows with the world tag in `marker` are counted. */
  table?: string;
  marker?: string;
  body: () => Body;
  kinds: Record<string, Kind>;
  required: string[];
  /** A length-limited text field and its limit; 10 KB (or limit + 5000) must be refused naming it. */
  limited: [string, number];
  /** A free text field: NUL is refused, 1 MB is 413. */
  text: string;
  /** The record a rejected PATCH (or auth call) must leave unchanged, re-read with GET. */
  target?: () => string;
  reread?: () => string;
  anonymous?: boolean;
}

/** Every status the server answered in this file, checked at the end: never a 5xx. */
export const seen: { what: string; status: number }[] = [];

/** server.api that records the status and checks every error's shape. */
export async function call(path: string, init: ApiInit = {}): Promise<ApiResponse> {
  const big = (init.rawBody?.length ?? JSON.stringify(init.body ?? '').length) > 200_000;
  // The server answers 413 before reading the body and then drops the connection: do not reuse it.
  const headers = big ? { ...init.headers, connection: 'close' } : init.headers;
  const res = await fx.server.api(path, { ...init, headers });
  seen.push({ what: `${init.method ?? 'GET'} ${path}`, status: res.status });
  expect(res.status, `${init.method ?? 'GET'} ${path}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.body).toMatchObject({
      code: expect.any(String),
      message: expect.any(String),
      requestId: expect.any(String),
    });
  }
  return res;
}

/** Asserts the status and that `fields` names each expected field (query./header. prefixes aside). */
export function expectError(res: ApiResponse, status: number, fields: string[] = []) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  const named = ((res.body?.fields ?? []) as { field: string }[]).flatMap((f) => [
    f.field,
    f.field.replace(/^(query|header)\./, ''),
  ]);
  for (const f of fields) expect(named, `fields of ${JSON.stringify(res.body)}`).toContain(f);
}

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(await fx.server.database.db.execute(query));
  return Number(row?.n);
}

interface Snapshot {
  audit: number;
  rows: number;
  record: unknown;
}

/** What a rejected write must not change: the audit trail of this world's users and the target record, the
 * table's rows carrying the world tag, and the target as GET shows it (version and fields). */
async function snapshot(
  route: Pick<WriteRoute, 'table' | 'marker' | 'target' | 'reread'>,
): Promise<Snapshot> {
  const users = Object.values(fx.w).flatMap((u) =>
    typeof u === 'object' && u && 'id' in u ? [u.id as string] : [],
  );
  const target = route.target?.() ?? MISSING_ID;
  const audit = await count(
    sql`select count(*) as n from audit_log where row_id = ${target}::uuid or actor_id in (${sql.join(
      users.map((u) => sql`${u}::uuid`),
      sql`, `,
    )})`,
  );
  const marker = sql.identifier(route.marker ?? 'name');
  const rows = route.table
    ? await count(
        sql`select count(*) as n from ${sql.identifier(route.table)} where ${marker} like ${`%${fx.tag}%`}`,
      )
    : 0;
  const record = route.reread
    ? (await fx.server.api(route.reread(), { token: fx.w.admin.token })).body
    : null;
  return { audit, rows, record };
}

export interface Attempt extends ApiInit {
  path?: string;
  status: number;
  fields?: string[];
}

/** Sends a write that must be refused, then checks that nothing at all was written. */
export async function rejected(route: WriteRoute, attempt: Attempt): Promise<ApiResponse> {
  const before = await snapshot(route);
  const { path, status, fields, ...init } = attempt;
  const token = 'token' in attempt ? attempt.token : route.anonymous ? undefined : fx.w.admin.token;
  const res = await call(path ?? route.path(), { method: route.method, ...init, token });
  expectError(res, status, fields);
  const after = await snapshot(route);
  expect(after, `${route.label}: a rejected write changed data`).toEqual(before);
  return res;
}

export async function admin(method: string, path: string, body?: unknown): Promise<ApiResponse> {
  return call(path, { method, body, token: fx.w.admin.token });
}

async function made(path: string, body: Body): Promise<string> {
  const res = await admin('POST', path, body);
  expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(201);
  return res.body.id as string;
}

/** A fresh world and one record of every kind for PATCH targets and references. */
export async function setup(): Promise<Fx> {
  const server = await startTestServer();
  const w = await makeWorld(server.database.db);
  fx = { server, w, tag: w.tag, ids: {}, budget: `budget_${w.tag}`, size: `size_${w.tag}` };
  const ids = fx.ids;
  ids.me = w.admin.id;
  ids.salesA2 = w.salesA2.id;
  const field = (entity: string, key: string, type: string, options: string[] = []) =>
    made('/api/custom-fields', { entity, key, label: key, type, options });
  ids.budgetField = await field('clients', fx.budget, 'money');
  ids.sizeField = await field('clients', fx.size, 'select', ['s', 'm', 'l']);
  ids.customField = await field('deals', `cfp_${w.tag}`, 'select', ['a', 'b']);
  ids.pipeline = await made('/api/pipelines', { name: `Pipe ${w.tag} main` });
  ids.stage = await made('/api/stages', {
    pipelineId: ids.pipeline,
    name: `Stage ${w.tag} open`,
    position: 0,
  });
  ids.stage3 = await made('/api/stages', {
    pipelineId: ids.pipeline,
    name: `Stage ${w.tag} edit`,
    position: 1,
  });
  ids.wonStage = await made('/api/stages', {
    pipelineId: ids.pipeline,
    name: `Stage ${w.tag} won`,
    position: 9,
    isWon: true,
  });
  ids.pipeline2 = await made('/api/pipelines', { name: `Pipe ${w.tag} other` });
  ids.stage2 = await made('/api/stages', { pipelineId: ids.pipeline2, name: `Stage ${w.tag} other` });
  ids.client = await made('/api/clients', { name: `Client ${w.tag} main` });
  ids.deletedClient = await made('/api/clients', { name: `Client ${w.tag} deleted` });
  expect((await admin('DELETE', `/api/clients/${ids.deletedClient}`)).status).toBe(200);
  ids.contact = await made('/api/contacts', { clientId: ids.client, name: `Contact ${w.tag} main` });
  ids.deal = await made('/api/deals', {
    title: `Deal ${w.tag} main`,
    pipelineId: ids.pipeline,
    stageId: ids.stage,
  });
  ids.task = await made('/api/tasks', { title: `Task ${w.tag} main`, clientId: ids.client });
  ids.note = await made('/api/notes', { body: `Note ${w.tag} main`, clientId: ids.client });
  ids.segment = await made('/api/segments', { name: `Seg ${w.tag} main`, entity: 'clients' });
  ids.user = await made('/api/users', {
    email: `target.${w.tag}@test.mak`,
    name: 'Target',
    password: PASSWORD,
    role: 'sales',
  });
  ids.role = await made('/api/roles', { key: `r_${w.tag}_main`, name: `Role ${w.tag}`, permissions: [] });
  ids.team = await made('/api/teams', { name: `Team ${w.tag} main` });
  ids.partner = await made('/api/partners', { name: `Partner ${w.tag} main` });
  return fx;
}

/** Custom field definitions are global: remove this file's so no other suite meets them. */
export async function teardown(): Promise<void> {
  if (!fx) return;
  const rows = rowsOf<{ id: string }>(
    await fx.server.database.db.execute(
      sql`select id from custom_fields where key like ${`%${fx.tag}%`} and deleted_at is null`,
    ),
  );
  for (const { id } of rows)
    await fx.server.api(`/api/custom-fields/${id}`, { method: 'DELETE', token: fx.w.admin.token });
  await fx.server.stop();
}
