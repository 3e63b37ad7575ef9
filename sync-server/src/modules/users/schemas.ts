import { Id, Name, Timestamps } from '@mak/shared/entities';
import { z } from 'zod';

const RoleKey = z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, 'a role key such as sales');
const Locale = z.enum(['ru', 'en']);

export const UserCreate = z.strictObject({
  id: Id.optional(),
  email: z.email().max(254),
  name: Name,
  password: z.string().min(8).max(200),
  role: RoleKey,
  teamId: Id.nullable().optional(),
  partnerId: Id.nullable().optional(),
  locale: Locale.default('ru'),
});
export const UserPatch = z
  .strictObject({
    name: Name,
    role: RoleKey,
    teamId: Id.nullable(),
    partnerId: Id.nullable(),
    locale: Locale,
    isActive: z.boolean(),
    version: z.number().int().min(1),
  })
  .partial();
export const User = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  roleId: Id,
  teamId: Id.nullable(),
  partnerId: Id.nullable(),
  locale: z.string(),
  isActive: z.boolean(),
  ...Timestamps,
});
