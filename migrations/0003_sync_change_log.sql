-- Hand-written: the change log behind GET /v1/shape (shared/design/electric-protocol.md §10 option (b),
-- ARCHITECTURE §4). Row triggers write old/new row images as Postgres text values; a deferred constraint trigger
-- stamps each transaction at commit with a commit-ordered sequence number (tx_seq), which is the protocol's LSN.
CREATE TABLE sync_change_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tx_id xid8 NOT NULL,
  -- NULL until the transaction commits; then the same number on every row of the transaction.
  tx_seq bigint,
  -- Position of the change in its transaction (0, 1, …); the first row (0) queues the commit-time stamp.
  op_pos integer NOT NULL,
  schema_name text NOT NULL,
  table_name text NOT NULL,
  -- insert | update | delete, or a marker: truncate | rotate (the table's shapes were rotated in this transaction).
  op text NOT NULL,
  -- {"column": "text value" | null} under the display settings of protocol §5.2.
  old_row jsonb,
  new_row jsonb
);
--> statement-breakpoint
CREATE INDEX sync_change_log_table_idx ON sync_change_log (table_name, schema_name, tx_seq, op_pos);
--> statement-breakpoint
CREATE INDEX sync_change_log_seq_idx ON sync_change_log (tx_seq);
--> statement-breakpoint
-- Only rows still waiting for their stamp: the commit-time UPDATE finds its transaction's rows here.
CREATE INDEX sync_change_log_unstamped_idx ON sync_change_log (tx_id) WHERE tx_seq IS NULL;
--> statement-breakpoint
-- The sequencer. Committers take this single row's lock, then the next value of sync_tx_seq; the lock is held
-- until commit, so tx_seq order is commit order and visibility order (C18). Lock-only (no UPDATE), so a
-- REPEATABLE READ writer never fails with a serialization error here.
CREATE TABLE sync_sequencer (id boolean PRIMARY KEY DEFAULT true CHECK (id));
--> statement-breakpoint
INSERT INTO sync_sequencer DEFAULT VALUES;
--> statement-breakpoint
CREATE SEQUENCE sync_tx_seq;
--> statement-breakpoint
CREATE SEQUENCE sync_handle_seq;
--> statement-breakpoint
-- Tables with change capture installed; fingerprint = the column list the capture trigger was generated for.
CREATE TABLE sync_captured (
  schema_name text NOT NULL,
  table_name text NOT NULL,
  excluded text[] NOT NULL DEFAULT '{}',
  fingerprint text NOT NULL,
  installed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (schema_name, table_name)
);
--> statement-breakpoint
-- Shape handles. Rows are never deleted, so a handle is never issued twice, not even after a restart (C21).
CREATE TABLE sync_shapes (
  handle text PRIMARY KEY,
  def_hash text NOT NULL,
  schema_name text NOT NULL,
  table_name text NOT NULL,
  where_sql text,
  params jsonb NOT NULL DEFAULT '[]',
  columns text[] NOT NULL,
  replica text NOT NULL,
  fingerprint text NOT NULL,
  -- The electric-schema header of the shape's columns, as of the snapshot.
  schema_header text NOT NULL,
  -- G0: max tx_seq visible in the snapshot; the shape log continues after it.
  snapshot_lsn bigint NOT NULL,
  chunk_count integer NOT NULL,
  row_count integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  rotated_at timestamptz,
  rotate_reason text
);
--> statement-breakpoint
CREATE UNIQUE INDEX sync_shapes_active_uq ON sync_shapes (def_hash) WHERE rotated_at IS NULL;
--> statement-breakpoint
CREATE INDEX sync_shapes_table_idx ON sync_shapes (table_name, schema_name) WHERE rotated_at IS NULL;
--> statement-breakpoint
-- The snapshot of a shape, rendered once as JSON message arrays: chunk n is the body served at offset 0_n.
CREATE TABLE sync_snapshot_chunks (
  handle text NOT NULL REFERENCES sync_shapes (handle) ON DELETE CASCADE,
  chunk integer NOT NULL,
  row_count integer NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (handle, chunk)
);
--> statement-breakpoint
-- Column names, types and primary key of a table: a change rotates the table's shapes (C22).
CREATE OR REPLACE FUNCTION sync_table_fingerprint(rel regclass) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT md5(coalesce((SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                                         || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END, ', ' ORDER BY a.attnum)
                       FROM pg_attribute a WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped), '')
             || ' pk ' || coalesce((SELECT string_agg(k.attnum::text, ' ' ORDER BY k.ord)
                                    FROM pg_index i, unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                                    WHERE i.indrelid = rel AND i.indisprimary), ''))
