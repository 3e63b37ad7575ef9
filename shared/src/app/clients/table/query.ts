/**
 * The SQL of the clients table, over the replica's `clients` view. Only whitelisted columns and operators are
 * written into the text; every value (search words, filter values, custom field keys, window bounds) travels as a
 * `$n` parameter. Filters that do not fit their column (unknown column, wrong kind, a value outside the column's
 * options) are dropped here, so whatever a saved segment or local storage holds cannot reach the SQL.
 */
import type { BuiltinColumnId, ColumnSpec } from './columns-spec.ts';

export type ColumnFilter =
  | { kind: 'text'; value: string }
  | { kind: 'select'; values: string[] }
  | { kind: 'dateRange'; from: string | null; to: string | null }
  | { kind: 'numberRange'; min: number | null; max: number | null }
  | { kind: 'boolean'; value: boolean };

export interface ClientSort {
  column: string;
  desc: boolean;
}

export interface ClientQuery {
  search: string;
  filters: Record<string, ColumnFilter>;
  sort: ClientSort;
  /**
   * Add typo-tolerant matching (trigram word similarity) to the search. It costs a similarity per row, so the
   * table asks for it only when the plain search finds nothing.
   */
  fuzzy?: boolean;
}

export const DEFAULT_SORT: ClientSort = { column: 'created_at', desc: true };
export const EMPTY_QUERY: ClientQuery = { search: '', filters: {}, sort: DEFAULT_SORT };

/** Rows as the window query returns them. */
export interface ClientRow {
  id: string;
  name: string;
  kind: string;
  status: string;
  owner_id: string | null;
  phones: string[];
  emails: string[];
  inn: string | null;
  tags: string[];
  source: string | null;
  created_at: string;
  updated_at: string;
  custom: Record<string, unknown>;
  /** The window's offset and the caller's tag, so a caller can tell which request these rows answer. */
  window_offset: number;
  window_tag: string;
}

export interface BuiltQuery {
  sql: string;
  params: unknown[];
}

/** A "no owner" choice in the owner filter, beside user ids. */
export const NO_OWNER = 'none';
export const MAX_WINDOW = 1000;
const MAX_TEXT = 200;
const MAX_VALUES = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Values collected while the SQL is composed. Each value gets a marker; `finish` numbers the markers in the order
 * they appear in the text, one `$n` per occurrence. PGlite's live queries need exactly that: they inline
 * parameters with format() and turn `$n` into `%nL`, which format() reads as the next argument, not the n-th.
 */
class Params {
  private readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `⟦${this.values.length - 1}⟧`;
  }
  finish(text: string): BuiltQuery {
    const params: unknown[] = [];
    const sql = text.replace(/⟦(\d+)⟧/g, (_, i: string) => {
      params.push(this.values[Number(i)]);
      return `$${params.length}`;
    });
    return { sql, params };
  }
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);
const contains = (s: string) => `%${likeEscape(s.toLowerCase())}%`;

interface Exprs {
  /** The value a filter tests. */
  value: string;
  /** The value sorted on; null when not sortable. */
  sort: string | null;
  /** Whether the sort value may be NULL (then NULLS LAST, else plain order so the indexes serve it). */
  nullable: boolean;
}

const BUILTIN_EXPRS: Record<BuiltinColumnId, Exprs> = {
  name: { value: 'c.name', sort: 'c.name', nullable: false },
  kind: { value: 'c.kind', sort: 'c.kind', nullable: false },
  status: { value: 'c.status', sort: 'c.status', nullable: false },
  owner: { value: 'c.owner_id', sort: 'o.name', nullable: true },
  phone: { value: `array_to_string(c.phones, ' ')`, sort: 'c.phones[1]', nullable: true },
  email: { value: `array_to_string(c.emails, ' ')`, sort: 'c.emails[1]', nullable: true },
  inn: { value: 'c.inn', sort: 'c.inn', nullable: true },
  tags: { value: `array_to_string(c.tags, ' ')`, sort: null, nullable: true },
  source: { value: 'c.source', sort: 'c.source', nullable: true },
  created_at: { value: 'c.created_at', sort: 'c.created_at', nullable: false },
  updated_at: { value: 'c.updated_at', sort: 'c.updated_at', nullable: false },
};

