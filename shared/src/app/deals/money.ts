import i18n from 'i18next';
import { formatMoney } from '../common/format.ts';

/**
 * Deal amounts are kept in minor units (kopecks); the screens show and take major units (roubles). Whole sums
 * show without kopecks, others with them, so 12 345,50 ₽ is not rounded to 12 346 ₽.
 */
export function formatAmount(minor: number | string | null | undefined, currency = 'RUB'): string {
  if (minor === null || minor === undefined || minor === '') return formatMoney(null);
  const n = Number(minor);
  if (!Number.isFinite(n) || Number.isInteger(n / 100)) return formatMoney(n / 100, currency);
  return new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'ru-RU', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(n / 100);
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
