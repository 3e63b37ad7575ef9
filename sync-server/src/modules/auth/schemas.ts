import { z } from '@hono/zod-openapi';

export const Password = z.string().min(8).max(200);
const Email = z.email().max(254);

export const LoginBody = z.strictObject({
  email: Email,
  password: z.string().min(1).max(200),
  totp: z
    .string()
    .max(40)
    .optional()
    .openapi({ description: 'Six-digit code from the authenticator app, or a recovery code' }),
});

export const PublicUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    teamId: z.string().nullable(),
    partnerId: z.string().nullable(),
    locale: z.string(),
    totpEnabled: z.boolean(),
    permissions: z.array(z.object({ resource: z.string(), action: z.string(), scope: z.string() })),
  })
  .openapi('Me');

export const LoginResult = z.object({ token: z.string(), expiresAt: z.string(), user: PublicUser });

export const SessionInfo = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
});

export const PasswordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: Password,
});
export const TotpSetupResult = z.object({ secret: z.string(), uri: z.string() });
export const TotpEnableBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'six digits') });
export const TotpEnableResult = z.object({ recoveryCodes: z.array(z.string()) });
export const TotpDisableBody = z.strictObject({
  password: z.string().min(1).max(200),
  code: z.string().max(40),
});