function customExprs(spec: ColumnSpec, p: Params): Exprs {
  const key = p.add(spec.custom?.key);
  const type = spec.custom?.type;
  let value = `(c.custom->>${key})`;
  if (type === 'number' || type === 'money') {
    value = `(CASE WHEN jsonb_typeof(c.custom->${key}) = 'number' THEN (c.custom->>${key})::numeric END)`;
  } else if (type === 'multiselect') {
    value = `(c.custom->${key})`;
  }
  return { value, sort: spec.sortable ? value : null, nullable: true };
}

function exprsOf(spec: ColumnSpec, p: Params): Exprs {
  return spec.custom ? customExprs(spec, p) : BUILTIN_EXPRS[spec.id as BuiltinColumnId];
}

/** Local midnight of a YYYY-MM-DD day as an instant, so "from 1 March" means the user's 1 March. */
function dayStart(day: string, plusDays = 0): string | null {
  if (!ISO_DATE.test(day)) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d + plusDays);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function textPredicate(spec: ColumnSpec, e: Exprs, raw: string, p: Params): string | null {
  const value = raw.trim().slice(0, MAX_TEXT);
  if (!value) return null;
  const parts = [`lower(${e.value}) LIKE ${p.add(contains(value))}`];
  const digits = value.replace(/\D/g, '');
  if (spec.id === 'phone' && digits.length >= 3) {
    parts.push(`mak_phone_digits(c.phones) LIKE ${p.add(`%${digits.replace(/^8(\d{10})$/, '7$1')}%`)}`);
  }
  return parts.length > 1 ? `(${parts.join(' OR ')})` : (parts[0] ?? null);
}

function selectPredicate(spec: ColumnSpec, e: Exprs, raw: string[], p: Params): string | null {
  const values = [...new Set(raw.filter((v) => typeof v === 'string'))].slice(0, MAX_VALUES);
  if (spec.id === 'owner') {
    const ids = values.filter((v) => UUID.test(v));
    const none = values.includes(NO_OWNER);
    const parts = [
      ...(ids.length ? [`c.owner_id = ANY(${p.add(ids)}::uuid[])`] : []),
      ...(none ? ['c.owner_id IS NULL'] : []),
    ];
    if (!parts.length) return null;
    return parts.length > 1 ? `(${parts.join(' OR ')})` : (parts[0] ?? null);
  }
  const allowed = spec.options ? values.filter((v) => spec.options?.includes(v)) : [];
  if (!allowed.length) return null;
  if (spec.custom?.type === 'multiselect') return `${e.value} ?| ${p.add(allowed)}::text[]`;
  return `${e.value} = ANY(${p.add(allowed)}::text[])`;
}

function dateRangePredicate(
  spec: ColumnSpec,
  e: Exprs,
  f: { from: string | null; to: string | null },
  p: Params,
) {
  const parts: string[] = [];
  if (spec.custom) {
    // Custom dates are stored as YYYY-MM-DD text, which orders like the dates themselves.
    const v = `(CASE WHEN ${e.value} ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN ${e.value} END)`;
    if (f.from && ISO_DATE.test(f.from)) parts.push(`${v} >= ${p.add(f.from)}`);
    if (f.to && ISO_DATE.test(f.to)) parts.push(`${v} <= ${p.add(f.to)}`);
  } else {
    const from = f.from ? dayStart(f.from) : null;
    const to = f.to ? dayStart(f.to, 1) : null;
    if (from) parts.push(`${e.value} >= ${p.add(from)}::timestamptz`);
    if (to) parts.push(`${e.value} < ${p.add(to)}::timestamptz`);
  }
  return parts.length ? parts.join(' AND ') : null;
}

