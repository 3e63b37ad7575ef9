import { newId } from '@mak/shared/ids';
import { type SQL, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { rowsOf } from '../platform/db.ts';
import type { ApiResponse, TestServer } from '../testing/harness.ts';

/** Helpers for the mutation suites: send a batch, read rows behind the API's back. */

// biome-ignore lint/suspicious/noExplicitAny: results and rows as the server answers them
export type Any = any;

export interface Call {
  id?: string;
  name: string;
  args: unknown;
}

export function mutationClient(server: () => TestServer) {
  /** POST /api/mutations; each call gets a fresh id unless it names one. */
  const push = (token: string, calls: Call[]): Promise<ApiResponse> =>
    server().api('/api/mutations', {
      method: 'POST',
      token,
      body: { mutations: calls.map((c) => ({ id: c.id ?? newId(), name: c.name, args: c.args })) },
    });

  /** One mutation, expected to come back 200 with one result. */
  const one = async (token: string, call: Call): Promise<Any> => {
    const res = await push(token, [call]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.results).toHaveLength(1);
    return res.body.results[0];
  };

  const applied = async (token: string, call: Call): Promise<Any> => {
    const result = await one(token, call);
    expect(result, JSON.stringify(result)).toMatchObject({ status: 'applied', txid: expect.any(Number) });
    return result;
  };

  const rows = async <T = Any>(query: SQL): Promise<T[]> =>
    rowsOf<T>(await server().database.db.execute(query));

  const row = async (table: string, id: string): Promise<Any> =>
    (await rows(sql`select * from ${sql.identifier(table)} where id = ${id}`))[0];

  return { push, one, applied, rows, row };
}
