/**
 * Global search over the local replica: one parameterised SQL statement per query text, with the server's
 * `searchPredicate` matches (Russian and simple full-text over `search`, substring and phone digits over
 * `search_text`) except its typo tolerance: pg_trgm's `<%` cannot appear in a live query (PGlite's live.query
 * inlines the values with format(), which reads every `%` of the text and takes `$n` as "the next value"), so
 * similarity only ranks. Pure: no React, no engine; `query.test.ts` runs it against a real replica.
 */

import { forLiveQuery } from '../../deals/sql.ts';

export const SEARCH_KINDS = ['client', 'deal', 'contact', 'task'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One found record, with what the UI needs to show it and to open it. */
export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  subtitle: string | null;
  /** The client a contact or task belongs to (a client's own id for clients). */
  client_id: string | null;
  /** The deal a task belongs to (a deal's own id for deals). */
  deal_id: string | null;
  rank: number;
}

export interface SearchQuery {
  sql: string;
  params: unknown[];
}

export const MIN_QUERY_LENGTH = 2;
export const MAX_QUERY_LENGTH = 100;
export const DEFAULT_PER_KIND = 5;

/** Trimmed, single-spaced, at most MAX_QUERY_LENGTH characters; null when too short to search. */
export function normaliseQuery(raw: string): string | null {
  const text = raw.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH).trim();
  return text.length >= MIN_QUERY_LENGTH ? text : null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** What each kind reads: its view, the title column, and how to fill the rest of a hit from the matched rows. */
interface KindSource {
  view: string;
  title: string;
  clientId: string;
  dealId: string;
  /** Over the matched row `m` (id, title, client_id, deal_id, rank) after the limit, so joins run per hit only. */
  subtitle: string;
}

const KIND_SOURCES: Record<SearchKind, KindSource> = {
  client: {
    view: 'clients',
    title: 't.name',
    clientId: 't.id',
    dealId: 'NULL::uuid',
    subtitle: `(SELECT nullif(concat_ws(' · ', nullif(c.inn, ''), c.phones[1], c.emails[1]), '')
                  FROM clients c WHERE c.id = m.id)`,
  },
  deal: {
    view: 'deals',
    title: 't.title',
    clientId: 't.client_id',
    dealId: 't.id',
    subtitle: `(SELECT nullif(concat_ws(' · ', (SELECT c.name FROM clients c WHERE c.id = m.client_id),
                  (SELECT s.name FROM stages s WHERE s.id = d.stage_id)), '')
                  FROM deals d WHERE d.id = m.id)`,
  },
  contact: {
    view: 'contacts',
    title: 't.name',
    clientId: 't.client_id',
    dealId: 'NULL::uuid',
    subtitle: `(SELECT nullif(concat_ws(' · ', ct.position, (SELECT c.name FROM clients c WHERE c.id = m.client_id)), '')
                  FROM contacts ct WHERE ct.id = m.id)`,
  },
  task: {
    view: 'tasks',
    title: 't.title',
    clientId: 't.client_id',
    dealId: 't.deal_id',
    subtitle: `coalesce((SELECT d.title FROM deals d WHERE d.id = m.deal_id),
                        (SELECT c.name FROM clients c WHERE c.id = m.client_id))`,
  },
};

/** At most this many rows per predicate are ranked: enough to find the best few, bounded however common the word. */
export const CANDIDATES_PER_PREDICATE = 200;

/** PGlite inlines a live query's values as arguments of one format() call, which takes at most 100. */
export const MAX_LIVE_PARAMS = 99;

/**
 * The statement for `raw` over `kinds`: at most `perKind` hits per kind, best first (exact title, title prefix,
 * full-text rank, similarity), grouped in the order of `kinds`. Null when the text is too short.
 *
 * Each predicate is its own arm (UNION, capped) rather than one OR: the replica's planner would answer an OR of
 * index-backed predicates with a sequential scan computing every one of them per row — seconds on 100k clients —
 * while each arm alone uses its GIN index on `X_synced` through the view.
 */
