import { z } from '@hono/zod-openapi';

/** Kopecks: a positive whole number, at most 10^13 (100 billion roubles), so sums stay exact in a JS number. */
export const Kopecks = z
  .number()
  .int('whole kopecks only')
  .positive()
  .max(1e13)
  .openapi({ description: 'Amount in kopecks (1 ₽ = 100)', example: 150_000 });

/** A signed amount (adjustments): never zero. */
export const SignedKopecks = z
  .number()
  .int('whole kopecks only')
  .min(-1e13)
  .max(1e13)
  .refine((n) => n !== 0, 'must not be zero')
  .openapi({ description: 'Signed amount in kopecks', example: -5_000 });

/** 123456 → "1 234,56" (Russian grouping), for statements. */
export function formatRub(kopecks: number): string {
  const sign = kopecks < 0 ? '−' : '';
  const abs = Math.abs(kopecks);
  const rub = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${sign}${rub},${String(abs % 100).padStart(2, '0')}`;
}
