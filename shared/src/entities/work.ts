import { z } from 'zod';
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES } from '../schema/constants.ts';
import { Id, IsoDateTime, LongText, Name, Timestamps } from './fields.ts';

export const TaskCreate = z.strictObject({
  id: Id.optional(),
  title: Name,
  description: LongText.nullable().optional(),
  clientId: Id.nullable().optional(),
  dealId: Id.nullable().optional(),
  assigneeId: Id.nullable().optional(),
  dueAt: IsoDateTime.nullable().optional(),
  remindAt: IsoDateTime.nullable().optional(),
  done: z.boolean().default(false),
});
export const TaskPatch = z
  .strictObject({
    title: Name,
    description: LongText.nullable(),
    clientId: Id.nullable(),
    dealId: Id.nullable(),
    assigneeId: Id.nullable(),
    dueAt: IsoDateTime.nullable(),
    remindAt: IsoDateTime.nullable(),
    done: z.boolean(),
    version: z.number().int().min(1),
  })
  .partial();
export const Task = z.object({
  id: Id,
  title: z.string(),
  description: z.string().nullable(),
  clientId: Id.nullable(),
  dealId: Id.nullable(),
  assigneeId: Id.nullable(),
  createdBy: Id.nullable(),
  dueAt: z.string().nullable(),
  remindAt: z.string().nullable(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  ...Timestamps,
});

export const NoteCreate = z.strictObject({
  id: Id.optional(),
  body: LongText.min(1),
  clientId: Id.nullable().optional(),
  dealId: Id.nullable().optional(),
});
export const NotePatch = z
  .strictObject({ body: LongText.min(1), version: z.number().int().min(1) })
  .partial();
export const Note = z.object({
  id: Id,
  body: z.string(),
  clientId: Id.nullable(),
  dealId: Id.nullable(),
  authorId: Id.nullable(),
  ...Timestamps,
});

const SegmentFilters = z
  .record(
    z.string().max(40),
    z.union([z.string().max(500), z.number(), z.boolean(), z.array(z.string().max(200)).max(50)]),
  )
  .refine((o) => Object.keys(o).length <= 30, 'at most 30 filters');
export const SegmentCreate = z.strictObject({
  id: Id.optional(),
  name: Name,
  entity: z.enum(['clients', 'deals', 'tasks']),
  filters: SegmentFilters.default({}),
  shared: z.boolean().default(false),
});
export const SegmentPatch = z
  .strictObject({
    name: Name,
    filters: SegmentFilters,
    shared: z.boolean(),
    version: z.number().int().min(1),
  })
  .partial();
export const Segment = z.object({
  id: Id,
  name: z.string(),
  entity: z.string(),
  filters: z.record(z.string(), z.unknown()),
  ownerId: Id.nullable(),
  shared: z.boolean(),
  ...Timestamps,
});

const Options = z.array(z.string().trim().min(1).max(100)).max(200);
export const CustomFieldCreate = z
  .strictObject({
    id: Id.optional(),
    entity: z.enum(CUSTOM_FIELD_ENTITIES),
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'latin lower case, digits and _, starting with a letter'),
    label: Name,
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: Options.default([]),
    required: z.boolean().default(false),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .refine((d) => !['select', 'multiselect'].includes(d.type) || d.options.length > 0, {
    path: ['options'],
    message: 'a select field needs options',
  });
export const CustomFieldPatch = z
  .strictObject({
    label: Name,
    options: Options,
    required: z.boolean(),
    position: z.number().int().min(0).max(10_000),
    version: z.number().int().min(1),
  })
  .partial();
export const CustomField = z.object({
  id: Id,
  entity: z.string(),
  key: z.string(),
  label: z.string(),
  type: z.string(),
  options: z.array(z.string()),
  required: z.boolean(),
  position: z.number(),
  ...Timestamps,
});
