import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { partners, users } from './access.ts';
import { softDelete, syncColumns } from './columns.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Search columns are filled by a trigger (migrations/0001) from name, company details, phones and e-mails. */
const searchColumns = {
  searchText: text().notNull().default(''),
  search: tsvector(),
};

export const clients = pgTable(
  'clients',
  {
    ...syncColumns,
    kind: text().notNull().default('person'),
    name: text().notNull(),
    status: text().notNull().default('lead'),
    source: text(),
    ownerId: uuid().references(() => users.id),
    partnerId: uuid().references(() => partners.id),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    phones: text().array().notNull().default(sql`'{}'::text[]`),
    emails: text().array().notNull().default(sql`'{}'::text[]`),
    inn: text(),
    kpp: text(),
    ogrn: text(),
    legalName: text(),
    address: text(),
    website: text(),
    description: text(),
    custom: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ...searchColumns,
    ...softDelete,
  },
  (t) => [
    index('clients_owner_idx').on(t.ownerId),
    index('clients_partner_idx').on(t.partnerId),
    index('clients_created_idx').on(t.createdAt, t.id),
    index('clients_updated_idx').on(t.updatedAt, t.id),
    index('clients_name_idx').on(t.name, t.id),
    index('clients_search_idx').using('gin', t.search),
    index('clients_tags_idx').using('gin', t.tags),
  ],
);

/** People at a company client. */
export const contacts = pgTable(
  'contacts',
  {
    ...syncColumns,
    clientId: uuid()
      .notNull()
      .references(() => clients.id),
    name: text().notNull(),
    position: text(),
    phones: text().array().notNull().default(sql`'{}'::text[]`),
    emails: text().array().notNull().default(sql`'{}'::text[]`),
    custom: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ...searchColumns,
    ...softDelete,
  },
  (t) => [index('contacts_client_idx').on(t.clientId), index('contacts_search_idx').using('gin', t.search)],
);

export const pipelines = pgTable('pipelines', {
  ...syncColumns,
  name: text().notNull(),
  position: integer().notNull().default(0),
  isDefault: boolean().notNull().default(false),
  ...softDelete,
});

export const stages = pgTable(
  'stages',
  {
    ...syncColumns,
    pipelineId: uuid()
      .notNull()
      .references(() => pipelines.id),
    name: text().notNull(),
    position: integer().notNull().default(0),
    color: text(),
    isWon: boolean().notNull().default(false),
    isLost: boolean().notNull().default(false),
    ...softDelete,
  },
  (t) => [index('stages_pipeline_idx').on(t.pipelineId, t.position)],
);

export const deals = pgTable(
  'deals',
  {
    ...syncColumns,
    title: text().notNull(),
    clientId: uuid().references(() => clients.id),
    pipelineId: uuid()
      .notNull()
      .references(() => pipelines.id),
    stageId: uuid()
      .notNull()
      .references(() => stages.id),
    amount: bigint({ mode: 'number' }).notNull().default(0),
    currency: text().notNull().default('RUB'),
    ownerId: uuid().references(() => users.id),
    partnerId: uuid().references(() => partners.id),
    expectedCloseDate: date({ mode: 'string' }),
    closedAt: timestamp({ withTimezone: true, mode: 'string' }),
    custom: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ...searchColumns,
    ...softDelete,
  },
  (t) => [
    index('deals_owner_idx').on(t.ownerId),
    index('deals_partner_idx').on(t.partnerId),
    index('deals_client_idx').on(t.clientId),
    index('deals_stage_idx').on(t.pipelineId, t.stageId),
    index('deals_created_idx').on(t.createdAt, t.id),
    index('deals_search_idx').using('gin', t.search),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    ...syncColumns,
    title: text().notNull(),
    description: text(),
    clientId: uuid().references(() => clients.id),
    dealId: uuid().references(() => deals.id),
    assigneeId: uuid().references(() => users.id),
    createdBy: uuid().references(() => users.id),
    dueAt: timestamp({ withTimezone: true, mode: 'string' }),
    remindAt: timestamp({ withTimezone: true, mode: 'string' }),
    done: boolean().notNull().default(false),
    doneAt: timestamp({ withTimezone: true, mode: 'string' }),
    ...searchColumns,
    ...softDelete,
  },
  (t) => [
    index('tasks_assignee_idx').on(t.assigneeId, t.done, t.dueAt),
    index('tasks_client_idx').on(t.clientId),
    index('tasks_deal_idx').on(t.dealId),
  ],
);

export const notes = pgTable(
  'notes',
  {
    ...syncColumns,
    body: text().notNull(),
    clientId: uuid().references(() => clients.id),
    dealId: uuid().references(() => deals.id),
    authorId: uuid().references(() => users.id),
    ...searchColumns,
    ...softDelete,
  },
  (t) => [index('notes_client_idx').on(t.clientId), index('notes_deal_idx').on(t.dealId)],
);

/** Saved filters: the same filter object the list API takes. */
export const segments = pgTable(
  'segments',
  {
    ...syncColumns,
    name: text().notNull(),
    entity: text().notNull(),
    filters: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ownerId: uuid().references(() => users.id),
    shared: boolean().notNull().default(false),
    ...softDelete,
  },
  (t) => [index('segments_owner_idx').on(t.ownerId)],
);

export const customFields = pgTable(
  'custom_fields',
  {
    ...syncColumns,
    entity: text().notNull(),
    key: text().notNull(),
    label: text().notNull(),
    type: text().notNull(),
    options: jsonb().$type<string[]>().notNull().default([]),
    required: boolean().notNull().default(false),
    position: integer().notNull().default(0),
    ...softDelete,
  },
  (t) => [uniqueIndex('custom_fields_entity_key_uq').on(t.entity, t.key)],
);

/** Written only by the audit trigger (migrations/0001): who changed what, with the per-field diff. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tableName: text().notNull(),
    rowId: uuid().notNull(),
    action: text().notNull(),
    actorId: uuid(),
    diff: jsonb().$type<Record<string, [unknown, unknown]>>().notNull(),
    txid: bigint({ mode: 'number' }).notNull(),
    at: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_row_idx').on(t.tableName, t.rowId, t.id),
    index('audit_log_actor_idx').on(t.actorId),
  ],
);
