import type { TFunction } from 'i18next';
import { formatDate, formatMoney } from '../../common/index.ts';
import type { UserOption } from '../../records/index.tsx';
import type { ColumnSpec } from '../table/columns-spec.ts';
import { type ColumnFilter, NO_OWNER } from '../table/query.ts';

/** A filter in a few words for its chip: `Статус: Лид, Клиент`, `Создан: 01.03.2025 – …`. */
export function summarizeFilter(
  spec: ColumnSpec,
  filter: ColumnFilter,
  t: TFunction<'clients'>,
  users: Map<string, UserOption>,
): string {
  switch (filter.kind) {
    case 'text':
      return `«${filter.value}»`;
    case 'select':
      return filter.values
        .map((v) => {
          if (spec.id === 'owner') return v === NO_OWNER ? t('noOwner') : (users.get(v)?.name ?? '…');
          if (spec.id === 'status' || spec.id === 'kind') return t(`${spec.id as 'status'}.${v as 'lead'}`);
          return v;
        })
        .join(', ');
    case 'dateRange':
      return `${filter.from ? formatDate(filter.from) : '…'} – ${filter.to ? formatDate(filter.to) : '…'}`;
    case 'numberRange': {
      const show = (n: number | null) =>
        n === null ? '…' : spec.custom?.type === 'money' ? formatMoney(n / 100) : String(n);
      return `${show(filter.min)} – ${show(filter.max)}`;
    }
    case 'boolean':
      return filter.value ? t('filter.yes') : t('filter.no');
  }
}
