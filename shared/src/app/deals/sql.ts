/**
 * Building blocks of the live queries of the deals and tasks screens. Values always travel as `$n` parameters;
 * only the shape of the SQL (which conditions apply) is assembled here.
 */

/** A query ready for `useLiveQuery(sql, params)`. */
export interface Query {
  sql: string;
  params: unknown[];
}

/** Collects parameter values and hands out their placeholders. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** The finished query, numbered for live queries (see `forLiveQuery`). */
  query(sql: string): Query {
    return forLiveQuery(sql, this.values);
  }
}

/**
 * PGlite's live queries inline the parameters with `format()`, turning `$n` into `%nL`, which Postgres reads as
 * "the next argument" (n is a width there, not a position). So every placeholder must occur once, in textual
 * order. This renumbers a query to that form, repeating a value where its placeholder was used twice.
 */
export function forLiveQuery(sql: string, values: unknown[]): Query {
  const params: unknown[] = [];
  const text = sql.replace(/\$([0-9]+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= values.length)
      throw new Error(`query uses $${n} but has ${values.length} values`);
    params.push(values[index]);
    return `$${params.length}`;
  });
  if (text.includes('%'))
    throw new Error('a live query cannot contain % (format() would read it); pass it as a value');
  return { sql: text, params };
}

/** The longest search text sent to the replica; longer input is cut (a search box is not a document). */
export const MAX_SEARCH_LENGTH = 200;

/** Trims and caps a search box's text; empty means no search. */
export function cleanSearch(text: string | null | undefined): string {
  return (text ?? '').trim().slice(0, MAX_SEARCH_LENGTH);
}

/** `%text%` for LIKE over the lower-case `search_text` columns, with LIKE's own wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Offline full-text search as the server does it (see replica/local-schema/search.ts): word forms through the
 * `search` tsvector (Russian and simple), and any fragment through the trigram-indexed `search_text`.
 */
export function textMatch(alias: string, p: Params, text: string): string {
  const q = p.add(text);
  const like = p.add(containsPattern(text));
  return (
    `(${alias}.search @@ plainto_tsquery('russian', ${q}) OR ${alias}.search @@ plainto_tsquery('simple', ${q})` +
    ` OR ${alias}.search_text LIKE ${like})`
  );
}

/** `a AND b AND …`, or `true` when there is nothing to require. */
export function allOf(conditions: string[]): string {
  return conditions.length ? conditions.join(' AND ') : 'true';
}
