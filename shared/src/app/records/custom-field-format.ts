import i18n from 'i18next';
import { formatDate, formatMoney } from '../common/index.ts';

/** A custom value as text for lists and read-only views; money is stored in kopecks. */
export function formatCustomValue(type: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (type) {
    case 'money':
      return typeof value === 'number' ? formatMoney(value / 100) : String(value);
    case 'number':
      return typeof value === 'number'
        ? new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'ru-RU').format(value)
        : String(value);
    case 'date':
      return typeof value === 'string' ? formatDate(value) : String(value);
    case 'boolean':
      return value === true ? i18n.t('records:customFields.yes') : i18n.t('records:customFields.no');
    case 'multiselect':
      return Array.isArray(value) ? value.join(', ') : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
