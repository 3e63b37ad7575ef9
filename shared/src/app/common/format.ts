import dayjs from 'dayjs';
import i18n from 'i18next';

const locale = () => (i18n.language === 'en' ? 'en-US' : 'ru-RU');

/** Money in its currency, roubles by default: `1 250 000 ₽`. Amounts arrive as numeric strings from Postgres. */
export function formatMoney(amount: string | number | null | undefined, currency = 'RUB'): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const n = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(n)) return String(amount);
  return new Intl.NumberFormat(locale(), { style: 'currency', currency, maximumFractionDigits: 0 }).format(n);
}

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  return dayjs(value).format('DD.MM.YYYY');
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  return dayjs(value).format('DD.MM.YYYY HH:mm');
}
