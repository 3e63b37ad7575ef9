import { z } from 'zod';
import { Email, Id, Inn, Name, Phone, ShortText, Timestamps } from './fields.ts';

/** Teams of staff users: a manager's scope is the team. */
export const TeamCreate = z.strictObject({ id: Id.optional(), name: Name });
export const TeamPatch = z.strictObject({ name: Name, version: z.number().int().min(1) }).partial();
export const Team = z.object({ id: Id, name: z.string(), ...Timestamps });

/** Partner organisations (franchisees, agents): their users see only the clients and deals given to them. */
export const PartnerKind = z.enum(['partner', 'franchisee']);
export const PartnerGrade = z.enum(['bronze', 'silver', 'gold']);
export const PartnerStatus = z.enum(['pending', 'active', 'suspended']);
export const PartnerContact = z.strictObject({
  name: Name,
  phone: Phone.optional(),
  email: Email.optional(),
  position: ShortText.optional(),
});
const partnerFields = {
  name: Name,
  inn: Inn.nullable(),
  kind: PartnerKind,
  /** Region the organisation works in (lead routing and auction eligibility); null = anywhere. */
  territory: ShortText.min(1).nullable(),
  grade: PartnerGrade,
  status: PartnerStatus,
  contacts: z.array(PartnerContact).max(20),
};
export const PartnerCreate = z.strictObject({
  id: Id.optional(),
  name: Name,
  inn: Inn.nullable().optional(),
  kind: PartnerKind.optional(),
  territory: partnerFields.territory.optional(),
  grade: PartnerGrade.optional(),
  status: PartnerStatus.optional(),
  contacts: partnerFields.contacts.optional(),
});
export const PartnerPatch = z.strictObject({ ...partnerFields, version: z.number().int().min(1) }).partial();
export const Partner = z.object({
  id: Id,
  name: z.string(),
  inn: z.string().nullable(),
  kind: z.string(),
  territory: z.string().nullable(),
  grade: z.string(),
  status: z.string(),
  contacts: z.array(
    z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() }),
  ),
  ...Timestamps,
});
