import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatAmount, toMinor } from './money.ts';

describe('deal money', () => {
  beforeAll(async () => {
    await i18n.init({ lng: 'ru', resources: {} });
  });

  it('shows kopecks only when there are any', () => {
    expect(formatAmount(1_250_000_00).replace(/\s/g, ' ')).toBe('1 250 000 ₽');
    expect(formatAmount(1_234_550).replace(/\s/g, ' ')).toBe('12 345,50 ₽');
    expect(formatAmount(null)).toBe('—');
  });

  it('reads typed amounts into whole kopecks and refuses negatives and junk', () => {
    expect(toMinor('12 345,5')).toBe(1_234_550);
    expect(toMinor(0.1 + 0.2)).toBe(30);
    expect(toMinor('')).toBe(0);
    expect(toMinor(-1)).toBeNull();
    expect(toMinor('abc')).toBeNull();
  });
});
