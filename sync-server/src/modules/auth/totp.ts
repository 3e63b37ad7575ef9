import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyTOTPWithGracePeriod } from '@oslojs/otp';

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

/** Accepts the current code and the neighbouring ones (±30 s of clock drift). */
export function verifyTotp(secret: string, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return verifyTOTPWithGracePeriod(decodeBase32IgnorePadding(secret), PERIOD, DIGITS, code, PERIOD);
}

export function generateRecoveryCode(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  const s = encodeBase32UpperCaseNoPadding(bytes);
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}`;
}
