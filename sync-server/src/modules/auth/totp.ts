import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';

const PERIOD = 30;
const DIGITS = 6;

export function generateTotpSecret(): string {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return encodeBase32UpperCaseNoPadding(key);
}

export function totpUri(secret: string, account: string): string {
  return createTOTPKeyURI('MaK CRM', account, decodeBase32IgnorePadding(secret), PERIOD, DIGITS);
}

/**
 * The time step a code belongs to (current or a neighbour, for ±30 s of clock drift), or null when it matches none.
 * Callers accept a step only once (users.totp_last_step), so a code seen over someone's shoulder can't be replayed.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const key = decodeBase32IgnorePadding(secret);
  const current = Math.floor(now / 1000 / PERIOD);
  for (const step of [current, current - 1, current + 1]) {
    if (generateHOTP(key, BigInt(step), DIGITS) === code) return step;
  }
  return null;
}

export function generateRecoveryCode(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  const s = encodeBase32UpperCaseNoPadding(bytes);
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}`;
}
