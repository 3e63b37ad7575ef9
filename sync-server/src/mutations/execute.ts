import { DomainError, type ErrorCode, type FieldIssue } from '@mak/shared/errors';
import { isMutationName, type MutationName, type Mutator, mutatorFor } from '@mak/shared/mutations';
import type { Principal } from '@mak/shared/permissions';
import { domainEvents, mutations } from '@mak/shared/schema';
import { eq, getTableName, sql } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import { toDomainError } from '../errors.ts';
import { rowsOf, type Tx, writeTx } from '../platform/db.ts';
import { authorizeAfter, authorizeBefore } from './checks.ts';
import { detectOverwrites } from './conflicts.ts';
import { flagDuplicateClients } from './duplicates.ts';
import { NO_NOTICES, type Notices, type ResultNotice, storeNotices } from './notices.ts';

export interface MutationCall {
  /** Client-made, the idempotency key: a repeat answers the first result. */
  id: string;
  name: string;
  args: unknown;
  /** REST's If-Match: the version the edit is based on. */
  expectedVersion?: number;
}

export interface Actor {
  user: { id: string };
  principal: Principal;
}

export interface Applied {
  id: string;
  status: 'applied';
  txid: number;
  entity: string;
  entityId: string;
  notices?: ResultNotice[];
}

export interface Rejected {
  id: string;
  status: 'rejected';
  code: ErrorCode;
  message: string;
  fields?: FieldIssue[];
  details?: Record<string, unknown>;
}

export type MutationResult = Applied | Rejected;

/** Checks only the server can make (it sees every record), run after `apply` in the same transaction. */
const SERVER_RULES: Partial<
  Record<MutationName, (tx: Tx, entityId: string, p: Principal) => Promise<Notices>>
> = {
  'client.create': flagDuplicateClients,
};

/** Thrown inside the transaction when another request already holds this mutation id. */
class Repeat extends Error {}

function rejection(id: string, e: DomainError): Rejected {
  return {
    id,
    status: 'rejected',
    code: e.code,
    message: e.message,
    ...(e.fields.length ? { fields: e.fields } : {}),
    ...(e.details && Object.keys(e.details).length ? { details: e.details } : {}),
  };
}

/** The answer already given to this mutation id, or a refusal when the id belongs to someone or something else. */
async function storedResult(deps: Pick<Deps, 'database'>, actor: Actor, call: MutationCall) {
  const [row] = await deps.database.db.select().from(mutations).where(eq(mutations.id, call.id));
  if (!row) return null;
  if (row.userId !== actor.user.id || row.name !== call.name) {
    return rejection(
      call.id,
      new DomainError('conflict', 'This mutation id was already used for another mutation'),
    );
  }
  if (row.status === 'applied')
    return { id: call.id, status: 'applied', txid: Number(row.txid), ...row.result } as Applied;
  return { id: call.id, status: 'rejected', ...row.result } as Rejected;
}

function prepare(call: MutationCall): { m: Mutator; input: unknown } {
  if (!isMutationName(call.name)) throw DomainError.validation('name', `no mutation named ${call.name}`);
  const m = mutatorFor(call.name);
  return { m, input: m.input.parse(call.args) };
}

async function apply(tx: Tx, actor: Actor, call: MutationCall, m: Mutator, input: unknown): Promise<Applied> {
  const { principal } = actor;
  const userId = actor.user.id;
  await tx.execute(sql`select set_config('mak.mutation_id', ${call.id}, true)`);
  // Claim the id first: a concurrent request with the same id waits here, then finds it taken.
  const claimed = await tx
    .insert(mutations)
    .values({ id: call.id, userId, name: call.name, status: 'applied', result: {} })
    .onConflictDoNothing()
    .returning({ id: mutations.id });
  if (!claimed.length) throw new Repeat();

  const targetId = m.kind === 'create' ? undefined : (input as { id?: string }).id;
  const current = await authorizeBefore(tx, m, principal, targetId, call.expectedVersion);
  const overwritten =
    current && m.changes
      ? await detectOverwrites(tx, m, current, m.changes(input), userId, call.id)
      : NO_NOTICES;
  const effect = await m.apply(tx, input, { principal, mutationId: call.id, now: new Date().toISOString() });
  await authorizeAfter(tx, m, principal, effect.id);
  const rule = SERVER_RULES[call.name as MutationName];
  const flagged = rule ? await rule(tx, effect.id, principal) : NO_NOTICES;
  await storeNotices(tx, [...overwritten.stored, ...flagged.stored]);

  const entity = getTableName(m.table);
  await tx.insert(domainEvents).values({
    name: m.event,
    entity,
    entityId: effect.id,
    actorId: userId,
    mutationId: call.id,
    payload: effect.payload,
  });
  // Read inside the transaction: the 32-bit xid the shape log reports in headers.txids (protocol §12).
  const [{ txid } = { txid: '0' }] = rowsOf<{ txid: string }>(
    await tx.execute(sql`select pg_current_xact_id()::xid::text as txid`),
  );
  const notices = [...overwritten.told, ...flagged.told];
  const result = { entity, entityId: effect.id, ...(notices.length ? { notices } : {}) };
  await tx
    .update(mutations)
    .set({ txid: Number(txid), result })
    .where(eq(mutations.id, call.id));
  return { id: call.id, status: 'applied', txid: Number(txid), ...result };
}

/**
 * Runs one mutation, the one write path of `POST /api/mutations` and the REST routes: idempotent by mutation id,
 * in one transaction with the actor and `mak.mutation_id` set (the triggers stamp last_mutation_id and the
 * audit log from them), authorised like the REST API, its domain event and the stored answer written with it.
 * A refusal (4xx class) is stored as the answer too; anything else (the database is down) is thrown, to be
 * retried.
 */
export async function executeMutation(
  deps: Pick<Deps, 'database'>,
  actor: Actor,
  call: MutationCall,
): Promise<MutationResult> {
  const db = deps.database.db;
  const stored = await storedResult(deps, actor, call);
  if (stored) return stored;
  try {
    const { m, input } = prepare(call);
    return await writeTx(db, actor.user.id, (tx) => apply(tx, actor, call, m, input));
  } catch (err) {
    if (err instanceof Repeat) {
      const again = await storedResult(deps, actor, call);
      if (again) return again;
      throw new Error(`mutation ${call.id} was claimed but has no stored result`);
    }
    const e = toDomainError(err);
    if (e.code === 'internal') throw err;
    const rejected = rejection(call.id, e);
    const { id: _id, status: _status, ...result } = rejected;
    await db
      .insert(mutations)
      .values({
        id: call.id,
        userId: actor.user.id,
        name: call.name.slice(0, 100),
        status: 'rejected',
        result,
      })
      .onConflictDoNothing();
    return rejected;
  }
}

/** A stored refusal as the error the REST edge maps to a status. */
export function rejectionError(r: Rejected): DomainError {
  return new DomainError(r.code, r.message, { fields: r.fields, details: r.details });
}
