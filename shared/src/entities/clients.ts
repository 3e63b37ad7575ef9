import { z } from 'zod';
import { CLIENT_KINDS, CLIENT_STATUSES } from '../schema/constants.ts';
import { CustomValues, Email, Id, Inn, LongText, Name, Phone, ShortText, Tag, Timestamps } from './fields.ts';

const editable = {
  kind: z.enum(CLIENT_KINDS),
  name: Name,
  status: z.enum(CLIENT_STATUSES),
  source: ShortText.nullable(),
  ownerId: Id.nullable(),
  partnerId: Id.nullable(),
  tags: z.array(Tag).max(50),
  phones: z.array(Phone).max(20),
  emails: z.array(Email).max(20),
  inn: Inn.nullable(),
  kpp: z
    .string()
    .regex(/^\d{9}$/, '9 digits')
    .nullable(),
  ogrn: z
    .string()
    .regex(/^(\d{13}|\d{15})$/, '13 or 15 digits')
    .nullable(),
  legalName: ShortText.nullable(),
  address: z.string().max(1000).nullable(),
  website: z.string().max(300).nullable(),
  description: LongText.nullable(),
  custom: CustomValues,
};

export const ClientCreate = z.strictObject({
  id: Id.optional(),
  ...editable,
  kind: editable.kind.default('person'),
  status: editable.status.default('lead'),
  tags: editable.tags.default([]),
  phones: editable.phones.default([]),
  emails: editable.emails.default([]),
  custom: editable.custom.default({}),
  source: editable.source.optional(),
  ownerId: editable.ownerId.optional(),
  partnerId: editable.partnerId.optional(),
  inn: editable.inn.optional(),
  kpp: editable.kpp.optional(),
  ogrn: editable.ogrn.optional(),
  legalName: editable.legalName.optional(),
  address: editable.address.optional(),
  website: editable.website.optional(),
  description: editable.description.optional(),
});
export type ClientCreate = z.infer<typeof ClientCreate>;

export const ClientPatch = z.strictObject({ ...editable, version: z.number().int().min(1) }).partial();
export type ClientPatch = z.infer<typeof ClientPatch>;

export const Client = z.object({ id: Id, ...editable, ...Timestamps });
export type Client = z.infer<typeof Client>;

export const ContactCreate = z.strictObject({
  id: Id.optional(),
  clientId: Id,
  name: Name,
  position: ShortText.nullable().optional(),
  phones: z.array(Phone).max(20).default([]),
  emails: z.array(Email).max(20).default([]),
  custom: CustomValues.default({}),
});
export const ContactPatch = z
  .strictObject({
    name: Name,
    position: ShortText.nullable(),
    phones: z.array(Phone).max(20),
    emails: z.array(Email).max(20),
    custom: CustomValues,
    version: z.number().int().min(1),
  })
  .partial();
export const Contact = z.object({
  id: Id,
  clientId: Id,
  name: z.string(),
  position: z.string().nullable(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  ...Timestamps,
});
