CREATE TABLE "domain_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "domain_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"actor_id" uuid,
	"mutation_id" uuid,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mutations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"txid" bigint,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"field" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dismissed_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" bigint;--> statement-breakpoint
ALTER TABLE "mutations" ADD CONSTRAINT "mutations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_notices" ADD CONSTRAINT "sync_notices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "domain_events_unpublished_idx" ON "domain_events" USING btree ("published_at","id");--> statement-breakpoint
CREATE INDEX "mutations_user_idx" ON "mutations" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "sync_notices_user_idx" ON "sync_notices" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE TRIGGER sync_notices_touch BEFORE UPDATE ON sync_notices FOR EACH ROW EXECUTE FUNCTION mak_touch();
--> statement-breakpoint
-- The last accepted TOTP step changes at every 2FA sign-in: bookkeeping, not history.
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
