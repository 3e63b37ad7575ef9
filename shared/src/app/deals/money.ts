import { formatMoney } from '../common/format.ts';

/** Deal amounts are kept in minor units (kopecks); the screens show and take major units (roubles). */
export function formatAmount(minor: number | string | null | undefined, currency = 'RUB'): string {
  if (minor === null || minor === undefined || minor === '') return formatMoney(null);
  return formatMoney(Number(minor) / 100, currency);
}

export function toMajor(minor: number | string | null | undefined): number {
  return minor === null || minor === undefined ? 0 : Number(minor) / 100;
}

/** Major units as typed (a number input's value) to whole minor units; null when not a valid amount. */
export function toMinor(major: number | string | null | undefined): number | null {
  if (major === null || major === undefined || major === '') return 0;
  const n = typeof major === 'number' ? major : Number(String(major).replace(/\s/g, '').replace(',', '.'));
  if (!Number.isFinite(n) || n < 0) return null;
  return Math.round(n * 100);
}
