import { createRoute, z } from '@hono/zod-openapi';
import { Email, Name } from '@mak/shared/entities';
import { DomainError } from '@mak/shared/errors';
import { newId } from '@mak/shared/ids';
import type { Principal } from '@mak/shared/permissions';
import { PARTNER_MEMBER_ROLES, partnerInvites, partnerMembers, partners, users } from '@mak/shared/schema';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { requireAuth } from '../../middleware/authenticate.ts';
import { createRouter } from '../../openapi.ts';
import { type Queryable, writeTx } from '../../platform/db.ts';
import { dbNow } from '../auction/clock.ts';
import { generateToken, hashToken } from '../auth/tokens.ts';
import { loadPartner, memberRole } from '../economy/access.ts';
import { refused } from '../economy/errors.ts';
import { body, economyErrors, IdParam, json, security, valid } from '../economy/http.ts';
import { serializeRow } from '../records/serialize.ts';
import { createUser, MIN_PASSWORD_LENGTH } from '../users/create-user.ts';

const INVITE_DAYS = 7;

const Member = z
  .object({ userId: z.string(), name: z.string(), email: z.string(), role: z.string(), since: z.string() })
  .openapi('PartnerMember');
const Invite = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    email: z.string(),
    role: z.string(),
    expiresAt: z.string(),
    acceptedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('PartnerInvite');
const InviteCreate = z
  .strictObject({
    partnerId: z.uuid().optional().openapi({ description: 'Staff: the organisation; owners: leave out' }),
    email: Email,
    role: z.enum(PARTNER_MEMBER_ROLES).default('manager'),
  })
  .openapi('PartnerInviteCreate');
const InviteAccept = z
  .strictObject({
    token: z.string().min(10).max(100),
    name: Name,
    password: z.string().min(MIN_PASSWORD_LENGTH).max(200),
  })
  .openapi('PartnerInviteAccept');
const PartnerParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

/** Staff who manage partners (partners:update all) act for any organisation; an owner acts for its own. */
async function managedOrg(q: Queryable, p: Principal, requested: string | undefined): Promise<string> {
  if (p.grants.get('partners:update') === 'all') {
    if (!requested) throw DomainError.validation('partnerId', 'name the partner organisation');
    await loadPartner(q, requested);
    return requested;
  }
  if (!p.partnerId || (requested && requested !== p.partnerId))
    throw DomainError.forbidden('Only staff or an owner of the organisation may manage its people');
  if ((await memberRole(q, p.userId)) !== 'owner')
    throw DomainError.forbidden('Only an owner of the partner organisation may manage its people');
  return p.partnerId;
}

const inviteOut = (row: typeof partnerInvites.$inferSelect) => {
  const {
    tokenHash: _t,
    version: _v,
    lastMutationId: _m,
    updatedAt: _u,
    invitedBy: _i,
    acceptedUserId: _a,
    ...rest
  } = row;
  return serializeRow(rest) as z.infer<typeof Invite>;
};

