import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { invalid, ShapeError, unauthorized } from './errors.ts';
import { parseTableName } from './identifiers.ts';
import type { ShapeParams } from './params.ts';
import { userShapeDefinition } from './user-shapes.ts';
import { checkWhere } from './where.ts';

/** What a shape is: one table, a row filter, a column list. Everything the server serves is derived from this. */
export interface ShapeDefinition {
  schema: string;
  table: string;
  /** Boolean SQL over the table's columns with `$1…$n` placeholders; null = every row. */
  where: string | null;
  params: string[];
  /** null = every captured column. */
  columns: string[] | null;
  /** Left out of `columns ?? all captured` (user shapes: search vectors). */
  omit: string[];
  replica: 'default' | 'full';
  /** `user` shapes are per caller: cached privately and re-resolved when their inputs change. */
  audience: 'service' | 'user';
  /** Tables (`schema.table`) whose changes can change this definition (team members, visible clients…). */
  dependsOn: string[];
  /** A fresh definition for the same caller (after dependsOn changed during a long poll). */
  refresh?: () => Promise<ShapeDefinition>;
}

/** Identity of a definition: equal hashes share one handle, a different hash means 409 for the old handle. */
export function definitionHash(d: ShapeDefinition): string {
  const key = JSON.stringify([d.schema, d.table, d.where, d.params, d.columns, d.omit, d.replica]);
  return createHash('sha256').update(key).digest('hex');
}

export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function bearer(c: Context<AppEnv>): string | null {
  const header = c.req.header('authorization');
  return header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : null;
}

/** Service-secret callers: the client's table, where, params, columns and replica are honoured (drop-in Electric). */
export function serviceDefinition(p: ShapeParams): ShapeDefinition {
  if (!p.table) throw invalid('table', "can't be blank");
  const name = parseTableName(p.table);
  if (!name) throw invalid('table', 'is not a valid table name');
  const params = p.params ?? [];
  if (p.where !== null) {
    const { maxParam } = checkWhere(p.where);
    if (maxParam !== params.length) {
      throw invalid('params', `the where uses ${maxParam} parameter(s) but ${params.length} were given`);
    }
  }
  return {
    schema: name[0],
    table: name[1],
    where: p.where,
    params,
    columns: p.columns,
    omit: [],
    replica: p.replica ?? 'default',
    audience: 'service',
    dependsOn: [],
  };
}

/**
 * The shape a request asks for, after authentication: with the Electric service secret (query `secret` /
 * `api_secret` or `Authorization: Bearer <secret>`) the client's definition; with a user session the server's
 * definition of the named shape, never widened by the query. This is the one function a proxy to a real Electric
 * needs too: it turns the result into `table`/`where`/`params[n]`/`columns`/`replica` query parameters.
 */
export async function resolveShapeDefinition(c: Context<AppEnv>, p: ShapeParams): Promise<ShapeDefinition> {
  const { config } = c.var.deps;
  const token = bearer(c);
  if (config.electricSecret) {
    if (p.secret !== null) {
      if (!sameSecret(p.secret, config.electricSecret)) throw unauthorized();
      return serviceDefinition(p);
    }
    if (token && sameSecret(token, config.electricSecret)) return serviceDefinition(p);
  } else if (p.secret !== null) {
    throw unauthorized();
  }
  const auth = c.var.auth;
  if (!auth) throw new ShapeError(401, { message: 'Sign in first' });
  return userShapeDefinition(c, auth, p);
}
