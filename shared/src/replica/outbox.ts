import type { PGliteInterface, Transaction } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { z } from 'zod';
import { DomainError, type FieldIssue } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Principal } from '../permissions/index.ts';
import type * as schema from '../schema/index.ts';
import type { MutatorRegistry, MutatorTx } from './mutator-port.ts';

/** One outbox row as the push loop sends it: `{id, name, args}` of `POST /api/mutations`. */
export interface OutboxEntry {
  seq: number;
  mutationId: string;
  name: string;
  args: unknown;
}

/** How the server answered one mutation. */
export type MutationResult =
  | { id: string; status: 'applied'; txid?: number }
  | { id: string; status: 'rejected'; code: string; message: string; fields?: FieldIssue[] };

export interface MutateDeps {
  db: PgliteDatabase<typeof schema>;
  mutators: MutatorRegistry;
  principal: Principal;
}

/**
 * Runs a mutation optimistically and queues it, in one local transaction: the transaction-local
 * `mak.mutation_id` stamps every overlay row the mutator's writes produce (the views' INSTEAD OF triggers read it),
 * and the outbox row is written beside them, so either both exist or neither does.
 * The outbox keeps the parsed input: defaults (ids included) are fixed once, here, and the server re-parses the
 * same JSON with the same schema.
 */
export async function runMutation(
  deps: MutateDeps,
  name: string,
  args: unknown,
): Promise<{ mutationId: string }> {
  const mutator = deps.mutators[name];
  if (!mutator) {
    throw new DomainError('validation', `unknown mutation ${name}`, {
      fields: [{ field: 'name', message: 'unknown mutation' }],
    });
  }
  const parsed = mutator.input.safeParse(mutator.kind === 'create' ? withId(args) : args);
  if (!parsed.success) throw validationError(name, parsed.error);
  const mutationId = newId();
  const input: unknown = parsed.data;
  try {
    await deps.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('mak.mutation_id', ${mutationId}, true)`);
      const ctx = { mutationId, principal: deps.principal, now: new Date().toISOString() };
      await mutator.apply(tx as unknown as MutatorTx, input, ctx);
      await tx.execute(
        sql`insert into mak_outbox (mutation_id, name, args) values (${mutationId}, ${name}, ${JSON.stringify(input)}::jsonb)`,
      );
    });
  } catch (err) {
    throw fromDatabaseError(err);
  }
  return { mutationId };
}

/** A create without an id gets one here, once: the local row and the server's must be the same row. */
function withId(args: unknown): unknown {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return args;
  const record = args as Record<string, unknown>;
  return record.id == null ? { ...record, id: newId() } : args;
}

function validationError(name: string, error: z.ZodError): DomainError {
  const fields = error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
  return new DomainError('validation', `${name}: invalid input`, { fields, cause: error });
}

/**
 * Constraint violations raised by the local views mean what they mean on the server. drizzle wraps the database's
 * error (DrizzleQueryError, the original as `cause`); any other error is passed on as it is.
 */
function fromDatabaseError(err: unknown): unknown {
  if (err instanceof DomainError || !(err instanceof Error)) return err;
  const pgError = [err, err.cause].find(
    (e): e is Error & { code: string; column?: string } =>
      e instanceof Error && typeof (e as { code?: unknown }).code === 'string',
  );
  if (pgError?.code === '23505') return new DomainError('conflict', pgError.message, { cause: err });
  if (pgError?.code === '23502') {
    const field = pgError.column ?? /column "([^"]+)"/.exec(pgError.message)?.[1] ?? '';
    return new DomainError('validation', pgError.message, {
      fields: [{ field, message: 'required' }],
      cause: err,
    });
  }
  return err;
}

export async function readPending(pg: PGliteInterface, limit: number): Promise<OutboxEntry[]> {
  const res = await pg.query<{ seq: number; mutation_id: string; name: string; args: unknown }>(
    `SELECT seq::int AS seq, mutation_id, name, args FROM mak_outbox WHERE status = 'pending' ORDER BY seq LIMIT $1`,
    [limit],
  );
  return res.rows.map((r) => ({ seq: r.seq, mutationId: r.mutation_id, name: r.name, args: r.args }));
}

/**
 * Applies the server's answers in one local transaction. Accepted: the outbox row goes; the overlay stays until the
 * synced row carrying the mutation id arrives (unless that row is already gone, see mak_overlay_settle). Rejected:
 * the overlay rows of that mutation are rolled back and the entry stays, with its reason, for the user.
 */
export async function recordResults(pg: PGliteInterface, results: MutationResult[]): Promise<void> {
  const accepted = results.filter((r) => r.status === 'applied').map((r) => r.id);
  const rejected = results.filter((r) => r.status === 'rejected');
  if (accepted.length === 0 && rejected.length === 0) return;
  await pg.transaction(async (tx: Transaction) => {
    if (accepted.length > 0) {
      await tx.query(`DELETE FROM mak_outbox WHERE mutation_id = ANY($1::uuid[]) AND status = 'pending'`, [
        accepted,
      ]);
      await tx.query('SELECT mak_overlay_settle($1::uuid[])', [accepted]);
    }
    for (const r of rejected) {
      const rejection = { code: r.code, message: r.message, fields: r.fields ?? [] };
      await tx.query(
        `UPDATE mak_outbox SET status = 'rejected', rejection = $2, last_error = NULL WHERE mutation_id = $1`,
        [r.id, rejection],
      );
    }
    if (rejected.length > 0) {
      await tx.query('SELECT mak_overlay_rollback($1::uuid[])', [rejected.map((r) => r.id)]);
    }
  });
}

/** Counts a failed attempt on the entries that were sent. */
export async function recordAttempt(
  pg: PGliteInterface,
  entries: OutboxEntry[],
  error: string,
): Promise<void> {
  await pg.query(
    'UPDATE mak_outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])',
    [entries.map((e) => e.seq), error],
  );
}

/** The user has seen a rejection: it leaves the outbox. Only rejected entries can be dismissed. */
export async function dismissRejection(pg: PGliteInterface, mutationId: string): Promise<boolean> {
  const res = await pg.query(`DELETE FROM mak_outbox WHERE mutation_id = $1 AND status = 'rejected'`, [
    mutationId,
  ]);
  return (res.affectedRows ?? 0) > 0;
}
