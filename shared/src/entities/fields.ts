import { z } from 'zod';

/** Field validators shared by every entity schema: one definition of "a phone", "a name", "money". */
export const Name = z.string().trim().min(1).max(300);
export const ShortText = z.string().trim().max(300);
export const LongText = z.string().max(20_000);
export const Id = z.uuid();

export const Phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[\d\s()\-.]+$/, 'digits, spaces, +, (, ), - only')
  .refine((s) => s.replace(/\D/g, '').length >= 5, 'at least 5 digits');
export const Email = z
  .email()
  .max(254)
  .transform((s) => s.toLowerCase());
export const Tag = z.string().trim().min(1).max(50);

/** Russian taxpayer number: 10 digits (organisation) or 12 (person), with its check digits. */
export const Inn = z
  .string()
  .trim()
  .regex(/^(\d{10}|\d{12})$/, '10 or 12 digits')
  .refine(innChecksumOk, 'check digits do not match');

function innChecksumOk(inn: string): boolean {
  const d = [...inn].map(Number);
  const check = (weights: number[]) => (weights.reduce((s, w, i) => s + w * (d[i] ?? 0), 0) % 11) % 10;
  if (d.length === 10) return check([2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  return (
    check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] && check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11]
  );
}

/** Minor units (kopecks): integers only, so money never meets a float. */
export const MinorUnits = z.number().int().min(0).max(1e15);
export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: true });
export const CustomValues = z
  .record(z.string().max(40), z.unknown())
  .refine((o) => Object.keys(o).length <= 100, 'at most 100 custom fields');

export const Timestamps = {
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  lastMutationId: z.string().nullable(),
  deletedAt: z.string().nullable(),
};
