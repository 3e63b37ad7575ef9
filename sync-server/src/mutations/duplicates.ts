import { accessPredicate, type Principal, type Scope } from '@mak/shared/permissions';
import { auditLog, clients, rolePermissions, roles, users } from '@mak/shared/schema';
import { and, eq, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../platform/db.ts';
import type { Notices, ResultNotice, StoredNotice } from './notices.ts';

/** Phone digits as migrations/0001's mak_phone_digits stores them: a Russian 8-prefixed number in its +7 form. */
export const phoneDigits = (phone: string): string => phone.replace(/\D/g, '').replace(/^8(\d{10})$/, '7$1');

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const MAX_FLAGGED = 10;

interface Match {
  field: 'phones' | 'emails';
  value: string;
}

/** The principal of a user who is not the caller: to decide whether their notice may name the other client. */
async function principalOf(tx: Tx, userId: string): Promise<Principal | null> {
  const [row] = await tx
    .select({
      roleKey: roles.key,
      teamId: users.teamId,
      partnerId: users.partnerId,
      grants: sql<
        [string, string, Scope][]
      >`coalesce((select json_agg(json_build_array(${rolePermissions.resource},
        ${rolePermissions.action}, ${rolePermissions.scope})) from ${rolePermissions}
        where ${rolePermissions.roleId} = ${users.roleId}), '[]'::json)`,
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(users.id, userId));
  if (!row) return null;
  const grants = new Map(row.grants.map(([resource, action, scope]) => [`${resource}:${action}`, scope]));
  return { userId, roleKey: row.roleKey, teamId: row.teamId, partnerId: row.partnerId, grants };
}

async function canRead(tx: Tx, p: Principal | null, clientId: string): Promise<boolean> {
  const readable = p ? accessPredicate(p, 'clients', 'read') : null;
  if (!readable) return false;
  const [hit] = await tx
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.id, clientId), readable));
  return Boolean(hit);
}

/** Who created a client: the actor of its audit `create` entry, else its owner. */
async function creatorOf(tx: Tx, clientId: string, ownerId: string | null): Promise<string | null> {
  const [created] = await tx
    .select({ actorId: auditLog.actorId })
    .from(auditLog)
    .where(
      and(eq(auditLog.tableName, 'clients'), eq(auditLog.rowId, clientId), eq(auditLog.action, 'create')),
    )
    .limit(1);
  return created?.actorId ?? ownerId;
}

/**
 * Two offline creates of one client are both kept, never merged: a new client sharing a phone (by digits) or an
 * e-mail with a live one is flagged to both creators as a possible duplicate, naming the other client (its name
 * only where the recipient may read it) and what matched.
 */
export async function flagDuplicateClients(tx: Tx, clientId: string, writer: Principal): Promise<Notices> {
  const [mine] = await tx
    .select({ name: clients.name, phones: clients.phones, emails: clients.emails })
    .from(clients)
    .where(eq(clients.id, clientId));
  if (!mine) return { stored: [], told: [] };
  const digits = new Set(mine.phones.map(phoneDigits).filter((d) => d.length >= 5));
  const emails = new Set(mine.emails.map((e) => e.toLowerCase()));
  if (!digits.size && !emails.size) return { stored: [], told: [] };
  // search_text holds the phone digits and the lower-cased e-mails, under a trigram index.
  const probes: SQL[] = [...digits, ...emails].map(
    (v) => sql`${clients.searchText} like ${`%${escapeLike(v)}%`}`,
  );
  const candidates = await tx
    .select({
      id: clients.id,
      name: clients.name,
      phones: clients.phones,
      emails: clients.emails,
      ownerId: clients.ownerId,
    })
    .from(clients)
    .where(and(ne(clients.id, clientId), isNull(clients.deletedAt), or(...probes)))
    .limit(100);
  const stored: StoredNotice[] = [];
  const told: ResultNotice[] = [];
  let flagged = 0;
  for (const other of candidates) {
    const matched: Match[] = [
      ...[...new Set(other.phones.map(phoneDigits))]
        .filter((d) => digits.has(d))
        .map((value) => ({ field: 'phones' as const, value })),
      ...[...new Set(other.emails.map((e) => e.toLowerCase()))]
        .filter((e) => emails.has(e))
        .map((value) => ({ field: 'emails' as const, value })),
    ];
    if (!matched.length || flagged++ >= MAX_FLAGGED) continue;
    const mineNotice = {
      kind: 'possible_duplicate' as const,
      entity: 'clients',
      entityId: clientId,
      field: null,
      payload: {
        otherClientId: other.id,
        ...((await canRead(tx, writer, other.id)) ? { otherClientName: other.name } : {}),
        matched,
      },
    };
    stored.push({ userId: writer.userId, ...mineNotice });
    told.push(mineNotice);
    const otherCreator = await creatorOf(tx, other.id, other.ownerId);
    if (!otherCreator) continue;
    const theirs = otherCreator === writer.userId ? writer : await principalOf(tx, otherCreator);
    stored.push({
      userId: otherCreator,
      kind: 'possible_duplicate',
      entity: 'clients',
      entityId: other.id,
      field: null,
      payload: {
        otherClientId: clientId,
        ...((await canRead(tx, theirs, clientId)) ? { otherClientName: mine.name } : {}),
        matched,
      },
    });
  }
  return { stored, told };
}