export function buildSearchQuery(
  raw: string,
  options: { kinds?: readonly SearchKind[]; perKind?: number } = {},
): SearchQuery | null {
  const text = normaliseQuery(raw);
  const kinds = (options.kinds ?? SEARCH_KINDS).filter((k, i, all) => all.indexOf(k) === i);
  if (!text || !kinds.length) return null;
  const perKind = Math.max(1, Math.min(50, Math.floor(options.perKind ?? DEFAULT_PER_KIND)));
  const lowered = text.toLowerCase();

  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const q = param(text);
  const exact = param(lowered);
  const contains = param(`%${escapeLike(lowered)}%`);
  const prefix = param(`${escapeLike(lowered)}%`);
  // A phone typed with spaces, dashes or a leading 8 is matched by its digits, as the server does.
  const digitText = text.replace(/\D/g, '').replace(/^8(\d{10})$/, '7$1');
  const digits =
    digitText.length >= 3 && digitText.length >= text.replace(/\s/g, '').length - 4
      ? param(`%${digitText}%`)
      : null;
  const similar = lowered.length >= 3;
  const cap = param(CANDIDATES_PER_PREDICATE);
  const limit = param(perKind);

  const ctes: string[] = [];
  const parts = kinds.map((kind, order) => {
    const s = KIND_SOURCES[kind];
    const predicates = [
      // Word forms and exact tokens in one GIN scan: the two tsqueries OR-ed.
      `t.search @@ (websearch_to_tsquery('russian', ${q}) || websearch_to_tsquery('simple', ${q}))`,
      // search_text starts with the record's name, so this arm brings every title prefix match in.
      `t.search_text LIKE ${prefix}`,
      `t.search_text LIKE ${contains}`,
      ...(digits ? [`t.search_text LIKE ${digits}`] : []),
    ];
    const arms = predicates.map(
      (p) => `(SELECT t.id FROM ${s.view} t WHERE t.deleted_at IS NULL AND ${p} LIMIT ${cap})`,
    );
    const rank = [
      `CASE WHEN lower(${s.title}) = ${exact} THEN 4 WHEN lower(${s.title}) LIKE ${prefix} THEN 2 ELSE 0 END`,
      `ts_rank(t.search, websearch_to_tsquery('russian', ${q}))`,
      ...(similar ? [`word_similarity(${exact}, t.search_text)`] : []),
    ].join(' + ');
    // Candidates first (a few hundred ids at most), then ranked: the rank's values appear once per kind, which
    // keeps the statement under format()'s 100 arguments once every placeholder is numbered apart. `= ANY(ARRAY())`
    // turns the candidates into one value looked up by primary key; a join lets the planner hash the whole view.
    ctes.push(`${kind}_best AS (
  SELECT t.id, ${s.title} AS title, ${s.clientId} AS client_id, ${s.dealId} AS deal_id, (${rank})::float8 AS rank
    FROM ${s.view} t
   WHERE t.id = ANY(ARRAY(${arms.join('\n    UNION ')}))
   ORDER BY rank DESC, title, t.id
   LIMIT ${limit})`);
    return `(SELECT '${kind}'::text AS kind, ${order} AS kind_order, m.id, m.title,
       ${s.subtitle} AS subtitle, m.client_id, m.deal_id, m.rank
  FROM ${kind}_best m)`;
  });
  const sql = `WITH ${ctes.join(',\n')}
SELECT kind, id, title, subtitle, client_id, deal_id, rank FROM (
${parts.join('\nUNION ALL\n')}
) hits ORDER BY kind_order, rank DESC, title, id`;
  // Each placeholder once and in order, values repeated: see forLiveQuery.
  const live = forLiveQuery(sql, params);
  if (live.params.length > MAX_LIVE_PARAMS)
    throw new Error(`search query needs ${live.params.length} values`);
  return live;
}
