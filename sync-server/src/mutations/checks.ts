import { DomainError } from '@mak/shared/errors';
import { entityLabel, type Mutator } from '@mak/shared/mutations';
import { type Action, accessPredicate, type Principal } from '@mak/shared/permissions';
import { and, eq, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { Tx } from '../platform/db.ts';

type Row = Record<string, unknown>;

/**
 * Authorisation around a mutator, in the REST API's order: a record outside the writer's read scope is
 * not_found whatever the role (its existence is not leaked), a visible one the role may not touch is forbidden,
 * and the written row is checked again so a write can neither touch nor produce a record outside the scope.
 */
function grant(m: Mutator, p: Principal, action: Action = m.action): SQL {
  const predicate = accessPredicate(p, m.resource, action);
  if (!predicate) throw DomainError.forbidden(`Your role may not ${action} ${m.resource.replace(/_/g, ' ')}`);
  return predicate;
}

async function inScope(tx: Tx, m: Mutator, id: string, predicate: SQL): Promise<boolean> {
  const [hit] = await tx
    .select({ id: m.table.id })
    .from(m.table)
    .where(and(eq(m.table.id, id), predicate));
  return Boolean(hit);
}

export function staleVersion(current: number | null): DomainError {
  return new DomainError('conflict', 'The record was changed by someone else; reload and try again', {
    details: current === null ? {} : { currentVersion: current },
  });
}

/** Why a target is not there: deleted meanwhile (said so, when the writer may see it) or simply unknown. */
async function missing(tx: Tx, m: Mutator, id: string, readable: SQL): Promise<DomainError> {
  const label = entityLabel(m.name);
  if (m.kind !== 'restore') {
    const [gone] = await tx
      .select({ id: m.table.id })
      .from(m.table)
      .where(and(eq(m.table.id, id), isNotNull(m.table.deletedAt), readable));
    if (gone) return new DomainError('not_found', `This ${label} was deleted`);
  }
  return DomainError.notFound(label);
}

/**
 * Before `apply`. Creates need the permission; the others need a visible target (live, or deleted for a
 * restore) inside the action's scope and, with `expectedVersion`, at that version. The target row is answered
 * locked (FOR UPDATE) until commit, so a concurrent writer waits and then sees the new version.
 */
export async function authorizeBefore(
  tx: Tx,
  m: Mutator,
  p: Principal,
  targetId: string | undefined,
  expectedVersion?: number,
): Promise<Row | null> {
  if (m.kind === 'create') {
    grant(m, p);
    return null;
  }
  if (!targetId) throw DomainError.validation('id', 'is required');
  // A role that may not read the resource at all is refused outright; one that may is told only what it sees.
  const readable = grant(m, p, 'read');
  const state = m.kind === 'restore' ? isNotNull(m.table.deletedAt) : isNull(m.table.deletedAt);
  const [row] = (await tx
    .select()
    .from(m.table)
    .where(and(eq(m.table.id, targetId), state, readable))
    .for('update')) as Row[];
  if (!row) throw await missing(tx, m, targetId, readable);
  if (!(await inScope(tx, m, targetId, grant(m, p)))) {
    throw DomainError.forbidden(`You may not ${m.kind} this ${entityLabel(m.name)}`);
  }
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw staleVersion(row.version as number);
  }
  return row;
}

/** After `apply`: a created or updated row must still lie inside the writer's scope. */
export async function authorizeAfter(tx: Tx, m: Mutator, p: Principal, id: string): Promise<void> {
  if (m.kind !== 'create' && m.kind !== 'update') return;
  if (await inScope(tx, m, id, grant(m, p))) return;
  throw DomainError.forbidden(
    m.kind === 'create'
      ? `You may not create this ${entityLabel(m.name)} outside your scope`
      : 'This change would move the record outside your scope',
  );
}
