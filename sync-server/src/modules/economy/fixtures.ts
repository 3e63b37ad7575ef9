import { newId } from '@mak/shared/ids';
import { clients, partnerMembers, partners } from '@mak/shared/schema';
import { type Db, writeTx } from '../../platform/db.ts';
import type { TestServer } from '../../testing/harness.ts';
import { createSession } from '../auth/sessions.ts';
import { createUser } from '../users/create-user.ts';

/** Test organisations of the partner economy: each with an owner user signed in and, optionally, money. */
export interface Org {
  id: string;
  userId: string;
  token: string;
}

export async function makeOrgs(
  db: Db,
  tag: string,
  n: number,
  opts: { territory?: string | null; grade?: 'bronze' | 'silver' | 'gold'; role?: 'owner' | 'manager' } = {},
): Promise<Org[]> {
  return writeTx(db, null, async (tx) => {
    const out: Org[] = [];
    for (let i = 0; i < n; i++) {
      const id = newId();
      await tx.insert(partners).values({
        id,
        name: `Org ${tag} ${i} ${Math.random().toString(36).slice(2, 6)}`,
        territory: opts.territory ?? null,
        grade: opts.grade ?? 'bronze',
      });
      const u = await createUser(tx, {
        email: `org-${i}-${Math.random().toString(36).slice(2, 8)}.${tag}@test.mak`,
        password: 'correct-horse-42',
        roleKey: 'partner',
        partnerId: id,
      });
      await tx
        .insert(partnerMembers)
        .values({ id: newId(), partnerId: id, userId: u.id, role: opts.role ?? 'owner' });
      const session = await createSession(tx as unknown as Db, u.id, { days: 1 });
      out.push({ id, userId: u.id, token: session.token });
    }
    return out;
  });
}

/** A fresh unassigned lead. */
export async function makeLead(db: Db, tag: string, extra: { source?: string } = {}): Promise<string> {
  const id = newId();
  await db
    .insert(clients)
    .values({ id, name: `Lead ${tag} ${id.slice(-6)}`, status: 'lead', source: extra.source });
  return id;
}

/** Deposits through the API, as staff would. */
export async function fund(
  s: TestServer,
  adminToken: string,
  partnerId: string,
  amount: number,
): Promise<void> {
  const r = await s.api('/api/ledger/deposits', {
    token: adminToken,
    body: { partnerId, amount, memo: 'test funding' },
  });
  if (r.status !== 201) throw new Error(`fund: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Every org's balances through the API (as staff). */
export async function balances(
  s: TestServer,
  adminToken: string,
): Promise<Map<string, Record<string, number>>> {
  const r = await s.api('/api/ledger/balances', { token: adminToken });
  if (r.status !== 200) throw new Error(`balances: ${r.status}`);
  return new Map(
    (r.body.items as ({ partnerId: string } & Record<string, number>)[]).map(({ partnerId, ...b }) => [
      partnerId,
      b,
    ]),
  );
}

export const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
