import { type LocalColumn, type LocalTable, quoteIdent as q, quoteLiteral } from './columns.ts';
import { searchFillSql, TRIGRAM_TABLES } from './search.ts';

/**
 * The through-the-database pattern (Electric write-patterns 4) for one table X:
 *   X_synced  the server's rows as the shapes deliver them, written only by pglite-sync;
 *   X_local   the optimistic overlay: a full row image, the columns changed locally, a delete flag, the mutation
 *             that last wrote it, and `is_new` (born here, not yet seen from the server);
 *   X         the view the app reads and the mutators write: synced rows without an overlay, plus overlaid rows
 *             merged per column (local wins for changed columns; a locally deleted row disappears).
 * INSTEAD OF triggers on X turn writes into overlay rows stamped with `mak.mutation_id`. Triggers on X_synced
 * rebase: the overlay goes when the synced row arrives carrying the overlay's mutation id (a change by someone
 * else leaves our pending edit in place), and a synced delete drops an overlay with no pending mutation.
 */
export function overlaySql(table: LocalTable): string {
  const t = table.name;
  const synced = q(`${t}_synced`);
  const local = q(`${t}_local`);
  const view = q(t);
  const cols = table.columns;
  const names = cols.map((c) => q(c.name));
  const data = cols.filter((c) => c.name !== 'id');
  const fn = (suffix: string) => q(`${t}__${suffix}`);

  // The server's columns, types and defaults, but no NOT NULL: the server already enforced it, and a row it sends
  // that this version would refuse (a column made nullable since) must not fail pglite-sync's apply, which drops
  // the batch it was applying. Local writes get the NOT NULL checks in the view's triggers instead.
  const syncedColumn = (c: LocalColumn) =>
    `${q(c.name)} ${c.sqlType}${c.name === 'id' ? ' PRIMARY KEY' : ''}${c.defaultSql ? ` DEFAULT ${c.defaultSql}` : ''}`;
  const merged = (c: LocalColumn) =>
    c.name === 'id'
      ? 'l."id"'
      : `CASE WHEN s."id" IS NULL OR ${quoteLiteral(c.name)} = ANY(l.changed_columns) THEN l.${q(c.name)} ` +
        `ELSE s.${q(c.name)} END AS ${q(c.name)}`;
  const notNullChecks = cols
    .filter((c) => c.notNull)
    .map(
      (c) =>
        `  IF NEW.${q(c.name)} IS NULL THEN RAISE EXCEPTION 'null value in column "%" of relation "%" violates ` +
        `not-null constraint', ${quoteLiteral(c.name)}, ${quoteLiteral(t)} USING ERRCODE = 'not_null_violation'; END IF;`,
    )
    .join('\n');
  const newValues = names.map((n) => `NEW.${n}`).join(', ');
  const overlayColumns = `${names.join(', ')}, changed_columns, is_deleted, is_new, mutation_id`;
  const changedChecks = data
    .map(
      (c) =>
        `  IF NEW.${q(c.name)} IS DISTINCT FROM OLD.${q(c.name)} THEN changed := changed || ${quoteLiteral(c.name)}::text; END IF;`,
    )
    .join('\n');
  const allDataNames = `ARRAY[${data.map((c) => quoteLiteral(c.name)).join(', ')}]::text[]`;

  const indexes = table.indexes.map(
    (i) =>
      `CREATE INDEX IF NOT EXISTS ${q(i.name)} ON ${synced} USING ${i.method} (${i.columns.map(q).join(', ')});`,
  );
  if (TRIGRAM_TABLES.includes(t)) {
    indexes.push(
      `CREATE INDEX IF NOT EXISTS ${q(`${t}_search_trgm_idx`)} ON ${synced} USING gin (search_text gin_trgm_ops);`,
    );
  }
  // The server's shapes leave the search columns out (they are derived), so synced rows get them here too.
  const syncedSearch = searchFillSql(t)
    ? `
CREATE FUNCTION ${fn('synced_search')}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN${searchFillSql(t)}
  RETURN NEW;
END $$;
CREATE TRIGGER ${q(`${t}_synced_search`)} BEFORE INSERT OR UPDATE ON ${synced}
  FOR EACH ROW EXECUTE FUNCTION ${fn('synced_search')}();
`
    : '';
  const viewDefaults = cols
    .filter((c) => c.defaultSql)
    .map((c) => `ALTER VIEW ${view} ALTER COLUMN ${q(c.name)} SET DEFAULT ${c.defaultSql};`);

  return `
CREATE TABLE ${synced} (
  ${cols.map(syncedColumn).join(',\n  ')}
);
${indexes.join('\n')}
${syncedSearch}
CREATE TABLE ${local} (
  ${cols.map((c) => `${q(c.name)} ${c.sqlType}${c.name === 'id' ? ' PRIMARY KEY' : ''}`).join(',\n  ')},
  changed_columns text[] NOT NULL DEFAULT '{}',
  is_deleted boolean NOT NULL DEFAULT false,
  is_new boolean NOT NULL DEFAULT false,
  mutation_id uuid NOT NULL
);
CREATE INDEX ${q(`${t}_local_mutation_idx`)} ON ${local} (mutation_id);

CREATE VIEW ${view} AS
  SELECT ${names.map((n) => `s.${n}`).join(', ')}
    FROM ${synced} s
   WHERE NOT EXISTS (SELECT 1 FROM ${local} x WHERE x."id" = s."id")
  UNION ALL
  SELECT ${cols.map(merged).join(',\n         ')}
    FROM ${local} l LEFT JOIN ${synced} s ON s."id" = l."id"
   WHERE NOT l.is_deleted;
${viewDefaults.join('\n')}

CREATE FUNCTION ${fn('insert')}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mid uuid := mak_current_mutation();
BEGIN
  IF EXISTS (SELECT 1 FROM ${synced} WHERE "id" = NEW."id") OR EXISTS (SELECT 1 FROM ${local} WHERE "id" = NEW."id") THEN
    RAISE EXCEPTION 'duplicate key value violates unique constraint "%"', ${quoteLiteral(`${t}_pkey`)}
      USING ERRCODE = 'unique_violation';
  END IF;
${notNullChecks}${searchFillSql(t)}
  INSERT INTO ${local} (${overlayColumns})
  VALUES (${newValues}, ${allDataNames}, false, true, mid);
  RETURN NEW;
END $$;
CREATE TRIGGER ${q(`${t}_insert`)} INSTEAD OF INSERT ON ${view} FOR EACH ROW EXECUTE FUNCTION ${fn('insert')}();

CREATE FUNCTION ${fn('update')}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mid uuid := mak_current_mutation();
  changed text[] := '{}';
BEGIN
  IF NEW."id" IS DISTINCT FROM OLD."id" THEN
    RAISE EXCEPTION '%: a row id never changes', ${quoteLiteral(t)} USING ERRCODE = 'feature_not_supported';
  END IF;
  -- What the server's mak_touch() does to every update.
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
${notNullChecks}${searchFillSql(t)}
${changedChecks}
  INSERT INTO ${local} (${overlayColumns})
  VALUES (${newValues}, changed, false, false, mid)
  ON CONFLICT ("id") DO UPDATE SET
    ${data.map((c) => `${q(c.name)} = EXCLUDED.${q(c.name)}`).join(', ')},
    changed_columns = ARRAY(SELECT DISTINCT unnest(${local}.changed_columns || EXCLUDED.changed_columns)),
    mutation_id = EXCLUDED.mutation_id;
  RETURN NEW;
END $$;
CREATE TRIGGER ${q(`${t}_update`)} INSTEAD OF UPDATE ON ${view} FOR EACH ROW EXECUTE FUNCTION ${fn('update')}();

CREATE FUNCTION ${fn('delete')}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mid uuid := mak_current_mutation();
BEGIN
  INSERT INTO ${local} (${overlayColumns})
  VALUES (${names.map((n) => `OLD.${n}`).join(', ')}, '{}', true, false, mid)
  ON CONFLICT ("id") DO UPDATE SET is_deleted = true, mutation_id = EXCLUDED.mutation_id;
  RETURN OLD;
END $$;
CREATE TRIGGER ${q(`${t}_delete`)} INSTEAD OF DELETE ON ${view} FOR EACH ROW EXECUTE FUNCTION ${fn('delete')}();

-- Rebase by mutation id: only the synced row that carries our mutation retires the overlay.
CREATE FUNCTION ${fn('synced_arrived')}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM ${local} WHERE "id" = NEW."id" AND mutation_id = NEW.last_mutation_id;
  IF NOT FOUND THEN
    UPDATE ${local} SET is_new = false WHERE "id" = NEW."id" AND is_new;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER ${q(`${t}_synced_arrived`)} AFTER INSERT OR UPDATE ON ${synced}
  FOR EACH ROW EXECUTE FUNCTION ${fn('synced_arrived')}();

-- Gone from the server (deleted, or moved out of this user's shape): a pending edit stays until its answer.
CREATE FUNCTION ${fn('synced_gone')}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM ${local} l WHERE l."id" = OLD."id" AND NOT mak_mutation_pending(l.mutation_id);
  RETURN NULL;
END $$;
CREATE TRIGGER ${q(`${t}_synced_gone`)} AFTER DELETE ON ${synced}
  FOR EACH ROW EXECUTE FUNCTION ${fn('synced_gone')}();
`;
}

/** Names of everything overlaySql creates, so a rebuild can drop an older version. */
export function overlayObjects(t: string): { view: string; tables: string[]; functions: string[] } {
  return {
    view: t,
    tables: [`${t}_synced`, `${t}_local`],
    functions: ['insert', 'update', 'delete', 'synced_arrived', 'synced_gone', 'synced_search'].map(
      (s) => `${t}__${s}`,
    ),
  };
}
