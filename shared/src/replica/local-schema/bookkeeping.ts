import { quoteIdent as q } from './columns.ts';

/**
 * Tables that are not a copy of server data: the outbox of mutations not yet answered (or rejected and waiting for
 * the user) and small sync state. They survive a rebuild of the synced tables, so no pending write is lost when the
 * local schema changes (performance-anchors §6c: "keep pending writes in a separate, small outbox").
 */
export const BOOKKEEPING_SQL = `
CREATE TABLE IF NOT EXISTS mak_outbox (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  mutation_id uuid NOT NULL UNIQUE,
  name text NOT NULL,
  args jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'rejected')),
  rejection jsonb
);
CREATE INDEX IF NOT EXISTS mak_outbox_status_idx ON mak_outbox (status, seq);

CREATE TABLE IF NOT EXISTS mak_sync_state (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The mutation a write belongs to: set per transaction by mutate(). A write without one is a bug (a component
-- writing SQL), so it fails instead of producing an overlay that nothing will ever push or retire.
CREATE OR REPLACE FUNCTION mak_current_mutation() RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
  v text := nullif(current_setting('mak.mutation_id', true), '');
BEGIN
  IF v IS NULL THEN
    RAISE EXCEPTION 'replica views are written only inside mutate() (mak.mutation_id is not set)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN v::uuid;
END $$;

CREATE OR REPLACE FUNCTION mak_mutation_pending(id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM mak_outbox WHERE mutation_id = id AND status = 'pending')
$$;
`;

/** The names bookkeeping functions generated over all overlay tables are created under. */
export const OVERLAY_FUNCTIONS = ['mak_overlay_rollback', 'mak_overlay_settle'];

/**
 * Functions over every overlay table, so TypeScript makes one call instead of one per table:
 * - rollback(ids): a rejected mutation's overlay rows go, and the synced row shows again;
 * - settle(ids): after the server accepted, an overlay whose synced row is already gone (deleted or moved out of
 *   the shape while the answer was on its way) would otherwise never be retired.
 */
export function overlayFunctionsSql(tables: readonly string[]): string {
  const each = (stmt: (local: string, synced: string) => string) =>
    tables.map((t) => `  ${stmt(q(`${t}_local`), q(`${t}_synced`))};`).join('\n');
  return `
CREATE OR REPLACE FUNCTION mak_overlay_rollback(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
${each((l) => `DELETE FROM ${l} WHERE mutation_id = ANY(ids)`)}
END $$;

CREATE OR REPLACE FUNCTION mak_overlay_settle(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
${each((l, s) => `DELETE FROM ${l} l WHERE l.mutation_id = ANY(ids) AND NOT l.is_new AND NOT EXISTS (SELECT 1 FROM ${s} s WHERE s."id" = l."id")`)}
END $$;
`;
}
