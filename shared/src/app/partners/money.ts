import { formatMoney } from '../common/format.ts';

/** Economy amounts are kopecks (int8, may arrive as strings from Postgres); the screens show roubles. */
export function rub(kopecks: number | string | null | undefined, currency = 'RUB'): string {
  if (kopecks === null || kopecks === undefined || kopecks === '') return formatMoney(null);
  return formatMoney(Number(kopecks) / 100, currency);
}

/** Roubles as typed to whole kopecks; null unless a finite amount (negative only when `signed`). */
export function toKopecks(roubles: string | number, signed = false): number | null {
  const text = String(roubles).replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d{0,2})?$/.test(text)) return null;
  const n = Math.round(Number(text) * 100);
  if (!Number.isSafeInteger(n) || n === 0 || (!signed && n < 0)) return null;
  return n;
}
