import type { LoginResult } from '../../../engine/contract.ts';

export interface LoginFields {
  serverUrl: string;
  email: string;
  password: string;
}

type FieldErrors = Partial<Record<keyof LoginFields, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An http(s) URL without a trailing slash, or null when it is not one. */
export function normaliseServerUrl(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** i18n keys (under `shell:login.errors`) of the fields that are not right yet; empty when the form may go. */
export function validateLogin(fields: LoginFields, askServerUrl: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (askServerUrl) {
    if (!fields.serverUrl.trim()) errors.serverUrl = 'serverUrlRequired';
    else if (!normaliseServerUrl(fields.serverUrl)) errors.serverUrl = 'serverUrlInvalid';
  }
  const email = fields.email.trim();
  if (!email) errors.email = 'emailRequired';
  else if (!EMAIL.test(email) || email.length > 254) errors.email = 'emailInvalid';
  if (!fields.password) errors.password = 'passwordRequired';
  return errors;
}

export type LoginStep = 'credentials' | 'totp';

/** What a failed sign-in means for the form: the message key, and whether to ask for the second factor. */
export function loginFailure(
  result: Extract<LoginResult, { ok: false }>,
  step: LoginStep,
): { next: LoginStep; error: string | null } {
  switch (result.code) {
    case 'totp_required':
      return { next: 'totp', error: step === 'totp' ? 'totpRequired' : null };
    case 'unauthenticated':
      return step === 'totp'
        ? { next: 'totp', error: 'wrongTotp' }
        : { next: 'credentials', error: 'wrongCredentials' };
    case 'locked':
      return { next: 'credentials', error: 'locked' };
    case 'rate_limited':
      return { next: step, error: 'rateLimited' };
    case 'network':
      return { next: step, error: 'network' };
    case 'validation':
      return { next: step, error: 'invalid' };
    default:
      return { next: step, error: 'unknown' };
  }
}