function numberRangePredicate(e: Exprs, f: { min: number | null; max: number | null }, p: Params) {
  const parts: string[] = [];
  if (typeof f.min === 'number' && Number.isFinite(f.min))
    parts.push(`${e.value} >= ${p.add(f.min)}::numeric`);
  if (typeof f.max === 'number' && Number.isFinite(f.max))
    parts.push(`${e.value} <= ${p.add(f.max)}::numeric`);
  return parts.length ? parts.join(' AND ') : null;
}

function filterPredicate(spec: ColumnSpec, filter: ColumnFilter, p: Params): string | null {
  if (filter.kind !== spec.filter) return null;
  const e = exprsOf(spec, p);
  switch (filter.kind) {
    case 'text':
      return typeof filter.value === 'string' ? textPredicate(spec, e, filter.value, p) : null;
    case 'select':
      return Array.isArray(filter.values) ? selectPredicate(spec, e, filter.values, p) : null;
    case 'dateRange':
      return dateRangePredicate(spec, e, filter, p);
    case 'numberRange':
      return numberRangePredicate(e, filter, p);
    case 'boolean':
      return typeof filter.value === 'boolean' ? `${e.value} = ${p.add(String(filter.value))}` : null;
  }
}

/**
 * The quick search, as the server's list search does it: Russian and simple full-text, substring of the search
 * text, phone digits, and trigram word similarity for typos.
 */
function searchPredicate(raw: string, fuzzy: boolean, p: Params): string | null {
  const q = raw.trim().slice(0, MAX_TEXT);
  if (!q) return null;
  const lowered = q.toLowerCase();
  const query = p.add(q);
  const parts = [
    `c.search @@ websearch_to_tsquery('russian', ${query})`,
    `c.search @@ websearch_to_tsquery('simple', ${query})`,
    `c.search_text LIKE ${p.add(contains(q))}`,
  ];
  const digits = q.replace(/\D/g, '').replace(/^8(\d{10})$/, '7$1');
  if (digits.length >= 3 && digits.length >= q.replace(/\s/g, '').length - 4) {
    parts.push(`c.search_text LIKE ${p.add(`%${digits}%`)}`);
  }
  // word_similarity() rather than the `<%` operator: a literal % would break PGlite's live query inlining.
  if (fuzzy && lowered.length >= 3) parts.push(`word_similarity(${p.add(lowered)}, c.search_text) >= 0.6`);
  return `(${parts.join(' OR ')})`;
}

function whereClause(query: ClientQuery, specs: readonly ColumnSpec[], p: Params): string {
  const byId = new Map(specs.map((s) => [s.id, s]));
  const parts = ['c.deleted_at IS NULL'];
  const search = typeof query.search === 'string' ? searchPredicate(query.search, !!query.fuzzy, p) : null;
  if (search) parts.push(search);
  for (const [id, filter] of Object.entries(query.filters ?? {})) {
    const spec = byId.get(id);
    if (!spec?.filter || !filter || typeof filter !== 'object') continue;
    const predicate = filterPredicate(spec, filter, p);
    if (predicate) parts.push(predicate);
  }
  return parts.join('\n  AND ');
}

/** The sort actually applied: the requested one when the column exists and sorts, else the default. */
export function effectiveSort(sort: ClientSort | undefined, specs: readonly ColumnSpec[]): ClientSort {
  const spec = specs.find((s) => s.id === sort?.column);
  return spec?.sortable && sort ? { column: spec.id, desc: !!sort.desc } : DEFAULT_SORT;
}

function orderParts(query: ClientQuery, specs: readonly ColumnSpec[], p: Params) {
  const sort = effectiveSort(query.sort, specs);
  const spec = specs.find((s) => s.id === sort.column) as ColumnSpec;
  const e = exprsOf(spec, p);
  return {
    key: e.sort as string,
    dir: sort.desc ? 'DESC' : 'ASC',
    nulls: e.nullable ? ' NULLS LAST' : '',
    joinOwner: spec.id === 'owner',
  };
}

const ROW_COLUMNS = `c.id, c.name, c.kind, c.status, c.owner_id, c.phones, c.emails, c.inn, c.tags, c.source,
  c.created_at, c.updated_at, c.custom`;
const OWNER_JOIN = '\nLEFT JOIN users o ON o.id = c.owner_id';

