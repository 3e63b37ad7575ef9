import { z } from 'zod';
import { Id, Inn, Name, Timestamps } from './fields.ts';

/** Teams of staff users: a manager's scope is the team. */
export const TeamCreate = z.strictObject({ id: Id.optional(), name: Name });
export const TeamPatch = z.strictObject({ name: Name, version: z.number().int().min(1) }).partial();
export const Team = z.object({ id: Id, name: z.string(), ...Timestamps });

/** Partner organisations (franchisees, agents): their users see only the clients and deals given to them. */
export const PartnerCreate = z.strictObject({
  id: Id.optional(),
  name: Name,
  inn: Inn.nullable().optional(),
});
export const PartnerPatch = z
  .strictObject({ name: Name, inn: Inn.nullable(), version: z.number().int().min(1) })
  .partial();
export const Partner = z.object({ id: Id, name: z.string(), inn: z.string().nullable(), ...Timestamps });
