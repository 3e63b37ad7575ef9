import { z } from 'zod';
import { CURRENCIES } from '../schema/constants.ts';
import { CustomValues, Id, IsoDate, MinorUnits, Name, Timestamps } from './fields.ts';

const editable = {
  title: Name,
  clientId: Id.nullable(),
  pipelineId: Id,
  stageId: Id,
  amount: MinorUnits,
  currency: z.enum(CURRENCIES),
  ownerId: Id.nullable(),
  partnerId: Id.nullable(),
  expectedCloseDate: IsoDate.nullable(),
  custom: CustomValues,
};

export const DealCreate = z.strictObject({
  id: Id.optional(),
  title: editable.title,
  clientId: editable.clientId.optional(),
  pipelineId: editable.pipelineId.optional(),
  stageId: editable.stageId.optional(),
  amount: editable.amount.default(0),
  currency: editable.currency.default('RUB'),
  ownerId: editable.ownerId.optional(),
  partnerId: editable.partnerId.optional(),
  expectedCloseDate: editable.expectedCloseDate.optional(),
  custom: editable.custom.default({}),
});
export type DealCreate = z.infer<typeof DealCreate>;

export const DealPatch = z.strictObject({ ...editable, version: z.number().int().min(1) }).partial();
export type DealPatch = z.infer<typeof DealPatch>;

export const Deal = z.object({
  id: Id,
  ...editable,
  title: z.string(),
  currency: z.string(),
  expectedCloseDate: z.string().nullable(),
  closedAt: z.string().nullable(),
  ...Timestamps,
});

export const PipelineCreate = z.strictObject({
  id: Id.optional(),
  name: Name,
  position: z.number().int().min(0).max(10_000).default(0),
  isDefault: z.boolean().default(false),
});
export const PipelinePatch = z
  .strictObject({
    name: Name,
    position: z.number().int().min(0).max(10_000),
    isDefault: z.boolean(),
    version: z.number().int().min(1),
  })
  .partial();
export const Pipeline = z.object({
  id: Id,
  name: z.string(),
  position: z.number(),
  isDefault: z.boolean(),
  ...Timestamps,
});

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1e88e5');
export const StageCreate = z.strictObject({
  id: Id.optional(),
  pipelineId: Id,
  name: Name,
  position: z.number().int().min(0).max(10_000).default(0),
  color: Color.nullable().optional(),
  isWon: z.boolean().default(false),
  isLost: z.boolean().default(false),
});
export const StagePatch = z
  .strictObject({
    name: Name,
    position: z.number().int().min(0).max(10_000),
    color: Color.nullable(),
    isWon: z.boolean(),
    isLost: z.boolean(),
    version: z.number().int().min(1),
  })
  .partial();
export const Stage = z.object({
  id: Id,
  pipelineId: Id,
  name: z.string(),
  position: z.number(),
  color: z.string().nullable(),
  isWon: z.boolean(),
  isLost: z.boolean(),
  ...Timestamps,
});
