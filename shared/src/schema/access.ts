import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { softDelete, syncColumns } from './columns.ts';

export const teams = pgTable('teams', {
  ...syncColumns,
  name: text().notNull(),
  ...softDelete,
});

/** Partner organisations (franchisees, agents): their users see only what is given to them. */
export const partners = pgTable(
  'partners',
  {
    ...syncColumns,
    name: text().notNull(),
    inn: text(),
    /** partner | franchisee; grade (bronze | silver | gold) weights lead distribution and commission rules. */
    kind: text().notNull().default('partner'),
    territory: text(),
    grade: text().notNull().default('bronze'),
    /** pending | active | suspended: only active organisations are offered leads or may bid. */
    status: text().notNull().default('active'),
    contacts: jsonb()
      .$type<{ name: string; phone?: string; email?: string; position?: string }[]>()
      .notNull()
      .default([]),
    ...softDelete,
  },
  (t) => [
    check('partners_kind_ck', sql`${t.kind} IN ('partner', 'franchisee')`),
    check('partners_grade_ck', sql`${t.grade} IN ('bronze', 'silver', 'gold')`),
    check('partners_status_ck', sql`${t.status} IN ('pending', 'active', 'suspended')`),
  ],
);

export const roles = pgTable(
  'roles',
  {
    ...syncColumns,
    key: text().notNull(),
    name: text().notNull(),
    builtin: boolean().notNull().default(false),
    ...softDelete,
  },
  (t) => [uniqueIndex('roles_key_uq').on(t.key)],
);

export const rolePermissions = pgTable(
  'role_permissions',
  {
    ...syncColumns,
    roleId: uuid()
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    resource: text().notNull(),
    action: text().notNull(),
    scope: text().notNull(),
  },
  (t) => [uniqueIndex('role_permissions_uq').on(t.roleId, t.resource, t.action)],
);

export const users = pgTable(
  'users',
  {
    ...syncColumns,
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    roleId: uuid()
      .notNull()
      .references(() => roles.id),
    teamId: uuid().references(() => teams.id),
    partnerId: uuid().references(() => partners.id),
    locale: text().notNull().default('ru'),
    isActive: boolean().notNull().default(true),
    totpSecret: text(),
    totpPendingSecret: text(),
    /** The last TOTP time step accepted, so a code cannot be replayed within its window. */
    totpLastStep: bigint({ mode: 'number' }),
    failedLoginCount: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true, mode: 'string' }),
    passwordChangedAt: timestamp({ withTimezone: true, mode: 'string' }),
    ...softDelete,
  },
  (t) => [
    uniqueIndex('users_email_uq').on(sql`lower(${t.email})`),
    index('users_team_idx').on(t.teamId),
    index('users_partner_idx').on(t.partnerId),
  ],
);

/** Sessions as in the Lucia guide: the token lives only with the client, we keep its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
    publicId: uuid().notNull(),
    userAgent: text(),
    ip: text(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), uniqueIndex('sessions_public_id_uq').on(t.publicId)],
);

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true, mode: 'string' }),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);
