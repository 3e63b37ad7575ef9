import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Columns every synced row carries (ARCHITECTURE §3). Ids are UUID v7 made by whoever creates the row. */
export const syncColumns = {
  id: uuid().primaryKey(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  version: integer().notNull().default(1),
  lastMutationId: uuid(),
};

/** Business records are soft-deleted so they can be restored and their history stays whole. */
export const softDelete = {
  deletedAt: timestamp({ withTimezone: true, mode: 'string' }),
};
