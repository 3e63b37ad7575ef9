/**
 * Offline search. On the server `mak_search_fill()` (migrations/0001_triggers_search_audit.sql) fills
 * `search_text` (trigram haystack) and `search` (tsvector: Russian morphology on words, 'simple' on words and
 * identifiers). The shapes leave both out (they are derived and large), so the replica derives them with the same
 * expressions: synced rows in a trigger on `X_synced`, rows created or edited locally in the view's triggers, so a
 * search finds a record before the server has seen it. `search.test.ts` runs the server's function from the
 * migration file beside these on the same rows: if either side changes, it fails.
 */

/** Words (Russian stemming) and identifiers (exact tokens) per table, over the row `NEW`. */
const SOURCES: Record<string, { words: string; ids: string }> = {
  clients: {
    words: `concat_ws(' ', NEW.name, NEW.legal_name)`,
    ids: `concat_ws(' ', NEW.inn, NEW.ogrn, array_to_string(NEW.emails, ' '), mak_phone_digits(NEW.phones))`,
  },
  contacts: {
    words: `concat_ws(' ', NEW.name, NEW.position)`,
    ids: `concat_ws(' ', array_to_string(NEW.emails, ' '), mak_phone_digits(NEW.phones))`,
  },
  deals: { words: 'NEW.title', ids: `''` },
  tasks: { words: `concat_ws(' ', NEW.title, NEW.description)`, ids: `''` },
  notes: { words: 'NEW.body', ids: `''` },
};

/** Tables whose rows carry the search columns. */
export const SEARCH_TABLES = Object.keys(SOURCES);

/** Tables where the server adds a trigram index on `search_text`. */
export const TRIGRAM_TABLES = ['clients', 'contacts', 'deals'];

export const SEARCH_FUNCTIONS_SQL = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Same body as the server's mak_phone_digits: phones are searched by digits, 8XXXXXXXXXX as 7XXXXXXXXXX.
CREATE OR REPLACE FUNCTION mak_phone_digits(phones text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(string_agg(regexp_replace(regexp_replace(p, '\\D', '', 'g'), '^8(\\d{10})$', '7\\1'), ' '), '')
  FROM unnest(phones) AS p
$$;

CREATE OR REPLACE FUNCTION mak_search_text(words text, ids text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT lower(concat_ws(' ', words, ids))
$$;

CREATE OR REPLACE FUNCTION mak_search_vector(words text, ids text) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
  SELECT setweight(to_tsvector('russian', coalesce(words, '')), 'A')
      || setweight(to_tsvector('simple', concat_ws(' ', words, ids)), 'B')
$$;
`;

/** plpgsql statements that fill NEW's search columns in a view trigger; empty for tables without search. */
export function searchFillSql(table: string): string {
  const source = SOURCES[table];
  if (!source) return '';
  return `
  NEW.search_text := mak_search_text(${source.words}, ${source.ids});
  NEW.search := mak_search_vector(${source.words}, ${source.ids});`;
}
