import type { FieldChanges, Mutator } from '@mak/shared/mutations';
import { auditLog } from '@mak/shared/schema';
import { and, desc, eq, getTableName } from 'drizzle-orm';
import { isoTimestamp } from '../modules/records/serialize.ts';
import type { Tx } from '../platform/db.ts';
import type { Notices, ResultNotice, StoredNotice } from './notices.ts';

type Row = Record<string, unknown>;

const isObject = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Comparable form: timestamps as instants (the client may write ISO, Postgres prints its own), keys sorted. */
function canonical(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(v)) {
    const ms = Date.parse(isoTimestamp(v));
    return Number.isNaN(ms) ? v : ms;
  }
  if (Array.isArray(v)) return v.map(canonical);
  if (isObject(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical(v[k])]),
    );
  return v;
}

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

interface Overwrite {
  /** API path of the field: `name`, `custom.budget`. */
  field: string;
  column: string;
  key?: string;
  theirs: unknown;
  next: unknown;
}

/**
 * Fields whose value changed since the writer saw it (`base`) and that this write changes again: the later arrival
 * wins, so the value it replaces is somebody else's edit. Custom values compare per key.
 */
function overwrites(current: Row, { patch, base }: FieldChanges): Overwrite[] {
  if (!base) return [];
  const found: Overwrite[] = [];
  for (const [field, next] of Object.entries(patch)) {
    if (!(field in base)) continue;
    if (field === 'custom' && isObject(next) && isObject(base.custom)) {
      const cur = isObject(current.custom) ? current.custom : {};
      for (const [key, value] of Object.entries(next)) {
        if (!(key in base.custom)) continue;
        const theirs = cur[key] ?? null;
        if (!same(base.custom[key], theirs) && !same(value, theirs)) {
          found.push({ field: `custom.${key}`, column: 'custom', key, theirs, next: value });
        }
      }
      continue;
    }
    const theirs = current[field] ?? null;
    if (!same(base[field], theirs) && !same(next, theirs)) {
      found.push({ field, column: snake(field), theirs, next });
    }
  }
  return found;
}

/** Did this audit entry change the field (or the custom key)? */
function changed(diff: Record<string, [unknown, unknown]>, o: Overwrite): boolean {
  const pair = diff[o.column];
  if (!pair) return false;
  if (o.key === undefined) return true;
  const [before, after] = pair.map((side) => (isObject(side) ? side[o.key as string] : undefined));
  return !same(before, after);
}

/**
 * Last writer wins, and nobody is overwritten silently: the user whose value is replaced (found through the audit
 * entry that last changed that field) gets an `overwritten` notice with their value and the new one; the writer's
 * result says whose edit it replaced.
 */
export async function detectOverwrites(
  tx: Tx,
  m: Mutator,
  current: Row,
  changes: FieldChanges,
  writerId: string,
  mutationId: string,
): Promise<Notices> {
  const found = overwrites(current, changes);
  if (!found.length) return { stored: [], told: [] };
  const entity = getTableName(m.table);
  const entityId = current.id as string;
  const history = await tx
    .select({ actorId: auditLog.actorId, diff: auditLog.diff })
    .from(auditLog)
    .where(and(eq(auditLog.tableName, entity), eq(auditLog.rowId, entityId)))
    .orderBy(desc(auditLog.id))
    .limit(200);
  const stored: StoredNotice[] = [];
  const told: ResultNotice[] = [];
  for (const o of found) {
    const author = history.find((h) => changed(h.diff, o))?.actorId ?? null;
    if (author && author !== writerId) {
      stored.push({
        userId: author,
        kind: 'overwritten',
        entity,
        entityId,
        field: o.field,
        payload: { yourValue: o.theirs, newValue: o.next, by: writerId, mutationId },
      });
    }
    told.push({
      kind: 'overwrote',
      entity,
      entityId,
      field: o.field,
      payload: { theirValue: o.theirs, yourValue: o.next, userId: author },
    });
  }
  return { stored, told };
}
