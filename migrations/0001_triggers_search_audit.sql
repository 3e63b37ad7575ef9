-- Hand-written: what drizzle-kit cannot express. Row bookkeeping (version, updated_at), search columns and the
-- audit log are kept by triggers so that no write path (API, mutations, CLI, SQL by hand) can skip them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- Every update bumps version and updated_at: optimistic concurrency (If-Match) relies on it.
CREATE OR REPLACE FUNCTION mak_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
--> statement-breakpoint
-- Phones are searched by digits alone, so "+7 (912) 345-67-89" is found by "9123456789" or "345-67";
-- a Russian 8-prefixed number is stored as its +7 form.
CREATE OR REPLACE FUNCTION mak_phone_digits(phones text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(string_agg(regexp_replace(regexp_replace(p, '\D', '', 'g'), '^8(\d{10})$', '7\1'), ' '), '')
  FROM unnest(phones) AS p
$$;
--> statement-breakpoint
-- search_text: lower-cased haystack for trigram (fuzzy) matching; search: tsvector with Russian morphology on
-- names and exact tokens ('simple') on identifiers.
CREATE OR REPLACE FUNCTION mak_search_fill() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  words text := '';
  ids text := '';
BEGIN
  IF TG_TABLE_NAME = 'clients' THEN
    words := concat_ws(' ', NEW.name, NEW.legal_name);
    ids := concat_ws(' ', NEW.inn, NEW.ogrn, array_to_string(NEW.emails, ' '), mak_phone_digits(NEW.phones));
  ELSIF TG_TABLE_NAME = 'contacts' THEN
    words := concat_ws(' ', NEW.name, NEW.position);
    ids := concat_ws(' ', array_to_string(NEW.emails, ' '), mak_phone_digits(NEW.phones));
  ELSIF TG_TABLE_NAME = 'deals' THEN
    words := NEW.title;
  ELSIF TG_TABLE_NAME = 'tasks' THEN
    words := concat_ws(' ', NEW.title, NEW.description);
  ELSIF TG_TABLE_NAME = 'notes' THEN
    words := NEW.body;
  END IF;
  NEW.search_text := lower(concat_ws(' ', words, ids));
  NEW.search := setweight(to_tsvector('russian', coalesce(words, '')), 'A')
             || setweight(to_tsvector('simple', concat_ws(' ', words, ids)), 'B');
  RETURN NEW;
END $$;
--> statement-breakpoint
-- The audit trail: actor from the transaction-local setting app.actor_id, a per-field diff {field: [before, after]}.
-- Secrets are masked; bookkeeping columns are left out; an update that changes nothing user-visible is not logged.
CREATE OR REPLACE FUNCTION mak_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  before jsonb := CASE WHEN TG_OP = 'INSERT' THEN '{}'::jsonb ELSE to_jsonb(OLD) END;
  after jsonb := CASE WHEN TG_OP = 'DELETE' THEN '{}'::jsonb ELSE to_jsonb(NEW) END;
  skipped text[] := ARRAY['updated_at', 'version', 'search', 'search_text', 'created_at', 'last_mutation_id',
                          'failed_login_count', 'locked_until', 'totp_last_step'];
  secret text[] := ARRAY['password_hash', 'totp_secret', 'totp_pending_secret'];
  diff jsonb := '{}'::jsonb;
  k text;
  act text;
  row_id uuid;
BEGIN
  FOR k IN SELECT jsonb_object_keys(before || after) LOOP
    CONTINUE WHEN k = ANY(skipped);
    IF (before -> k) IS DISTINCT FROM (after -> k) THEN
      IF k = ANY(secret) THEN
        diff := diff || jsonb_build_object(k, jsonb_build_array(
          CASE WHEN before ? k AND before ->> k IS NOT NULL THEN '***' END,
          CASE WHEN after ? k AND after ->> k IS NOT NULL THEN '***' END));
      ELSE
        diff := diff || jsonb_build_object(k, jsonb_build_array(before -> k, after -> k));
      END IF;
    END IF;
  END LOOP;
  IF TG_OP = 'UPDATE' AND diff = '{}'::jsonb THEN
    RETURN NULL;
  END IF;
  act := CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'DELETE' THEN 'purge' ELSE 'update' END;
  IF TG_OP = 'UPDATE' AND diff ? 'deleted_at' THEN
    act := CASE WHEN after ->> 'deleted_at' IS NULL THEN 'restore' ELSE 'delete' END;
  END IF;
  row_id := coalesce(after ->> 'id', before ->> 'id')::uuid;
  INSERT INTO audit_log (table_name, row_id, action, actor_id, diff, txid)
  VALUES (TG_TABLE_NAME, row_id, act, nullif(current_setting('app.actor_id', true), '')::uuid, diff,
          pg_current_xact_id()::text::bigint);
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['teams', 'partners', 'roles', 'role_permissions', 'users', 'clients', 'contacts',
                           'pipelines', 'stages', 'deals', 'tasks', 'notes', 'segments', 'custom_fields'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION mak_touch()', t || '_touch', t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION mak_audit()',
                   t || '_audit', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['clients', 'contacts', 'deals', 'tasks', 'notes'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION mak_search_fill()',
                   t || '_search', t);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE INDEX clients_search_trgm_idx ON clients USING gin (search_text gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX contacts_search_trgm_idx ON contacts USING gin (search_text gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX deals_search_trgm_idx ON deals USING gin (search_text gin_trgm_ops);