/** People of partner organisations: members with their role (owner, manager) and one-time invitations. */
export function partnerMemberRoutes() {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/partner-org',
      tags: ['Partners'],
      summary: 'Your partner organisation (kind, territory, grade, status, contacts) and your role in it',
      security,
      responses: {
        200: json(
          z.object({
            id: z.string(),
            name: z.string(),
            kind: z.string(),
            territory: z.string().nullable(),
            grade: z.string(),
            status: z.string(),
            contacts: z.array(z.record(z.string(), z.unknown())),
            myRole: z.enum(PARTNER_MEMBER_ROLES),
          }),
        ),
        ...economyErrors,
      },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      if (!principal.partnerId) throw DomainError.notFound('partner organisation');
      const db = c.var.deps.database.db;
      const [org] = await db
        .select({
          id: partners.id,
          name: partners.name,
          kind: partners.kind,
          territory: partners.territory,
          grade: partners.grade,
          status: partners.status,
          contacts: partners.contacts,
        })
        .from(partners)
        .where(and(eq(partners.id, principal.partnerId), isNull(partners.deletedAt)));
      if (!org) throw DomainError.notFound('partner organisation');
      return c.json({ ...org, myRole: await memberRole(db, principal.userId) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/partners/{id}/members',
      tags: ['Partners'],
      summary: 'The users of a partner organisation with their roles (staff, or its own users)',
      security,
      request: { params: PartnerParam },
      responses: { 200: json(z.object({ items: z.array(Member) })), ...economyErrors },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      const { id } = valid<{ id: string }>(c, 'param');
      const staff = principal.grants.get('partners:read') === 'all';
      if (!staff && principal.partnerId !== id) throw DomainError.notFound('partner');
      const db = c.var.deps.database.db;
      await loadPartner(db, id);
      const rows = await db
        .select({
          userId: users.id,
          name: users.name,
          email: users.email,
          role: sql<string>`coalesce(${partnerMembers.role}, 'manager')`,
          since: users.createdAt,
        })
        .from(users)
        .leftJoin(partnerMembers, and(eq(partnerMembers.userId, users.id), isNull(partnerMembers.deletedAt)))
        .where(and(eq(users.partnerId, id), isNull(users.deletedAt)))
        .orderBy(users.name);
      return c.json({ items: rows.map((r) => serializeRow(r)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/partner-invites',
      tags: ['Partners'],
      summary: 'Invite someone into a partner organisation (staff, or its owner)',
      description: `Answers the one-time token once; the invitation is valid ${INVITE_DAYS} days. Send the link with it.`,
      security,
      request: { body: body(InviteCreate) },
      responses: {
        201: json(Invite.extend({ token: z.string(), link: z.string() }), 'Invited'),
        ...economyErrors,
      },
    }),
    async (c) => {
      const { principal, user } = requireAuth(c);
      const input = valid<z.infer<typeof InviteCreate>>(c, 'json');
      const token = generateToken();
      const row = await writeTx(c.var.deps.database.db, user.id, async (tx) => {
        const partnerId = await managedOrg(tx, principal, input.partnerId);
        const [taken] = await tx
          .select({ id: users.id })
          .from(users)
          .where(sql`lower(${users.email}) = ${input.email}`);
        if (taken) throw refused('email_taken', 'A user with this e-mail already exists');
        const now = await dbNow(tx);
        const [made] = await tx
          .insert(partnerInvites)
          .values({
            id: newId(),
            partnerId,
            email: input.email,
            role: input.role,
            tokenHash: hashToken(token),
            invitedBy: user.id,
            expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000).toISOString(),
          })
          .returning();
        return made as typeof partnerInvites.$inferSelect;
      });
      const base = c.var.deps.config.publicUrl ?? new URL(c.req.url).origin;
      return c.json({ ...inviteOut(row), token, link: `${base}/#/invite/${token}` }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/partner-invites',
      tags: ['Partners'],
      summary: 'Invitations of an organisation (staff: ?partnerId=, owners: their own)',
      security,
      request: { query: z.object({ partnerId: z.uuid().optional() }) },
      responses: { 200: json(z.object({ items: z.array(Invite) })), ...economyErrors },
    }),
    async (c) => {
      const { principal } = requireAuth(c);
      const { partnerId } = valid<{ partnerId?: string }>(c, 'query');
      const db = c.var.deps.database.db;
      const id = await managedOrg(db, principal, partnerId);
      const rows = await db
        .select()
        .from(partnerInvites)
        .where(eq(partnerInvites.partnerId, id))
        .orderBy(desc(partnerInvites.createdAt));
      return c.json({ items: rows.map(inviteOut) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/partner-invites/{id}/revoke',
      tags: ['Partners'],
      summary: 'Revoke an unused invitation',
      security,
      request: { params: IdParam },
      responses: { 200: json(Invite), ...economyErrors },
    }),
    async (c) => {
      const { principal, user } = requireAuth(c);
      const { id } = valid<{ id: string }>(c, 'param');
      const row = await writeTx(c.var.deps.database.db, user.id, async (tx) => {
        const [inv] = await tx
          .select()
          .from(partnerInvites)
          .where(eq(partnerInvites.id, id))
          .for('no key update');
        if (!inv) throw DomainError.notFound('invitation');
        await managedOrg(tx, principal, inv.partnerId);
        if (inv.acceptedAt || inv.revokedAt)
          throw refused('invite_closed', 'This invitation is already used or revoked');
        const [after] = await tx
          .update(partnerInvites)
          .set({ revokedAt: (await dbNow(tx)).toISOString() })
          .where(eq(partnerInvites.id, id))
          .returning();
        return after as typeof partnerInvites.$inferSelect;
      });
      return c.json(inviteOut(row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/partner-invites/accept',
      tags: ['Partners'],
      summary: 'Accept an invitation: creates the partner user (no sign-in; then sign in as usual)',
      request: { body: body(InviteAccept) },
      responses: {
        201: json(z.object({ email: z.string(), partnerId: z.string(), role: z.string() }), 'Joined'),
        ...economyErrors,
      },
    }),
    async (c) => {
      const input = valid<z.infer<typeof InviteAccept>>(c, 'json');
      const result = await writeTx(c.var.deps.database.db, null, async (tx) => {
        const [inv] = await tx
          .select()
          .from(partnerInvites)
          .where(eq(partnerInvites.tokenHash, hashToken(input.token)))
          .for('no key update');
        const now = await dbNow(tx);
        if (!inv || inv.revokedAt || new Date(inv.expiresAt) <= now)
          throw DomainError.validation('token', 'this invitation is not valid (expired, revoked or unknown)');
        if (inv.acceptedAt) throw refused('invite_closed', 'This invitation was already used');
        const u = await createUser(tx, {
          email: inv.email,
          password: input.password,
          name: input.name,
          roleKey: 'partner',
          partnerId: inv.partnerId,
        });
        await tx
          .insert(partnerMembers)
          .values({ id: newId(), partnerId: inv.partnerId, userId: u.id, role: inv.role });
        await tx
          .update(partnerInvites)
          .set({ acceptedAt: now.toISOString(), acceptedUserId: u.id })
          .where(eq(partnerInvites.id, inv.id));
        return { email: inv.email, partnerId: inv.partnerId, role: inv.role };
      });
      return c.json(result, 201);
    },
  );
  return app;
}