$$;
--> statement-breakpoint
-- An identifier, always double-quoted (quote_ident leaves keywords that PL/pgSQL reserves unquoted).
CREATE OR REPLACE FUNCTION sync_quote(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT '"' || replace(name, '"', '""') || '"'
$$;
--> statement-breakpoint
-- SQL that renders the row `alias` as {"col": col::text, …} for the columns `cols` (NULL = all). bpchar keeps its
-- padding (protocol §5.2). jsonb_build_object takes at most 100 arguments, hence the 50-column pieces.
CREATE OR REPLACE FUNCTION sync_row_json_expr(rel regclass, cols text[], alias text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
  parts text[] := '{}';
  piece text[] := '{}';
  a record;
BEGIN
  FOR a IN SELECT att.attname, ty.typname FROM pg_attribute att JOIN pg_type ty ON ty.oid = att.atttypid
           WHERE att.attrelid = rel AND att.attnum > 0 AND NOT att.attisdropped
             AND (cols IS NULL OR att.attname = ANY (cols))
           ORDER BY att.attnum LOOP
    -- Always quoted: PL/pgSQL does not resolve NEW.by (a keyword to it) unquoted.
    piece := piece || format('%L, %s', a.attname, CASE WHEN a.typname = 'bpchar'
      THEN format('CASE WHEN %1$s.%2$s IS NULL THEN NULL ELSE concat(%1$s.%2$s) END', alias, sync_quote(a.attname))
      ELSE format('%s.%s::text', alias, sync_quote(a.attname)) END);
    IF cardinality(piece) = 50 THEN
      parts := parts || ('jsonb_build_object(' || array_to_string(piece, ', ') || ')');
      piece := '{}';
    END IF;
  END LOOP;
  IF cardinality(piece) > 0 OR cardinality(parts) = 0 THEN
    parts := parts || ('jsonb_build_object(' || array_to_string(piece, ', ') || ')');
  END IF;
  RETURN array_to_string(parts, ' || ');
END $$;
--> statement-breakpoint
-- Appends a marker (truncate | rotate) to the log: it gives the transaction a tx_seq (so the global LSN advances
-- and long polls wake) without being a row change.
CREATE OR REPLACE FUNCTION sync_log_marker(p_schema text, p_table text, p_op text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  pos integer := coalesce(nullif(current_setting('mak_sync.op_pos', true), ''), '0')::integer;
BEGIN
  PERFORM set_config('mak_sync.op_pos', (pos + 1)::text, true);
  INSERT INTO sync_change_log (tx_id, op_pos, schema_name, table_name, op)
  VALUES (pg_current_xact_id(), pos, p_schema, p_table, p_op);
END $$;
--> statement-breakpoint
-- Ends the shapes of a table (p_handle NULL) or one shape: their handles answer 409 from now on.
CREATE OR REPLACE FUNCTION sync_rotate_shapes(p_schema text, p_table text, p_handle text, p_reason text)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  WITH gone AS (
    UPDATE sync_shapes SET rotated_at = now(), rotate_reason = p_reason
    WHERE rotated_at IS NULL AND schema_name = p_schema AND table_name = p_table
      AND (p_handle IS NULL OR handle = p_handle)
    RETURNING handle
  ), freed AS (
    DELETE FROM sync_snapshot_chunks c USING gone WHERE c.handle = gone.handle RETURNING 1
  )
  SELECT count(*) INTO n FROM gone;
  PERFORM sync_log_marker(p_schema, p_table, CASE WHEN p_reason = 'truncate' THEN 'truncate' ELSE 'rotate' END);
  RETURN n;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sync_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sync_rotate_shapes(TG_TABLE_SCHEMA, TG_TABLE_NAME, NULL, 'truncate');
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Installs (or regenerates after DDL) change capture on a table: a row trigger function with explicit col::text
-- casts under the protocol's display settings, and an AFTER TRUNCATE trigger that rotates the table's shapes.
-- `excluded` columns (secrets) are never written to the log. Regenerating with a new column list rotates the
-- table's shapes.
CREATE OR REPLACE FUNCTION sync_install_capture(rel regclass, excluded text[] DEFAULT NULL) RETURNS boolean
LANGUAGE plpgsql AS $install$
DECLARE
  s text;
  t text;
  fn text;
  log_table text;
  cols text[];
  fp text;
  prev sync_captured%ROWTYPE;
BEGIN
  SELECT n.nspname, c.relname INTO s, t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = rel;
  IF t IN ('sync_change_log', 'sync_sequencer', 'sync_captured', 'sync_shapes', 'sync_snapshot_chunks')
     OR s IN ('pg_catalog', 'information_schema') THEN
    RAISE EXCEPTION 'change capture cannot be installed on %.%', s, t;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('sync_install_capture'), hashtext(s || '.' || t));
  SELECT * INTO prev FROM sync_captured WHERE schema_name = s AND table_name = t;
  excluded := coalesce(excluded, prev.excluded, '{}');
  fp := sync_table_fingerprint(rel);
  IF prev.fingerprint = fp AND prev.excluded = excluded
     AND EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = rel AND tgname = 'sync_capture') THEN
    RETURN false;
  END IF;
  SELECT array_agg(attname ORDER BY attnum) INTO cols FROM pg_attribute
  WHERE attrelid = rel AND attnum > 0 AND NOT attisdropped AND NOT (attname = ANY (excluded));
  SELECT format('%I.%I', n.nspname, c.relname) INTO log_table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.oid = 'sync_change_log'::regclass;
  fn := format('%I.%I', s, left('sync_capture_' || t, 54) || '_' || left(md5(s || '.' || t), 8));
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql
    SET TimeZone = 'UTC' SET DateStyle = 'ISO, DMY' SET IntervalStyle = 'iso_8601' SET bytea_output = 'hex'
    SET extra_float_digits = 1
    AS $cap$
    DECLARE
      pos integer := coalesce(nullif(current_setting('mak_sync.op_pos', true), ''), '0')::integer;
    BEGIN
      PERFORM set_config('mak_sync.op_pos', (pos + 1)::text, true);
      INSERT INTO %s (tx_id, op_pos, schema_name, table_name, op, old_row, new_row)
      VALUES (pg_current_xact_id(), pos, TG_TABLE_SCHEMA, TG_TABLE_NAME, lower(TG_OP),
              CASE WHEN TG_OP <> 'INSERT' THEN %s END,
              CASE WHEN TG_OP <> 'DELETE' THEN %s END);
      RETURN NULL;
    END $cap$
    $f$, fn, log_table, sync_row_json_expr(rel, cols, 'OLD'), sync_row_json_expr(rel, cols, 'NEW'));
  EXECUTE format('DROP TRIGGER IF EXISTS sync_capture ON %s', rel);
  EXECUTE format('CREATE TRIGGER sync_capture AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION %s()',
                 rel, fn);
  EXECUTE format('DROP TRIGGER IF EXISTS sync_truncate ON %s', rel);
  EXECUTE format('CREATE TRIGGER sync_truncate AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION sync_on_truncate()',
                 rel);
  INSERT INTO sync_captured (schema_name, table_name, excluded, fingerprint) VALUES (s, t, excluded, fp)
  ON CONFLICT (schema_name, table_name)
  DO UPDATE SET excluded = EXCLUDED.excluded, fingerprint = EXCLUDED.fingerprint, installed_at = now();
  IF prev.fingerprint IS NOT NULL THEN
    PERFORM sync_rotate_shapes(s, t, NULL, 'schema change');
  END IF;
  RETURN true;
