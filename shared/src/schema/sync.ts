import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { softDelete, syncColumns } from './columns.ts';

/**
 * Every mutation the server has seen, by its client-made id: a repeat (an offline client retrying) gets the first
 * answer back instead of being applied twice.
 */
export const mutations = pgTable(
  'mutations',
  {
    id: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    status: text().notNull(),
    txid: bigint({ mode: 'number' }),
    result: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('mutations_user_idx').on(t.userId, t.createdAt)],
);

/** Transactional outbox: domain events written with the change, handed to the job queues after commit. */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    entity: text().notNull(),
    entityId: uuid().notNull(),
    actorId: uuid(),
    mutationId: uuid(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true, mode: 'string' }),
  },
  (t) => [index('domain_events_unpublished_idx').on(t.publishedAt, t.id)],
);

/**
 * Things a user must be told about their own edits (synced to them like any record): an edit of theirs that a
 * later one overwrote, a client they created that looks like a duplicate.
 */
export const syncNotices = pgTable(
  'sync_notices',
  {
    ...syncColumns,
    userId: uuid()
      .notNull()
      .references(() => users.id),
    kind: text().notNull(),
    entity: text().notNull(),
    entityId: uuid().notNull(),
    field: text(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    dismissedAt: timestamp({ withTimezone: true, mode: 'string' }),
    ...softDelete,
  },
  (t) => [index('sync_notices_user_idx').on(t.userId, t.createdAt)],
);
