-- Hand-written: every row a mutation writes carries its id in last_mutation_id (ARCHITECTURE §3, §5). The
-- executor sets the transaction-local `mak.mutation_id`; these triggers copy it, so no mutator has to remember to
-- and the replica can drop its optimistic overlay when the synced row with that id comes back. Writes outside a
-- mutation (sign-in counters, the admin CLI) leave the column as it was.
CREATE OR REPLACE FUNCTION mak_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  NEW.last_mutation_id := coalesce(nullif(current_setting('mak.mutation_id', true), '')::uuid, NEW.last_mutation_id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION mak_stamp_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.last_mutation_id := coalesce(nullif(current_setting('mak.mutation_id', true), '')::uuid, NEW.last_mutation_id);
  RETURN NEW;
END $$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['teams', 'partners', 'roles', 'role_permissions', 'users', 'clients', 'contacts',
                           'pipelines', 'stages', 'deals', 'tasks', 'notes', 'segments', 'custom_fields',
                           'sync_notices'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION mak_stamp_mutation()',
                   t || '_stamp', t);
  END LOOP;
END $$;