END $install$;
--> statement-breakpoint
-- Commit time: lock the sequencer row, take the next tx_seq, stamp this transaction's rows, wake long polls with
-- "<tx_seq>:<schema.table>,…" (or "<tx_seq>:*" when the list does not fit a notification).
CREATE OR REPLACE FUNCTION sync_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  seq bigint;
  tables text;
BEGIN
  PERFORM 1 FROM sync_sequencer FOR UPDATE;
  seq := nextval('sync_tx_seq');
  WITH stamped AS (
    UPDATE sync_change_log SET tx_seq = seq WHERE tx_id = pg_current_xact_id() AND tx_seq IS NULL
    RETURNING schema_name, table_name
  )
  SELECT string_agg(DISTINCT schema_name || '.' || table_name, ',') INTO tables FROM stamped;
  -- Rows captured after this point (by later deferred triggers) start at op_pos 0 again and get their own stamp.
  PERFORM set_config('mak_sync.op_pos', '', true);
  PERFORM pg_notify('mak_sync', seq || ':' || CASE WHEN length(tables) > 7000 THEN '*' ELSE coalesce(tables, '') END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER sync_stamp AFTER INSERT ON sync_change_log DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW WHEN (NEW.op_pos = 0) EXECUTE FUNCTION sync_stamp();
--> statement-breakpoint
-- Log rows below every live shape's snapshot LSN can no longer be served: call this from a maintenance job.
CREATE OR REPLACE FUNCTION sync_prune_log() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  keep bigint;
  n bigint;
BEGIN
  SELECT least(coalesce(min(snapshot_lsn), 9223372036854775807), (SELECT max(tx_seq) FROM sync_change_log))
  INTO keep FROM sync_shapes WHERE rotated_at IS NULL;
  DELETE FROM sync_change_log WHERE tx_seq < keep;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
--> statement-breakpoint
-- DDL on a captured table regenerates its capture trigger and rotates its shapes in the DDL's own transaction.
-- Requests also compare the table's fingerprint with the shape's, so this is a fast path, not the only one.
CREATE OR REPLACE FUNCTION sync_on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT DISTINCT cmd.objid FROM pg_event_trigger_ddl_commands() cmd
           JOIN pg_class c ON c.oid = cmd.objid AND cmd.classid = 'pg_class'::regclass AND c.relkind IN ('r', 'p')
           JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN sync_captured sc ON sc.schema_name = n.nspname AND sc.table_name = c.relname LOOP
    PERFORM sync_install_capture(r.objid::regclass);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sync_on_drop() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT DISTINCT o.schema_name, o.object_name FROM pg_event_trigger_dropped_objects() o
           JOIN sync_captured sc ON sc.schema_name = o.schema_name AND sc.table_name = o.object_name
           WHERE o.object_type = 'table' LOOP
    PERFORM sync_rotate_shapes(r.schema_name, r.object_name, NULL, 'table dropped');
    DELETE FROM sync_captured WHERE schema_name = r.schema_name AND table_name = r.object_name;
  END LOOP;
END $$;
--> statement-breakpoint
-- Event triggers need a superuser; without one, the per-request fingerprint check still catches DDL.
DO $$
BEGIN
  CREATE EVENT TRIGGER sync_on_ddl ON ddl_command_end EXECUTE FUNCTION sync_on_ddl();
  CREATE EVENT TRIGGER sync_on_drop ON sql_drop EXECUTE FUNCTION sync_on_drop();
EXCEPTION WHEN insufficient_privilege OR feature_not_supported THEN
  RAISE NOTICE 'sync: no event triggers (%); DDL is detected per request by fingerprint', SQLERRM;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['clients', 'contacts', 'deals', 'pipelines', 'stages', 'tasks', 'notes', 'segments',
                           'custom_fields', 'teams', 'roles', 'role_permissions', 'partners'] LOOP
    PERFORM sync_install_capture(t::regclass, '{}');
  END LOOP;
  -- Secrets never enter the log.
  PERFORM sync_install_capture('users'::regclass, ARRAY['password_hash', 'totp_secret', 'totp_pending_secret']);
END $$;