function intIn(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : min;
}

/**
 * One window of rows in the table's order: `limit` rows from `offset`. The `clients` view is a union (synced rows
 * not overlaid, plus the local overlay), which hides the (sort key, id) indexes from the planner; so the page is
 * taken from each half on its own, each ordered and cut at offset + limit (the synced half walks its index and
 * stops there), then merged. Only the window's rows are then read whole, by primary key. Over 100,000 clients in
 * Node: the first window 100 -> 3 ms, one 20,000 rows down 130 -> 21 ms.
 */
export function buildWindowQuery(
  query: ClientQuery,
  specs: readonly ColumnSpec[],
  offset: number,
  limit: number,
  tag = '',
): BuiltQuery {
  const p = new Params();
  const off = intIn(offset, 0, 100_000_000);
  const lim = intIn(limit, 1, MAX_WINDOW);
  const half = (from: string, only: string) => {
    const where = whereClause(query, specs, p);
    const { key, dir, nulls, joinOwner } = orderParts(query, specs, p);
    return `(SELECT c.id, ${key} AS sort_key
    FROM ${from} c${joinOwner ? OWNER_JOIN : ''}
    WHERE ${where}
      AND ${only}
    ORDER BY sort_key ${dir}${nulls}, c.id ${dir}
    LIMIT ${p.add(off + lim)})`;
  };
  const synced = half('clients_synced', 'NOT EXISTS (SELECT 1 FROM clients_local x WHERE x.id = c.id)');
  const overlaid = half('clients', 'c.id = ANY (ARRAY(SELECT id FROM clients_local))');
  const { dir, nulls } = orderParts(query, specs, new Params());
  const offParam = p.add(off);
  const limParam = p.add(lim);
  const tagParam = p.add(String(tag).slice(0, 200));
  // The id list as an array lets the planner look the page's rows up by primary key in both halves of the
  // clients view; joined on page.id alone it scanned and hashed the whole view again.
  return p.finish(`WITH page AS (
  SELECT u.id, u.sort_key FROM (
    ${synced}
    UNION ALL
    ${overlaid}
  ) u
  ORDER BY u.sort_key ${dir}${nulls}, u.id ${dir}
  LIMIT ${limParam} OFFSET ${offParam}
)
SELECT ${ROW_COLUMNS}, ${p.add(off)}::int AS window_offset, ${tagParam}::text AS window_tag
FROM page JOIN clients c ON c.id = page.id AND c.id = ANY (ARRAY(SELECT id FROM page))
ORDER BY page.sort_key ${dir}${nulls}, page.id ${dir}`);
}

/**
 * How many clients match (for the scrollbar and "select all matching"), and a fingerprint of the matching rows
 * (`changed`): any insert, delete or edit among them changes it, so a caller can refetch a window when it moves.
 */
export function buildCountQuery(query: ClientQuery, specs: readonly ColumnSpec[]): BuiltQuery {
  const p = new Params();
  const where = whereClause(query, specs, p);
  return p.finish(`SELECT count(*)::int AS total,
  concat_ws('/', sum(c.version), max(c.updated_at), max(c.id::text)) AS changed
FROM clients c
WHERE ${where}`);
}

/** The ids of every matching client in table order, up to `limit` (bulk actions on "all matching"). */
export function buildIdsQuery(query: ClientQuery, specs: readonly ColumnSpec[], limit: number): BuiltQuery {
  const p = new Params();
  const where = whereClause(query, specs, p);
  const { key, dir, nulls, joinOwner } = orderParts(query, specs, p);
  return p.finish(`SELECT c.id
FROM clients c${joinOwner ? OWNER_JOIN : ''}
WHERE ${where}
ORDER BY ${key} ${dir}${nulls}, c.id ${dir}
LIMIT ${p.add(intIn(limit, 1, 1_000_000))}`);
}

/** Whether anything narrows the list (search or a filter with a value). */
export function hasConditions(query: ClientQuery, specs: readonly ColumnSpec[]): boolean {
  const p = new Params();
  return whereClause(query, specs, p) !== 'c.deleted_at IS NULL';
}
