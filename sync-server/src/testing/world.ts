import { newId } from '@mak/shared/ids';
import { partners, teams } from '@mak/shared/schema';
import { createSession } from '../modules/auth/sessions.ts';
import { createUser } from '../modules/users/create-user.ts';
import type { Db } from '../platform/db.ts';
import { writeTx } from '../platform/db.ts';
import { ensureBuiltinRoles } from '../seed/roles.ts';

export interface WorldUser {
  id: string;
  email: string;
  password: string;
  token: string;
  role: string;
  teamId: string | null;
  partnerId: string | null;
}

export interface World {
  tag: string;
  teamA: string;
  teamB: string;
  partnerOrg: string;
  otherPartnerOrg: string;
  admin: WorldUser;
  managerA: WorldUser;
  salesA1: WorldUser;
  salesA2: WorldUser;
  managerB: WorldUser;
  salesB1: WorldUser;
  partner: WorldUser;
  otherPartner: WorldUser;
}

export const PASSWORD = 'correct-horse-42';

/**
 * Every test file mints its own organisation: two teams, a partner org and one user per role, each signed in.
 * E-mails carry a random tag so files running side by side on one database never collide.
 */
export async function makeWorld(db: Db): Promise<World> {
  const tag = Math.random().toString(36).slice(2, 8);
  return writeTx(db, null, async (tx) => {
    await ensureBuiltinRoles(tx);
    const teamA = newId();
    const teamB = newId();
    const partnerOrg = newId();
    const otherPartnerOrg = newId();
    await tx.insert(teams).values([
      { id: teamA, name: `Team A ${tag}` },
      { id: teamB, name: `Team B ${tag}` },
    ]);
    await tx.insert(partners).values([
      { id: partnerOrg, name: `Partner ${tag}` },
      { id: otherPartnerOrg, name: `Other partner ${tag}` },
    ]);
    const make = async (name: string, role: string, teamId: string | null, partnerId: string | null) => {
      const email = `${name}.${tag}@test.mak`;
      const u = await createUser(tx, { email, password: PASSWORD, name, roleKey: role, teamId, partnerId });
      const session = await createSession(tx as unknown as Db, u.id, { days: 1 });
      return { id: u.id, email, password: PASSWORD, token: session.token, role, teamId, partnerId };
    };
    return {
      tag,
      teamA,
      teamB,
      partnerOrg,
      otherPartnerOrg,
      admin: await make('admin', 'admin', null, null),
      managerA: await make('manager-a', 'manager', teamA, null),
      salesA1: await make('sales-a1', 'sales', teamA, null),
      salesA2: await make('sales-a2', 'sales', teamA, null),
      managerB: await make('manager-b', 'manager', teamB, null),
      salesB1: await make('sales-b1', 'sales', teamB, null),
      partner: await make('partner', 'partner', null, partnerOrg),
      otherPartner: await make('other-partner', 'partner', null, otherPartnerOrg),
    };
  });
}

/**
 * One more signed-in user of its own, beside a world: for tests whose state (lockouts, 2FA, password changes)
 * must not bleed into other tests. Its session (unless `signedIn: false`) is minted directly, spending no login budget.
 */
export async function makeUser(
  db: Db,
  tag: string,
  opts: { prefix?: string; roleKey?: string; password?: string; signedIn?: boolean } = {},
): Promise<{ id: string; email: string; password: string; token: string | null }> {
  const password = opts.password ?? PASSWORD;
  const email = `${opts.prefix ?? 'user'}-${Math.random().toString(36).slice(2, 10)}.${tag}@test.mak`;
  const u = await writeTx(db, null, (tx) =>
    createUser(tx, { email, password, roleKey: opts.roleKey ?? 'sales' }),
  );
  const token = opts.signedIn === false ? null : (await createSession(db, u.id, { days: 1 })).token;
  return { id: u.id, email, password, token };
}
